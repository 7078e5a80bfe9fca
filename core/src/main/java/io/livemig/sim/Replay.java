package io.livemig.sim;

import io.livemig.LivemigException;
import io.livemig.trace.Trace;
import io.livemig.trace.TraceFile;
import io.livemig.trace.TraceHeader;
import io.livemig.trace.TraceReader;
import java.lang.ref.SoftReference;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import org.roaringbitmap.RoaringBitmap;

/**
 * What the engines read of a trace: its name and header, and its units in order from the start, as often as asked.
 * In memory ({@link Trace}) or streamed from a file ({@link TraceFile}): a streamed replay holds one unit at a time.
 */
abstract sealed class Replay permits Replay.InMemory, Replay.Streamed {
    private static final RoaringBitmap EMPTY = new RoaringBitmap();

    /** A kept order asked for once: the whole shuffle is kept from the second time on. */
    private static final int[] SEEN = new int[0];

    abstract String name();

    abstract TraceHeader header();

    /** Units from unit 0, looping (unit k is unit k mod K): ask for k in increasing order. */
    abstract Units units();

    /** Every unit once, in order (no loop). */
    abstract void forEachUnit(Consumer<RoaringBitmap> action);

    final int memoryPages() {
        return (int) header().memoryPages();
    }

    /** Sequential access to the looped units; closes the file a streamed replay has open. */
    interface Units extends AutoCloseable {
        /** Unit {@code k} (a shared bitmap: do not modify); k never decreases between calls. */
        RoaringBitmap get(long k);

        /**
         * Unit {@code k}'s pages as words, or null when the caller should OR {@link #get}'s bitmap in itself (a unit
         * first replayed, or a streamed one: converting it would cost more than ORing it once); k never decreases
         * between calls (nor against {@link #get}).
         */
        UnitWords words(long k);

        /**
         * Unit {@code k}'s pages in the order the clock dirties them with {@code seed} ({@link DirtyClock#shuffled};
         * shared: do not modify) when kept, else null (the clock shuffles only as far as it needs); k never decreases
         * between calls (nor against {@link #get}).
         */
        default int[] keptOrder(long k, long seed) {
            return null;
        }

        @Override
        void close();
    }

    static Replay of(Trace trace) {
        return new InMemory(trace);
    }

    static Replay of(TraceFile file) {
        return new Streamed(file);
    }

    static final class InMemory extends Replay {
        /**
         * Each trace's units as words, built as replays first need them. Weak keys: the cache goes with its trace
         * (Trace keeps identity equality); soft values: the collector drops a cache before the heap runs out.
         */
        private static final Map<Trace, SoftReference<Cache>> CACHES = Collections.synchronizedMap(new WeakHashMap<>());

        /**
         * What replays of one trace share: each unit's words, and for the last seed used each unit's whole shuffled
         * order (the first pass of the trace only: a looped unit's order depends on its number k). Both are built the
         * second time they are asked for (a single replay does not pay for what only repeated ones gain); racing fills
         * store equal values.
         */
        private static final class Cache {
            final AtomicReferenceArray<UnitWords> words;
            volatile Orders orders;

            Cache(int units) {
                words = new AtomicReferenceArray<>(units);
                orders = new Orders(0, new AtomicReferenceArray<>(units));
            }
        }

        private record Orders(long seed, AtomicReferenceArray<int[]> byUnit) {}

        private final Trace trace;
        private final Cache cache;

        InMemory(Trace trace) {
            this.trace = trace;
            this.cache = cacheOf(trace);
        }

        private static Cache cacheOf(Trace trace) {
            synchronized (CACHES) {
                SoftReference<Cache> ref = CACHES.get(trace);
                Cache c = ref == null ? null : ref.get();
                if (c == null) {
                    c = new Cache(trace.unitCount());
                    CACHES.put(trace, new SoftReference<>(c));
                }
                return c;
            }
        }

        @Override
        String name() {
            return trace.name();
        }

        @Override
        TraceHeader header() {
            return trace.header();
        }

        @Override
        Units units() {
            int n = trace.unitCount();
            return new Units() {
                private final int[] buffer = new int[1 << 12];
                private final long[] scratch = new long[1 << 10];

                @Override
                public RoaringBitmap get(long k) {
                    return n == 0 ? EMPTY : trace.unit((int) (k % n));
                }

                @Override
                public UnitWords words(long k) {
                    if (n == 0) return UnitWords.EMPTY;
                    int i = (int) (k % n);
                    UnitWords w = cache.words.get(i);
                    if (w == null) {
                        cache.words.set(i, UnitWords.SEEN);
                        return null;
                    }
                    if (w == UnitWords.SEEN) cache.words.set(i, w = UnitWords.of(trace.unit(i), buffer, scratch));
                    return w;
                }

                @Override
                public int[] keptOrder(long k, long seed) {
                    if (k >= n) return null;
                    Orders o = cache.orders;
                    if (o.seed() != seed) cache.orders = o = new Orders(seed, new AtomicReferenceArray<>(n));
                    int[] a = o.byUnit().get((int) k);
                    if (a == null) { // first asked: the clock shuffles as far as it needs
                        o.byUnit().set((int) k, SEEN);
                        return null;
                    }
                    if (a == SEEN) o.byUnit().set((int) k, a = DirtyClock.shuffled(get(k), seed, k));
                    return a;
                }

                @Override
                public void close() {}
            };
        }

        @Override
        void forEachUnit(Consumer<RoaringBitmap> action) {
            for (int k = 0; k < trace.unitCount(); k++) action.accept(trace.unit(k));
        }
    }

    static final class Streamed extends Replay {
        private final TraceFile file;

        Streamed(TraceFile file) {
            this.file = file;
        }

        @Override
        String name() {
            return file.name();
        }

        @Override
        TraceHeader header() {
            return file.header();
        }

        @Override
        Units units() {
            return new Units() {
                private TraceReader reader = file.open();
                private long at = -1; // the unit `current` is
                private RoaringBitmap current;
                private boolean empty;

                @Override
                public RoaringBitmap get(long k) {
                    while (at < k && !empty) {
                        TraceReader.Unit u = reader.next();
                        if (u == null) { // the end: loop from the start
                            reader.close();
                            if (at < 0) { // no units at all: nothing is ever dirtied
                                reader = null;
                                empty = true;
                                break;
                            }
                            reader = file.open();
                            u = reader.next();
                            if (u == null) {
                                throw new LivemigException(
                                        file.name() + ": the trace has no units any more; was the file replaced?");
                            }
                        }
                        current = u.pages();
                        at++;
                    }
                    return empty ? EMPTY : current;
                }

                @Override
                public UnitWords words(long k) {
                    return null; // one unit at a time: nothing kept
                }

                @Override
                public void close() {
                    if (reader != null) reader.close();
                }
            };
        }

        @Override
        void forEachUnit(Consumer<RoaringBitmap> action) {
            try (TraceReader r = file.open()) {
                for (TraceReader.Unit u = r.next(); u != null; u = r.next()) action.accept(u.pages());
            }
        }
    }
}
