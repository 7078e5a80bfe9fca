package io.livemig.model;

import io.livemig.policy.PrecopyPolicy;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;

/**
 * A performance model of pre-copy live migration. Implementations are stateless and thread-safe.
 */
public interface MigrationModel {
    /** A short stable name, e.g. {@code proposed}, {@code geometric}. */
    String name();

    /**
     * Predicts the migration of {@code vm} at {@code rate} under {@code policy}.
     *
     * @throws IllegalArgumentException if the rate is not a finite number &gt; 0
     */
    Prediction predict(Vm vm, DataRate rate, PrecopyPolicy policy);
}
