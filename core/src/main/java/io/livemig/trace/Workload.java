package io.livemig.trace;

import io.livemig.Check;
import java.util.List;
import java.util.SplittableRandom;
import org.roaringbitmap.RoaringBitmap;

/**
 * A seeded synthetic workload shape: given a unit index and a random source, the pages it dirties in that unit.
 * {@link TraceGenerator} turns a shape into a {@link Trace}; the same seed gives the same trace.
 */
public sealed interface Workload
        permits Workload.UniformWorkingSet,
                Workload.HotCold,
                Workload.SequentialScan,
                Workload.Phases,
                Workload.GrowingHeap {
    /** The shapes {@link #named} knows, as the command line spells them ({@code twin} is made by the generator). */
    java.util.List<String> SHAPES = java.util.List.of("uniform", "hot-cold", "scan", "phases", "growing-heap");

    /**
     * A shape by name, sized for a memory of {@code memoryPages}: the catalogue the command line and scripts share.
     * @param workingSetPages pages the uniform or scan shape covers, or null for a quarter (uniform) or half (scan)
     * @param perUnitPages    pages written per unit by the uniform or scan shape, or null for their default
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    static Workload named(String name, long memoryPages, Long workingSetPages, Long perUnitPages) {
        long m = memoryPages;
        return switch (name == null ? "" : name) {
            case "uniform" -> {
                long ws = workingSetPages != null ? workingSetPages : m / 4;
                yield new UniformWorkingSet(ws, perUnitPages != null ? perUnitPages : ws / 20);
            }
            case "hot-cold" -> new HotCold(m / 64, m / 128, m / 4, m / 1600);
            case "scan" -> {
                long region = workingSetPages != null ? workingSetPages : m / 2;
                yield new SequentialScan(region, perUnitPages != null ? perUnitPages : region / 100);
            }
            case "phases" ->
                new Phases(
                        java.util.List.of(new SequentialScan(m / 2, m / 200), new UniformWorkingSet(m / 8, m / 160)),
                        50);
            case "growing-heap" -> new GrowingHeap(m / 16, m / 2000, m / 2, m / 160);
            default ->
                throw new IllegalArgumentException(
                        "unknown shape '" + name + "'; expected one of " + String.join(", ", SHAPES) + ", twin");
        };
    }

    String name();

    /** The pages dirtied in unit {@code k}; every page &lt; {@code memoryPages}. Units are asked for in order. */
    RoaringBitmap unit(int k, long memoryPages, SplittableRandom rng);

    /** The largest page the shape touches plus one, to check against memory. */
    long pagesNeeded();

    /** {@code count} distinct random pages from [from, from + size). */
    private static void sample(RoaringBitmap into, long from, long size, long count, SplittableRandom rng) {
        if (count >= size) {
            into.add(from, from + size);
            return;
        }
        long target = into.getLongCardinality() + count;
        if (count > size / 2) { // dense: take everything, then remove at random
            RoaringBitmap all = new RoaringBitmap();
            all.add(from, from + size);
            long remove = size - count;
            while (all.getLongCardinality() > size - remove) all.remove((int) (from + rng.nextLong(size)));
            into.or(all);
            return;
        }
        while (into.getLongCardinality() < target) into.add((int) (from + rng.nextLong(size)));
    }

    /** Every unit dirties {@code pagesPerUnit} random pages of a working set of {@code workingSetPages} pages. */
    record UniformWorkingSet(long workingSetPages, long pagesPerUnit) implements Workload {
        public UniformWorkingSet {
            Check.positive("working set", workingSetPages, "pages");
            Check.that(
                    pagesPerUnit >= 0 && pagesPerUnit <= workingSetPages,
                    "pages per unit must be 0 to the working set (" + workingSetPages + " pages), got " + pagesPerUnit);
        }

        @Override
        public String name() {
            return "uniform";
        }

        @Override
        public long pagesNeeded() {
            return workingSetPages;
        }

        @Override
        public RoaringBitmap unit(int k, long memoryPages, SplittableRandom rng) {
            RoaringBitmap b = new RoaringBitmap();
            sample(b, 0, workingSetPages, pagesPerUnit, rng);
            return b;
        }
    }

    /** A hot region re-dirtied heavily and a larger cold region touched lightly. */
    record HotCold(long hotPages, long hotPerUnit, long coldPages, long coldPerUnit) implements Workload {
        public HotCold {
            Check.positive("hot pages", hotPages, "pages");
            Check.positive("cold pages", coldPages, "pages");
            Check.that(
                    hotPerUnit >= 0 && hotPerUnit <= hotPages,
                    "hot pages per unit must be 0 to " + hotPages + ", got " + hotPerUnit);
            Check.that(
                    coldPerUnit >= 0 && coldPerUnit <= coldPages,
                    "cold pages per unit must be 0 to " + coldPages + ", got " + coldPerUnit);
        }

        @Override
        public String name() {
            return "hot-cold";
        }

        @Override
        public long pagesNeeded() {
            return hotPages + coldPages;
        }

        @Override
        public RoaringBitmap unit(int k, long memoryPages, SplittableRandom rng) {
            RoaringBitmap b = new RoaringBitmap();
            sample(b, 0, hotPages, hotPerUnit, rng);
            sample(b, hotPages, coldPages, coldPerUnit, rng);
            return b;
        }
    }

    /** A sequential writer sweeping a region: unit k dirties the next {@code pagesPerUnit} pages, wrapping around. */
    record SequentialScan(long regionPages, long pagesPerUnit) implements Workload {
        public SequentialScan {
            Check.positive("region", regionPages, "pages");
            Check.that(
                    pagesPerUnit > 0 && pagesPerUnit <= regionPages,
                    "pages per unit must be 1 to " + regionPages + ", got " + pagesPerUnit);
        }

        @Override
        public String name() {
            return "scan";
        }

        @Override
        public long pagesNeeded() {
            return regionPages;
        }

        @Override
        public RoaringBitmap unit(int k, long memoryPages, SplittableRandom rng) {
            long start = (k * pagesPerUnit) % regionPages;
            RoaringBitmap b = new RoaringBitmap();
            long end = start + pagesPerUnit;
            b.add(start, Math.min(end, regionPages));
            if (end > regionPages) b.add(0L, end - regionPages);
            return b;
        }
    }

    /** Shapes taking turns, {@code unitsPerPhase} units each, cycling. */
    record Phases(List<Workload> phases, int unitsPerPhase) implements Workload {
        public Phases {
            Check.that(phases != null && !phases.isEmpty(), "phases must list at least one workload");
            Check.positive("units per phase", unitsPerPhase, "units");
            phases = List.copyOf(phases);
        }

        @Override
        public String name() {
            return "phases";
        }

        @Override
        public long pagesNeeded() {
            return phases.stream().mapToLong(Workload::pagesNeeded).max().orElse(0);
        }

        @Override
        public RoaringBitmap unit(int k, long memoryPages, SplittableRandom rng) {
            return phases.get((k / unitsPerPhase) % phases.size()).unit(k, memoryPages, rng);
        }
    }

    /**
     * A heap that grows by {@code growthPerUnit} fresh pages each unit up to {@code maxPages}; each unit also
     * re-dirties {@code pagesPerUnit} random pages of the heap allocated so far.
     */
    record GrowingHeap(long startPages, long growthPerUnit, long maxPages, long pagesPerUnit) implements Workload {
        public GrowingHeap {
            Check.positive("start", startPages, "pages");
            Check.that(growthPerUnit >= 0, "growth must be >= 0 pages per unit, got " + growthPerUnit);
            Check.that(maxPages >= startPages, "max must be >= start (" + startPages + " pages), got " + maxPages);
            Check.that(
                    pagesPerUnit >= 0 && pagesPerUnit <= startPages,
                    "pages per unit must be 0 to the start size, got " + pagesPerUnit);
        }

        @Override
        public String name() {
            return "growing-heap";
        }

        @Override
        public long pagesNeeded() {
            return maxPages;
        }

        @Override
        public RoaringBitmap unit(int k, long memoryPages, SplittableRandom rng) {
            long before = Math.min(maxPages, startPages + k * growthPerUnit);
            long after = Math.min(maxPages, before + growthPerUnit);
            RoaringBitmap b = new RoaringBitmap();
            sample(b, 0, before, pagesPerUnit, rng);
            if (after > before) b.add(before, after);
            return b;
        }
    }
}
