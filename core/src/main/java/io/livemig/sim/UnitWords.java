package io.livemig.sim;

import java.util.Arrays;
import org.roaringbitmap.ArrayContainer;
import org.roaringbitmap.Container;
import org.roaringbitmap.ContainerPointer;
import org.roaringbitmap.RoaringBitmap;

/**
 * A unit's pages as the 64-page words they set (word index and bits, non-zero words only, in increasing order): ORing
 * them into the dirty log is one store per word instead of one bit per page. Built once per unit of an in-memory
 * trace and kept with it ({@link Replay.InMemory}), since a trace is replayed many times (the trace loops; comparisons
 * and the lab's figures replay the same trace under many policies and rates).
 */
final class UnitWords {
    static final UnitWords EMPTY = new UnitWords(new int[0], new long[0]);

    /** A cache entry for a unit replayed once: converting it pays only from its second replay on. */
    static final UnitWords SEEN = new UnitWords(new int[0], new long[0]);

    private final int[] index;
    private final long[] bits;

    private UnitWords(int[] index, long[] bits) {
        this.index = index;
        this.bits = bits;
    }

    /**
     * The words of {@code pages}, a Roaring container (2^16 pages, 1024 words) at a time; {@code buffer} (4096 ints)
     * and {@code words} (1024 longs) are scratch space, reused between units.
     */
    static UnitWords of(RoaringBitmap pages, int[] buffer, long[] words) {
        if (pages.isEmpty()) return EMPTY;
        int[] index = new int[64];
        long[] bits = new long[64];
        int n = 0;
        ContainerPointer cp = pages.getContainerPointer();
        for (Container c = cp.getContainer(); c != null; cp.advance(), c = cp.getContainer()) {
            int base = cp.key() << 10;
            if (c instanceof ArrayContainer) { // sorted pages: each word's bits gathered in turn
                int k = c.getCardinality();
                if (k == 0) continue;
                c.fillLeastSignificant16bits(buffer, 0, base << 6);
                int w = buffer[0] >>> 6;
                long b = 0;
                for (int i = 0; i < k; i++) {
                    int p = buffer[i];
                    if (p >>> 6 != w) {
                        if (n == index.length) {
                            index = Arrays.copyOf(index, 2 * n);
                            bits = Arrays.copyOf(bits, 2 * n);
                        }
                        index[n] = w;
                        bits[n++] = b;
                        w = p >>> 6;
                        b = 0;
                    }
                    b |= 1L << p;
                }
                if (n == index.length) {
                    index = Arrays.copyOf(index, 2 * n);
                    bits = Arrays.copyOf(bits, 2 * n);
                }
                index[n] = w;
                bits[n++] = b;
            } else { // a bitmap or run container: its words, the non-zero ones
                Arrays.fill(words, 0); // a run container's copy ORs into what is there
                c.copyBitmapTo(words, 0);
                for (int i = 0; i < words.length; i++) {
                    if (words[i] == 0) continue;
                    if (n == index.length) {
                        index = Arrays.copyOf(index, 2 * n);
                        bits = Arrays.copyOf(bits, 2 * n);
                    }
                    index[n] = base + i;
                    bits[n++] = words[i];
                }
            }
        }
        return new UnitWords(Arrays.copyOf(index, n), Arrays.copyOf(bits, n));
    }

    void orInto(long[] into) {
        int[] index = this.index;
        long[] bits = this.bits;
        for (int i = 0; i < index.length; i++) into[index[i]] |= bits[i];
    }

    /** Words at and above this are zero. */
    int end() {
        return index.length == 0 ? 0 : index[index.length - 1] + 1;
    }

    /** The heap this takes, about. */
    long sizeInBytes() {
        return 32 + 12L * index.length;
    }
}
