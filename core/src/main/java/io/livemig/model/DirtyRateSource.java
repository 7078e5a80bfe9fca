package io.livemig.model;

import io.livemig.Check;
import io.livemig.profile.Vm;

/**
 * Where an existing model gets its one dirty rate S (pages per second). The existing models of the paper each pair a
 * migration-time formula with a dirty-rate estimator; this is the seam between the two.
 */
@FunctionalInterface
public interface DirtyRateSource {
    double pagesPerSecond(Vm vm);

    /** S/u from the VM's profile: the unique pages of one unit, spread over the unit. */
    static DirtyRateSource profileAverage() {
        return vm -> vm.profile().averageRatePagesPerSecond();
    }

    /** A fixed rate, e.g. from an estimator run on a trace or a value in the dataset. */
    static DirtyRateSource fixed(double pagesPerSecond) {
        Check.nonNegative("dirty rate", pagesPerSecond, "pages/s");
        return vm -> pagesPerSecond;
    }
}
