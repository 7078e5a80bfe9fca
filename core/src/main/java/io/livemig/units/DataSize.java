package io.livemig.units;

import java.util.Locale;

/**
 * An amount of data in bytes.
 *
 * <p>{@code DataSize.ofMiB(512)}, {@code DataSize.parse("1.5GiB")}, {@code size.pages(4096)}.
 * {@link #toString()} prints the largest binary unit that keeps the number readable, e.g. {@code 512 MiB}.
 */
public record DataSize(long bytes) implements Comparable<DataSize> {
    public static final long KIB = 1024L, MIB = KIB * 1024, GIB = MIB * 1024, TIB = GIB * 1024;
    public static final DataSize ZERO = new DataSize(0);

    /** @throws IllegalArgumentException if bytes is negative */
    public DataSize {
        if (bytes < 0) throw new IllegalArgumentException("data size must be >= 0, got " + bytes + " B");
    }

    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes);
    }

    public static DataSize ofKiB(double kib) {
        return of(kib, KIB, "KiB");
    }

    public static DataSize ofMiB(double mib) {
        return of(mib, MIB, "MiB");
    }

    public static DataSize ofGiB(double gib) {
        return of(gib, GIB, "GiB");
    }

    public static DataSize ofPages(double pages, int pageSizeBytes) {
        return of(pages, pageSizeBytes, "pages");
    }

    private static DataSize of(double amount, long unitBytes, String unit) {
        if (!Double.isFinite(amount) || amount < 0) {
            throw new IllegalArgumentException("data size must be a finite number >= 0, got " + amount + " " + unit);
        }
        // Math.round saturates at 2^63 − 1 B: a size that large is a typo, not a VM
        if (amount * unitBytes >= 0x1p63) {
            throw new IllegalArgumentException("data size too large: " + trim(amount) + " " + unit
                    + " exceeds the largest size, " + Long.MAX_VALUE + " B (8 EiB)");
        }
        return new DataSize(Math.round(amount * unitBytes));
    }

    /**
     * Reads "512MiB", "1 GiB", "1.5GB", "4096B", "64KiB". Binary units are powers of 1024, decimal ones of 1000.
     * @throws IllegalArgumentException naming the text and the units understood
     */
    public static DataSize parse(String text) {
        UnitParser.Quantity q = UnitParser.split(text, "a data size", "512MiB, 1GiB, 4096B");
        long unit = switch (UnitParser.normal(q.unit())) {
            case "b", "byte", "bytes" -> 1L;
            case "kib", "k" -> KIB;
            case "mib", "m" -> MIB;
            case "gib", "g" -> GIB;
            case "tib", "t" -> TIB;
            case "kb" -> 1000L;
            case "mb" -> 1000_000L;
            case "gb" -> 1000_000_000L;
            case "tb" -> 1000_000_000_000L;
            default ->
                throw new IllegalArgumentException("cannot read '" + text + "' as a data size: unknown unit '"
                        + q.unit() + "'; expected one of B, KiB, MiB, GiB, TiB, kB, MB, GB, TB");
        };
        try {
            return of(q.number(), unit, q.unit());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read '" + text + "' as a data size: " + e.getMessage(), e);
        }
    }

    public double kib() {
        return bytes / (double) KIB;
    }

    public double mib() {
        return bytes / (double) MIB;
    }

    public double gib() {
        return bytes / (double) GIB;
    }

    /** Whole pages in this size (rounded down). */
    public long pages(int pageSizeBytes) {
        return bytes / pageSizeBytes;
    }

    public DataSize plus(DataSize other) {
        return new DataSize(Math.addExact(bytes, other.bytes));
    }

    public DataSize minus(DataSize other) {
        return new DataSize(bytes - other.bytes);
    }

    public DataSize times(double factor) {
        return of(bytes * factor, 1, "B");
    }

    public boolean isZero() {
        return bytes == 0;
    }

    @Override
    public int compareTo(DataSize o) {
        return Long.compare(bytes, o.bytes);
    }

    @Override
    public String toString() {
        long[] units = {TIB, GIB, MIB, KIB};
        String[] names = {"TiB", "GiB", "MiB", "KiB"};
        for (int i = 0; i < units.length; i++) {
            if (bytes >= units[i]) return trim(bytes / (double) units[i]) + " " + names[i];
        }
        return bytes + " B";
    }

    static String trim(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
