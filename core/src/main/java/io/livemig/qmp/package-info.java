/**
 * A client for QEMU's machine protocol (QMP) over a unix-domain socket: the greeting and capability
 * negotiation, commands with time-outs, asynchronous events, and every failure as a one-line
 * {@link io.livemig.qmp.QmpException} (a command QEMU refused with its {@code class} and {@code desc}, a dropped
 * connection, a peer that does not speak QMP, a reply that did not come in time).
 *
 * <p>The protocol is QEMU's {@code docs/interop/qmp-spec.rst}: one JSON object per line; the server greets
 * with {@code {"QMP": {"version": ..., "capabilities": [...]}}}, the client answers {@code qmp_capabilities},
 * then sends {@code {"execute": NAME, "arguments": {...}, "id": N}} and gets {@code {"return": ..., "id": N}}
 * or {@code {"error": {"class": ..., "desc": ...}, "id": N}}; events ({@code {"event": NAME, "data": {...},
 * "timestamp": {...}}}) may arrive between any two messages. Replies are matched by {@code id}, so a late
 * reply to a command that timed out is dropped rather than given to the next command.
 *
 * <p>The package knows QMP, not migration: what the commands mean ({@code calc-dirty-rate},
 * {@code query-migrate}) is for its callers. It depends only on {@code io.livemig} and Gson.
 */
package io.livemig.qmp;
