package io.livemig.plan;

import io.livemig.model.Prediction;
import io.livemig.units.DataSize;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The answer to "which VMs should I migrate to free this much memory": the chosen VMs, minimising the sum of an
 * {@link Objective} over them, under an optional per-VM downtime bound.
 *
 * @param toFree            the memory asked for
 * @param objective         what the choice minimises (summed over the chosen VMs, migrated one after another)
 * @param downtimeBoundOrNull the per-VM downtime bound, null for none (see {@link #downtimeBound()})
 * @param candidates        every VM offered, with its prediction, whether it could be chosen and whether it was
 * @param feasible          whether the eligible VMs can free {@code toFree}
 * @param exact             true when every subset was examined; false when the budget forced a greedy choice
 * @param subsetsExamined   subsets examined (the effort spent)
 * @param reason            one line for a person
 */
public record Selection(
        DataSize toFree,
        Objective objective,
        Duration downtimeBoundOrNull,
        List<Candidate> candidates,
        boolean feasible,
        boolean exact,
        long subsetsExamined,
        String reason) {

    /**
     * One VM offered to the selection.
     *
     * @param eligible false when it cannot be chosen (does not converge, or exceeds the downtime bound); see note
     */
    public record Candidate(
            String vm, DataSize memory, Prediction prediction, boolean eligible, boolean chosen, String note) {
        /** This candidate, chosen or not. */
        public Candidate withChosen(boolean c) {
            return new Candidate(vm, memory, prediction, eligible, c, note);
        }
    }

    public Selection {
        candidates = List.copyOf(candidates);
    }

    public Optional<Duration> downtimeBound() {
        return Optional.ofNullable(downtimeBoundOrNull);
    }

    public List<Candidate> chosen() {
        return candidates.stream().filter(Candidate::chosen).toList();
    }

    /** The objective summed over the chosen VMs (0 when none is chosen). */
    public double total() {
        return chosen().stream().mapToDouble(c -> objective.of(c.prediction())).sum();
    }

    /** Memory freed by the chosen VMs. */
    public DataSize freed() {
        return chosen().stream().map(Candidate::memory).reduce(DataSize.ZERO, DataSize::plus);
    }

    /** One row per candidate: vm, memory_MiB, migration_s, downtime_s, traffic_MiB, eligible, chosen, note. */
    public Table toTable() {
        Table t = Table.create(
                "selection · free " + toFree + " · minimise " + objective.label(),
                StringColumn.create("vm"),
                DoubleColumn.create("memory_MiB"),
                DoubleColumn.create("migration_s"),
                DoubleColumn.create("downtime_s"),
                DoubleColumn.create("traffic_MiB"),
                BooleanColumn.create("eligible"),
                BooleanColumn.create("chosen"),
                StringColumn.create("note"));
        for (Candidate c : candidates) {
            t.stringColumn("vm").append(c.vm());
            t.doubleColumn("memory_MiB").append(c.memory().mib());
            t.doubleColumn("migration_s").append(c.prediction().migrationSeconds());
            t.doubleColumn("downtime_s").append(c.prediction().downtimeSeconds());
            t.doubleColumn("traffic_MiB").append(Objective.TRAFFIC.of(c.prediction()));
            t.booleanColumn("eligible").append(c.eligible());
            t.booleanColumn("chosen").append(c.chosen());
            t.stringColumn("note").append(c.note());
        }
        return t;
    }

    @Override
    public String toString() {
        return (feasible ? "migrate " + chosen().stream().map(Candidate::vm).toList() + ": " : "infeasible: ") + reason;
    }
}
