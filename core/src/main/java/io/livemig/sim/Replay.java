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
import java.util.function.Consumer;
import org.roaringbitmap.RoaringBitmap;

/**
 * What the engines read of a trace: its name and header, and its units in order from the start, as often as asked.
 * In memory ({@link Trace}) or streamed from a file ({@link TraceFile}): a streamed replay holds one unit at a time.
 */
abstract sealed class Replay permits Replay.InMemory, Replay.Streamed {
    private static final RoaringBitmap EMPTY = new RoaringBitmap();

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

        /** Unit {@code k}'s pages as words; k never decreases between calls (nor against {@link #get}). */
        UnitWords words(long k);

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
        private static final Map<Trace, SoftReference<UnitWords[]>> WORDS =
                Collections.synchronizedMap(new WeakHashMap<>());

        private final Trace trace;
        private final UnitWords[] words; // filled in as units are first asked for; racing fills store equal values

        InMemory(Trace trace) {
            this.trace = trace;
            this.words = wordsOf(trace);
        }

        private static UnitWords[] wordsOf(Trace trace) {
            synchronized (WORDS) {
                SoftReference<UnitWords[]> ref = WORDS.get(trace);
                UnitWords[] w = ref == null ? null : ref.get();
                if (w == null) {
                    w = new UnitWords[trace.unitCount()];
                    WORDS.put(trace, new SoftReference<>(w));
                }
                return w;
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
                @Override
                public RoaringBitmap get(long k) {
                    return n == 0 ? EMPTY : trace.unit((int) (k % n));
                }

                @Override
                public UnitWords words(long k) {
                    if (n == 0) return UnitWords.EMPTY;
                    int i = (int) (k % n);
                    UnitWords w = words[i];
                    if (w == null) words[i] = w = UnitWords.of(trace.unit(i));
                    return w;
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
                    return UnitWords.of(get(k)); // one unit at a time: nothing kept
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
