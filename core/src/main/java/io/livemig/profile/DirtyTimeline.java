package io.livemig.profile;

/**
 * Unique pages dirtied between two moments of one migration, when the workload's time line is known (a replayed trace
 * started at a known phase), not only its stationary D(T). The QEMU-accurate model reads D through this when given one;
 * otherwise only the length of an interval matters ({@link DirtyProfile}).
 */
@FunctionalInterface
public interface DirtyTimeline {
    /** Unique pages dirtied in [{@code fromSeconds}, {@code toSeconds}], seconds after the migration began. */
    double dirtiedPages(double fromSeconds, double toSeconds);
}
