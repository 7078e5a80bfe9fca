/** jjava's connection with event-driven shell and control channels that refuse badly signed messages. */
package io.livemig.kernel.channel;
