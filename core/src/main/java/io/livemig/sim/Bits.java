package io.livemig.sim;

import org.roaringbitmap.ArrayContainer;
import org.roaringbitmap.BitmapContainer;
import org.roaringbitmap.Container;
import org.roaringbitmap.ContainerPointer;
import org.roaringbitmap.RoaringBitmap;

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

    /** The index in {@code word} of its {@code n}-th set bit (0-based); the word has more than n set bits. */
    static int nth(long word, int n) {
        int at = 0;
        for (int half = 32; half >= 8; half >>>= 1) { // halve the search while a whole half can be skipped
            int c = Long.bitCount(word & ((1L << half) - 1));
            if (n >= c) {
                n -= c;
                word >>>= half;
                at += half;
            }
        }
        for (int i = 0; i < n; i++) word &= word - 1;
        return at + Long.numberOfTrailingZeros(word);
    }

    /** The bits of {@code word} at and below index {@code bit}. */
    static long upTo(int bit) {
        return bit == 63 ? -1L : (1L << (bit + 1)) - 1;
    }

    /**
     * ORs a page set into {@code into}, a Roaring container (2^16 pages, 1024 words) at a time; every page lies below
     * {@code into}'s size. {@code buffer} holds 4096 ints, {@code words} 1024 longs.
     */
    static void or(long[] into, RoaringBitmap pages, int[] buffer, long[] words) {
        ContainerPointer cp = pages.getContainerPointer();
        for (Container c = cp.getContainer(); c != null; cp.advance(), c = cp.getContainer()) {
            int key = cp.key();
            if (c instanceof ArrayContainer) { // sorted pages: gather each word's bits before one store
                int n = c.getCardinality();
                if (n == 0) continue;
                c.fillLeastSignificant16bits(buffer, 0, key << 16);
                int w = buffer[0] >>> 6;
                long bits = 0;
                for (int i = 0; i < n; i++) {
                    int p = buffer[i];
                    if (p >>> 6 != w) {
                        into[w] |= bits;
                        w = p >>> 6;
                        bits = 0;
                    }
                    bits |= 1L << p;
                }
                into[w] |= bits;
            } else if (c instanceof BitmapContainer) { // its copy overwrites: through the buffer
                c.copyBitmapTo(words, 0);
                int base = key << 10, n = Math.min(words.length, into.length - base);
                for (int i = 0; i < n; i++) into[base + i] |= words[i];
            } else { // a run container ORs its runs in, a word at a time
                c.copyBitmapTo(into, key << 10);
            }
        }
    }

    /**
     * {@code t + d}, {@code n} times, one addition after another in round-to-nearest, as a loop would sum it. Within
     * t's binade every sum is a multiple of ulp(t), so each addition adds d rounded to that multiple (unless d lies
     * half-way between two, where the rounding depends on the sum: then one at a time), and m additions that stay in
     * the binade are one exact integer product.
     */
    static double addRepeatedly(double t, double d, int n) {
        while (n > 0) {
            if (!(t >= Double.MIN_NORMAL) || !(d > 0)) {
                t += d;
                n--;
                continue;
            }
            double u = Math.ulp(t), q = d / u; // exact: u is a power of two
            double fraction = q - Math.floor(q);
            long room = 0, steps = 0, whole = 0;
            if (fraction != 0.5 && q < 0x1p52) {
                steps = (long) Math.rint(q); // d rounded to a multiple of u, in units of u
                whole = (long) (t / u); // t in units of u: in [2^52, 2^53)
                room = steps == 0 ? n : ((1L << 53) - 1 - whole) / steps; // additions before the next binade
            }
            int m = (int) Math.min(n, room);
            if (m == 0) {
                t += d;
                n--;
            } else {
                t = (whole + m * steps) * u;
                n -= m;
            }
        }
        return t;
    }

    static long andCount(long[] a, long[] b) {
        long c = 0;
        for (int i = 0; i < a.length; i++) c += Long.bitCount(a[i] & b[i]);
        return c;
    }
}
