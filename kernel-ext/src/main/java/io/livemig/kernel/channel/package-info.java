/**
 * The Jupyter protocol where jjava's handling is slow, lossy or incomplete: event-driven shell and control channels
 * that refuse badly signed messages, an IOPub socket that never drops, stream output sent in batches, replies
 * with the fields the protocol requires, and the session's history.
 */
package io.livemig.kernel.channel;
