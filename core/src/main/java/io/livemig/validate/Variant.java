package io.livemig.validate;

import io.livemig.Check;

/**
 * One way of predicting the measured runs: a model, its inputs and the conventions of the script that evaluated it.
 * The ten reference variants of the dataset ({@link Variants#reference()}) reproduce the authors' own predictions;
 * further variants are this project's ({@link Variants#improved}).
 *
 * @param name           stable name, e.g. {@code proposed_noskip}
 * @param hypervisor     {@code KVM(no-skip)} or {@code Xen(skip)}, the dataset's labels
 * @param skip           which measured rows it predicts: Xen with skip (true) or without (false)
 * @param conventions    rates and traffic definition
 * @param crossValidated true when coefficients were fitted on the data and the errors are leave-one-workload-out
 * @param description    one line: model × dirty-rate input
 * @param predictor      the prediction of one run
 */
public record Variant(String name, String hypervisor, boolean skip, Conventions conventions, boolean crossValidated,
                      String description, Predictor predictor) {

    /** Predicts one run; {@code reference} is the authors' row for the same run (null when absent). */
    @FunctionalInterface
    public interface Predictor {
        Outcome predict(MeasuredRun run, ReferenceRow reference);
    }

    /**
     * What a variant predicts for one run; NaN times mark a run the authors' script could not compute.
     *
     * @param precopySeconds  T_pre, s
     * @param downtimeSeconds T_down, s
     * @param iterations      live iterations
     * @param stop            why pre-copy stopped, for a person
     */
    public record Outcome(double precopySeconds, double downtimeSeconds, int iterations, String stop) {
        public boolean broken() { return Double.isNaN(precopySeconds) || Double.isNaN(downtimeSeconds); }
    }

    public Variant {
        Check.notNull("name", name);
        Check.notNull("conventions", conventions);
        Check.notNull("predictor", predictor);
    }
}
