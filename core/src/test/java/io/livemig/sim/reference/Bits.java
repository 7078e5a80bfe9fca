package io.livemig.sim.reference;

/** Plain bitsets over page numbers, the simulator's hot data structure. */
final class Bits {
    private Bits() {}

    static long[] create(int pages) {
        return new long[(pages + 63) >>> 6];
    }

    static long[] all(int pages) {
        long[] w = create(pages);
        java.util.Arrays.fill(w, -1L);
        int rest = pages & 63;
        if (rest != 0) w[w.length - 1] = (1L << rest) - 1;
        return w;
    }

    static boolean get(long[] w, int i) {
        return (w[i >>> 6] & (1L << i)) != 0;
    }

    static void set(long[] w, int i) {
        w[i >>> 6] |= 1L << i;
    }

    static void clear(long[] w, int i) {
        w[i >>> 6] &= ~(1L << i);
    }

    /** The first set bit at or after {@code from}, or −1. */
    static int next(long[] w, int from) {
        int wi = from >>> 6;
        if (wi >= w.length) return -1;
        long word = w[wi] & (-1L << from);
        while (true) {
            if (word != 0) return (wi << 6) + Long.numberOfTrailingZeros(word);
            if (++wi == w.length) return -1;
            word = w[wi];
        }
    }

    static long count(long[] w) {
        long c = 0;
        for (long x : w) c += Long.bitCount(x);
        return c;
    }

    static long andCount(long[] a, long[] b) {
        long c = 0;
        for (int i = 0; i < a.length; i++) c += Long.bitCount(a[i] & b[i]);
        return c;
    }
}
