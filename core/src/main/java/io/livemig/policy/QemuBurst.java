package io.livemig.policy;

import io.livemig.Check;

/**
 * When one {@code ram_save_iterate} call (a burst) of QEMU's pre-copy stops sending, and what QEMU's clock sees of
 * the socket it writes into (docs/hypervisors.md §1.4; measured against real QEMU in docs/qemu-lab.md, "What the rounds
 * show"). The QEMU-accurate model and the simulator's QEMU engine share these rules.
 *
 * <ul>
 *   <li>QEMU checks the time every 64 pages as {@code (now − t0) / 1 000 000 > MAX_WAIT}, in whole milliseconds, so
 *       a burst ends at the first check at or after {@link #MIN_BURST_SECONDS} (51 ms), not at 50 ms;</li>
 *   <li>with a write quantum C &gt; 0, QEMU's blocking writes into a full socket return only when a chunk of C bytes
 *       of the send buffer is free again, so its clock moves in steps of C / rate while it sends: a burst lasts
 *       ⌈0.051 × rate / C⌉ chunks, and some of the stop-and-copy's bytes are still in the socket when QEMU stops
 *       its downtime clock (half a chunk, on average, by that mechanism alone; the device state and the last sync,
 *       sent and run with the VM stopped, take some of it back). C = 0 (the default) leaves only QEMU's own rule.</li>
 * </ul>
 *
 * @param writeQuantumBytes C, bytes: the chunk in which the transport frees send-buffer space (0: none)
 * @param queuedAtEndBytes  bytes of the stop-and-copy QEMU's downtime clock does not wait for
 */
public record QemuBurst(double writeQuantumBytes, double queuedAtEndBytes) {
    /** MAX_WAIT (50 ms) + 1: the burst check compares whole milliseconds with {@code >}. */
    public static final double MIN_BURST_SECONDS = WireCost.QEMU_MAX_WAIT_SECONDS + 0.001;

    private static final QemuBurst NONE = new QemuBurst(0);

    public QemuBurst {
        Check.nonNegative("write quantum", writeQuantumBytes, "B");
        Check.nonNegative("bytes queued at the end", queuedAtEndBytes, "B");
    }

    /** A write quantum whose stop-and-copy ends, on average, half a chunk before the wire does. */
    public QemuBurst(double writeQuantumBytes) {
        this(writeQuantumBytes, writeQuantumBytes / 2);
    }

    /** QEMU's own rule only: no write quantum. */
    public static QemuBurst none() {
        return NONE;
    }

    public boolean quantised() {
        return writeQuantumBytes > 0;
    }

    /**
     * Whether a burst that has sent {@code burstBytes} in {@code elapsedSeconds} at {@code bps} stops at this check:
     * the whole-millisecond rule, or with a quantum the chunk boundary at or after it.
     */
    public boolean over(double elapsedSeconds, double burstBytes, double bps) {
        return quantised() ? burstBytes >= bytes(bps) - 1e-6 : elapsedSeconds >= MIN_BURST_SECONDS - 1e-12;
    }

    /** Bytes one burst sends at {@code bps} when quantised: whole chunks, the first boundary at or after 51 ms. */
    public double bytes(double bps) {
        double chunks = Math.max(1, Math.ceil(MIN_BURST_SECONDS * bps / writeQuantumBytes - 1e-9));
        return chunks * writeQuantumBytes;
    }

    /**
     * Pages in one burst at {@code bps} of pages costing {@code bytesPerPage} each on the wire: without a quantum,
     * the first multiple of 64 pages (plus the one the count starts at) that reaches 51 ms.
     */
    public double pages(double bytesPerPage, double bps) {
        if (quantised()) return bytes(bps) / bytesPerPage;
        double perPage = bytesPerPage / bps;
        // the check runs with i = 0, 64, 128, … after the (i + 1)-th page
        double i = Math.ceil(Math.max(0, MIN_BURST_SECONDS / perPage - 1) / 64) * 64;
        if ((i + 1) * perPage < MIN_BURST_SECONDS - 1e-12) i += 64;
        return i + 1;
    }
}
