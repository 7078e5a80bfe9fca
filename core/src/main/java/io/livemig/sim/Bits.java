package io.livemig.sim;

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
        for (int i = 0; i < n; i++) word &= word - 1;
        return Long.numberOfTrailingZeros(word);
    }

    /** The bits of {@code word} at and below index {@code bit}. */
    static long upTo(int bit) {
        return bit == 63 ? -1L : (1L << (bit + 1)) - 1;
    }

    /**
     * ORs a page set into {@code into}, a Roaring container (2^16 pages, 1024 words) at a time; every page lies below
     * {@code into}'s size. {@code buffer} holds 1024 words.
     */
    static void or(long[] into, RoaringBitmap pages, long[] buffer) {
        ContainerPointer cp = pages.getContainerPointer();
        for (Container c = cp.getContainer(); c != null; cp.advance(), c = cp.getContainer()) {
            int base = cp.key() << 10;
            if (c instanceof BitmapContainer) { // its copy overwrites: go through the buffer
                c.copyBitmapTo(buffer, 0);
                int n = Math.min(buffer.length, into.length - base);
                for (int i = 0; i < n; i++) into[base + i] |= buffer[i];
            } else { // array and run containers OR their pages in
                c.copyBitmapTo(into, base);
            }
        }
    }

    static long andCount(long[] a, long[] b) {
        long c = 0;
        for (int i = 0; i < a.length; i++) c += Long.bitCount(a[i] & b[i]);
        return c;
    }
}
