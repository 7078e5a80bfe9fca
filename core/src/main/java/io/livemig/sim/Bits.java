package io.livemig.sim;

import org.roaringbitmap.ArrayContainer;
import org.roaringbitmap.BitmapContainer;
import org.roaringbitmap.Container;
import org.roaringbitmap.ContainerPointer;
import org.roaringbitmap.PeekableIntIterator;
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
     * {@code into}'s size. {@code words} (1024 longs) is scratch space. An array container's pages are read in place
     * and gathered per word; a word of {@code into} already all ones takes none of them, and a stretch of such words is
     * stepped over with one binary search (a working set that is dirtied again and again fills its words soon).
     */
    static void or(long[] into, RoaringBitmap pages, long[] words) {
        ContainerPointer cp = pages.getContainerPointer();
        for (Container c = cp.getContainer(); c != null; cp.advance(), c = cp.getContainer()) {
            int base = cp.key() << 10;
            if (c instanceof ArrayContainer a) {
                orArray(into, base, a);
            } else if (c instanceof BitmapContainer) { // its copy overwrites: through the buffer
                c.copyBitmapTo(words, 0);
                int n = Math.min(words.length, into.length - base);
                for (int i = 0; i < n; i++) into[base + i] |= words[i];
            } else { // a run container ORs its runs in, a word at a time
                c.copyBitmapTo(into, base);
            }
        }
    }

    private static void orArray(long[] into, int base, ArrayContainer a) {
        int n = a.getCardinality();
        int end = Math.min(into.length, base + 1024);
        int i = 0;
        while (i < n) {
            int v = a.select(i); // the container's own array, read in place
            int w = v >>> 6;
            long old = into[base + w];
            if (old == -1L) { // full: skip to the first page of the next word that is not
                int e = base + w + 1;
                while (e < end && into[e] == -1L) e++;
                if (e == end) return;
                i = firstAtLeast(a, i, n, (e - base) << 6);
                continue;
            }
            long bits = 1L << v;
            while (++i < n && (v = a.select(i)) >>> 6 == w) bits |= 1L << v;
            into[base + w] = old | bits;
        }
    }

    /**
     * The index of the array container's first value at or above {@code value}, searched from index {@code from}
     * (whose value is below it) by galloping: the words stepped over are few, a whole container search is not.
     */
    private static int firstAtLeast(ArrayContainer a, int from, int n, int value) {
        for (int i = from + 1, near = Math.min(n, from + 16); i < near; i++) if (a.select(i) >= value) return i;
        if (from + 16 >= n) return n;
        int lo = from + 15, hi = from + 16;
        for (int step = 1; hi < n && a.select(hi) < value; step <<= 1) {
            lo = hi;
            hi = lo + step;
        }
        if (hi > n) hi = n;
        while (lo + 1 < hi) { // select(lo) < value; the answer is in (lo, hi]
            int mid = (lo + hi) >>> 1;
            if (a.select(mid) < value) lo = mid;
            else hi = mid;
        }
        return hi;
    }

    /** Whether every page of {@code pages} is set in {@code bits}; {@code words} (1024 longs) is scratch space. */
    static boolean covers(long[] bits, RoaringBitmap pages, long[] words) {
        ContainerPointer cp = pages.getContainerPointer();
        for (Container c = cp.getContainer(); c != null; cp.advance(), c = cp.getContainer()) {
            int base = cp.key() << 10;
            if (c instanceof ArrayContainer a) {
                if (!coversArray(bits, base, a)) return false;
                continue;
            }
            java.util.Arrays.fill(words, 0); // a run container's copy ORs into what is there
            c.copyBitmapTo(words, 0);
            int n = Math.min(words.length, bits.length - base);
            for (int i = 0; i < n; i++) if ((words[i] & ~bits[base + i]) != 0) return false;
        }
        return true;
    }

    private static boolean coversArray(long[] into, int base, ArrayContainer a) {
        int n = a.getCardinality();
        int end = Math.min(into.length, base + 1024);
        int i = 0;
        while (i < n) {
            int v = a.select(i);
            int w = v >>> 6;
            long have = into[base + w];
            if (have == -1L) {
                int e = base + w + 1;
                while (e < end && into[e] == -1L) e++;
                if (e == end) return true;
                i = firstAtLeast(a, i, n, (e - base) << 6);
                continue;
            }
            long bits = 1L << v;
            while (++i < n && (v = a.select(i)) >>> 6 == w) bits |= 1L << v;
            if ((bits & ~have) != 0) return false;
        }
        return true;
    }

    /** The pages of {@code pages} in increasing order into {@code into}, which has room for them. */
    static void pages(RoaringBitmap pages, int[] into) {
        int at = 0;
        ContainerPointer cp = pages.getContainerPointer();
        for (Container c = cp.getContainer(); c != null; cp.advance(), c = cp.getContainer()) {
            c.fillLeastSignificant16bits(into, at, cp.key() << 16);
            at += c.getCardinality();
        }
    }

    /**
     * Whether every page of {@code pages} in [{@code from}, {@code to}) that is set in {@code mask} (every page when
     * null) is set in {@code bits}.
     */
    static boolean covers(long[] bits, RoaringBitmap pages, int from, int to, long[] mask) {
        if (from >= to) return true;
        PeekableIntIterator it = pages.getIntIterator();
        it.advanceIfNeeded(from);
        while (it.hasNext()) {
            int p = it.next();
            if (p >= to) return true;
            long bit = 1L << p;
            if ((bits[p >>> 6] & bit) == 0 && (mask == null || (mask[p >>> 6] & bit) != 0)) return false;
        }
        return true;
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
            double u = Math.ulp(t);
            int e = Math.getExponent(u);
            // 1/u exactly (u a power of two): multiplying by it is dividing by u, without a division
            double inverse = e > -1023 ? Double.longBitsToDouble((long) (1023 - e) << 52) : 0;
            double q = inverse != 0 ? d * inverse : d / u;
            double fraction = q - Math.floor(q);
            long room = 0, steps = 0, whole = 0;
            if (fraction != 0.5 && q < 0x1p52) {
                steps = (long) Math.rint(q); // d rounded to a multiple of u, in units of u
                whole = (long) (inverse != 0 ? t * inverse : t / u); // t in units of u: in [2^52, 2^53)
                long left = (1L << 53) - 1 - whole; // room to the next binade, in units of u
                // additions before the next binade: all n without a division when they fit
                long all = n * steps; // n additions at once: no division when they fit (and do not overflow)
                room = steps == 0 || Math.multiplyHigh(n, steps) == 0 && all >= 0 && all <= left ? n : left / steps;
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

    /**
     * {@link #addRepeatedly} for one step {@code d}, keeping what depends only on t's binade (its ulp, d in units of
     * it) from call to call: QEMU adds the same page time a few pages at a time, and t leaves its binade seldom.
     */
    static final class RepeatedSum {
        private final double d;
        private int exponent = Integer.MIN_VALUE; // t's binade the fields below are for
        private double u, inverse;
        private long steps; // d rounded to a multiple of u, in units of u; −1: no exact product in this binade

        RepeatedSum(double d) {
            this.d = d;
        }

        /** The same as {@code addRepeatedly(t, d, n)}. */
        double add(double t, int n) {
            if (n > 0 && t >= Double.MIN_NORMAL && d > 0) {
                int e = Math.getExponent(t);
                if (e != exponent) binade(e);
                if (steps == 0) return t; // each addition rounds back to t
                if (steps > 0) {
                    long whole = (long) (t * inverse), all = n * steps; // as addRepeatedly's one product
                    if (Math.multiplyHigh(n, steps) == 0 && all >= 0 && all <= (1L << 53) - 1 - whole)
                        return (whole + all) * u;
                }
            }
            return addRepeatedly(t, d, n);
        }

        private void binade(int e) {
            exponent = e;
            steps = -1;
            if (e - 52 <= -1023) return; // ulp subnormal: its inverse is not a double; the general sum
            u = Math.scalb(1.0, e - 52);
            inverse = Math.scalb(1.0, 52 - e);
            double q = d * inverse;
            if (q - Math.floor(q) != 0.5 && q < 0x1p52) steps = (long) Math.rint(q);
        }
    }

    /** The pages set in both, among the first {@code words} words. */
    static long andCount(long[] a, long[] b, int words) {
        long c = 0;
        for (int i = 0; i < words; i++) c += Long.bitCount(a[i] & b[i]);
        return c;
    }
}
