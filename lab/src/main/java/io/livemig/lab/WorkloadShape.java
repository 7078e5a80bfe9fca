package io.livemig.lab;

import java.util.Arrays;
import java.util.Locale;

/**
 * The guest workload's shapes: the same seeded generator as {@code lab/guest/lmwork.c}, so the host rebuilds the
 * pages of any unit from the seed. Unit {@code k} writes the pages of phase {@code k mod period}; a trace of one
 * period, looped, is the whole run. Pages are indices into the workload's region (0 … region − 1).
 */
public enum WorkloadShape {
    /** Every unit: rate × unit pages drawn uniformly from the region. */
    UNIFORM("uniform", 8000),
    /** 90 % of the writes to the first tenth of the region, 10 % to the rest. */
    HOTCOLD("hotcold", 8000),
    /** A sweep through the region, rate × unit consecutive pages per unit, restarting at page 0. */
    SEQUENTIAL("sequential", 8000),
    /** Periods of 2 s: 0.5 s writing uniformly at four times the rate, then 1.5 s of nothing. */
    BURSTY("bursty", 8000);

    /** The guest's unit: the workload paces itself in units of this length, and the traces use it. */
    public static final double UNIT_SECONDS = 0.1;

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private final String label;
    private final int gridRate;

    WorkloadShape(String label, int gridRate) {
        this.label = label;
        this.gridRate = gridRate;
    }

    public String label() {
        return label;
    }

    /** The write rate (pages/s) of this shape in the dataset's grid. */
    int gridRate() {
        return gridRate;
    }

    public static WorkloadShape of(String text) {
        for (WorkloadShape s : values()) if (s.label.equals(text)) return s;
        throw new IllegalArgumentException("shape must be one of "
                + Arrays.stream(values()).map(WorkloadShape::label).toList() + ", got '" + text + "'");
    }

    /** Pages a unit writes at {@code ratePagesPerSecond}, rounded as the guest rounds. */
    public static long perUnit(long ratePagesPerSecond) {
        return (ratePagesPerSecond * 100_000 + 500_000) / 1_000_000;
    }

    /** Units after which the pattern repeats. */
    public int period(long perUnit, long region) {
        return switch (this) {
            case SEQUENTIAL -> (int) ((region + perUnit - 1) / perUnit);
            case BURSTY -> 60;
            default -> 50;
        };
    }

    /** The region pages phase {@code j} writes, in the order the guest writes them (repeats included). */
    public long[] pages(int j, long seed, long perUnit, long region) {
        long hot = region / 10;
        long n = perUnit, first = 0;
        if (this == BURSTY) n = (j % 20) < 5 ? 4 * perUnit : 0;
        if (this == SEQUENTIAL) {
            first = (long) j * perUnit;
            n = first + perUnit > region ? region - first : perUnit;
        }
        long[] out = new long[(int) n];
        long[] state = {seed * 0x100000001B3L + j};
        for (int i = 0; i < n; i++) {
            out[i] = switch (this) {
                case SEQUENTIAL -> first + i;
                case HOTCOLD -> {
                    long r = splitmix(state);
                    yield Long.remainderUnsigned(r, 10) < 9
                            ? Long.remainderUnsigned(r >>> 8, hot)
                            : hot + Long.remainderUnsigned(r >>> 8, region - hot);
                }
                default -> Long.remainderUnsigned(splitmix(state), region);
            };
        }
        return out;
    }

    /** FNV-1a over page numbers, as the guest prints it per unit: the check that both generators agree. */
    public static String hash(long[] pages) {
        long h = 0xcbf29ce484222325L;
        for (long p : pages) h = (h ^ p) * 0x100000001B3L;
        return String.format(Locale.ROOT, "%016x", h);
    }

    private static long splitmix(long[] s) {
        long z = (s[0] += GOLDEN);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
