package io.livemig.validate;

import io.livemig.Check;

/**
 * One way of predicting the measured runs: a model, its inputs and the conventions of the script that evaluated it.
 * The ten reference variants of the dataset ({@link Variants#reference()}) reproduce the authors' own predictions;
 * further variants are this project's ({@link Variants#improved}).
 *
 * @param name           stable name, e.g. {@code proposed_noskip}
 * @param rows           which measured rows it predicts: the runs without skip ("KVM") or Xen's with skip
 * @param conventions    rates and traffic definition
 * @param crossValidated true when coefficients were fitted on the data and the errors are leave-one-workload-out
 * @param description    one line: model × dirty-rate input
 * @param predictor      the prediction of one run
 */
public record Variant(
        String name,
        Rows rows,
        Conventions conventions,
        boolean crossValidated,
        String description,
        Predictor predictor) {

    /** The dataset's two sets of measured runs, by the label its files give them. */
    public enum Rows {
        KVM_NO_SKIP("KVM(no-skip)", false),
        XEN_SKIP("Xen(skip)", true);

        private final String label;
        private final boolean skip;

        Rows(String label, boolean skip) {
            this.label = label;
            this.skip = skip;
        }

        /** The dataset's label, {@code KVM(no-skip)} or {@code Xen(skip)}. */
        public String label() {
            return label;
        }

        /** Whether these runs used Xen's skip. */
        public boolean skip() {
            return skip;
        }
    }

    /** The dataset's label of the rows it predicts. */
    public String hypervisor() {
        return rows.label();
    }

    /** Whether it predicts the runs with Xen's skip. */
    public boolean skip() {
        return rows.skip();
    }

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
        public boolean broken() {
            return Double.isNaN(precopySeconds) || Double.isNaN(downtimeSeconds);
        }
    }

    public Variant {
        Check.notNull("name", name);
        Check.notNull("rows", rows);
        Check.notNull("conventions", conventions);
        Check.notNull("predictor", predictor);
    }
}
