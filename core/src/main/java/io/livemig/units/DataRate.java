package io.livemig.units;

/**
 * A data rate in bytes per second.
 *
 * <p>{@code DataRate.ofMiBps(12.5)} (the paper's "12.5 MB/s"), {@code DataRate.ofMBps(100)} (10^6 bytes/s),
 * {@code DataRate.ofGbps(1)} (10^9 bits/s), {@code DataRate.parse("100MBps")}. {@link #unlimited()} is the
 * rate of a link or limit that does not bind (QEMU driven by libvirt, for instance).
 */
public record DataRate(double bytesPerSecond) implements Comparable<DataRate> {

    /** @throws IllegalArgumentException if the rate is NaN or negative */
    public DataRate {
        if (!(bytesPerSecond >= 0)) {
            throw new IllegalArgumentException("data rate must be >= 0, got " + bytesPerSecond + " B/s");
        }
    }

    public static DataRate ofBytesPerSecond(double bps) {
        return new DataRate(bps);
    }

    public static DataRate ofKiBps(double v) {
        return new DataRate(v * DataSize.KIB);
    }

    public static DataRate ofMiBps(double v) {
        return new DataRate(v * DataSize.MIB);
    }

    public static DataRate ofGiBps(double v) {
        return new DataRate(v * DataSize.GIB);
    }

    public static DataRate ofMBps(double v) {
        return new DataRate(v * 1e6);
    }

    public static DataRate ofGBps(double v) {
        return new DataRate(v * 1e9);
    }

    public static DataRate ofMbps(double v) {
        return new DataRate(v * 1e6 / 8);
    }

    public static DataRate ofGbps(double v) {
        return new DataRate(v * 1e9 / 8);
    }

    public static DataRate ofPagesPerSecond(double pages, int pageSizeBytes) {
        return new DataRate(pages * pageSizeBytes);
    }

    public static DataRate unlimited() {
        return new DataRate(Double.POSITIVE_INFINITY);
    }

    /**
     * Reads "100MBps", "100 MB/s", "12.5MiB/s", "1Gbps", "800Mbit/s", "4096B/s".
     * @throws IllegalArgumentException naming the text and the units understood
     */
    public static DataRate parse(String text) {
        UnitParser.Quantity q = UnitParser.split(text, "a data rate", "100MBps, 12.5MiB/s, 1Gbps");
        String u = UnitParser.normal(q.unit())
                .replace("/s", "ps")
                .replace("bitps", "bps")
                .replace("bits", "b");
        double n = q.number();
        DataRate r;
        try {
            r = switch (u) {
                case "bps" -> q.unit().startsWith("B") ? new DataRate(n) : new DataRate(n / 8);
                case "kibps" -> ofKiBps(n);
                case "mibps" -> ofMiBps(n);
                case "gibps" -> ofGiBps(n);
                case "kbps" ->
                    q.unit().startsWith("kB") || q.unit().startsWith("KB")
                            ? new DataRate(n * 1e3)
                            : new DataRate(n * 1e3 / 8);
                case "mbps" -> q.unit().startsWith("MB") ? ofMBps(n) : ofMbps(n);
                case "gbps" -> q.unit().startsWith("GB") ? ofGBps(n) : ofGbps(n);
                default ->
                    throw new IllegalArgumentException("cannot read '" + text + "' as a data rate: unknown unit '"
                            + q.unit() + "'; expected one of B/s, KiB/s, MiB/s, GiB/s, MB/s (MBps), GB/s, Mbps, Gbps");
            };
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith("cannot read")) throw e;
            throw new IllegalArgumentException("cannot read '" + text + "' as a data rate: " + e.getMessage(), e);
        }
        if (!(r.bytesPerSecond() > 0) || r.isUnlimited()) {
            throw new IllegalArgumentException("cannot read '" + text + "' as a data rate: it must be > 0 and finite");
        }
        return r;
    }

    public boolean isUnlimited() {
        return Double.isInfinite(bytesPerSecond);
    }

    public double mibPerSecond() {
        return bytesPerSecond / DataSize.MIB;
    }

    public double mbPerSecond() {
        return bytesPerSecond / 1e6;
    }

    public double megabitsPerSecond() {
        return bytesPerSecond * 8 / 1e6;
    }

    public double pagesPerSecond(int pageSizeBytes) {
        return bytesPerSecond / pageSizeBytes;
    }

    /** Seconds needed to move {@code size} at this rate. */
    public double secondsFor(DataSize size) {
        return size.bytes() / bytesPerSecond;
    }

    public DataRate times(double factor) {
        return new DataRate(bytesPerSecond * factor);
    }

    public DataRate min(DataRate other) {
        return bytesPerSecond <= other.bytesPerSecond ? this : other;
    }

    @Override
    public int compareTo(DataRate o) {
        return Double.compare(bytesPerSecond, o.bytesPerSecond);
    }

    /** Prints MiB/s when the rate is a whole or simple multiple of MiB/s, MB/s otherwise. */
    @Override
    public String toString() {
        if (isUnlimited()) return "unlimited";
        double mib = mibPerSecond();
        if (Math.abs(mib * 1000 - Math.rint(mib * 1000)) < 1e-6 && mib >= 0.001) return DataSize.trim(mib) + " MiB/s";
        double mb = mbPerSecond();
        if (mb >= 0.001) return DataSize.trim(mb) + " MB/s";
        return DataSize.trim(bytesPerSecond) + " B/s";
    }
}
