package io.livemig.lab;

import io.livemig.dsl.render.ResultFiles;
import io.livemig.dsl.render.Tables;
import io.livemig.evaluate.LabComparison;
import io.livemig.evaluate.LabDataset;
import io.livemig.policy.QemuBurst;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

/** {@code livemig lab compare DIR}: the models and the simulator against a lab dataset (no QEMU needed). */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description =
                "Compares the QEMU-accurate model, the paper's model and the simulator with a lab dataset (mean of repeats per point).")
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "a lab dataset (runs.csv, traces/), e.g. data/qemu-lab")
    Path dir;

    @Option(
            names = "--held-out",
            split = ",",
            paramLabel = "SHAPE",
            description = "shapes held out from tuning (default: hotcold,bursty)")
    List<String> heldOut;

    @Option(
            names = "--tune",
            paramLabel = "DIR",
            description =
                    "fit the lab's constants (write quantum, downtime clock) on this dataset's shapes not held out,"
                            + " not on DIR's: for a dataset of held-out shapes measured apart (default: DIR)")
    Path tune;

    @Option(names = "--points", description = "print every point, not only the summary")
    boolean points;

    @Option(names = "--csv", paramLabel = "FILE", description = "write the per-point table as CSV")
    Path csv;

    @Option(
            names = "--mechanics",
            description =
                    "also print what the runs say about QEMU's mechanics (bandwidth, rounds, threshold, baseline)")
    boolean mechanics;

    @Option(
            names = "--rounds",
            paramLabel = "RUN",
            description = "also print one run's rounds beside the model's and the simulator's (a runs.csv id)")
    String rounds;

    @Override
    public Integer call() {
        Set<String> held = heldOut == null ? LabComparison.DEFAULT_HELD_OUT : new LinkedHashSet<>(heldOut);
        for (String s : held) WorkloadShape.of(s);
        LabDataset data = LabDataset.read(dir);
        QemuBurst burst = LabComparison.writeQuantum(tune == null ? data : LabDataset.read(tune), held);
        if (tune != null && !burst.quantised())
            throw new IllegalArgumentException("--tune: " + tune + " has too few rounds of shapes not held out ("
                    + String.join(",", held) + ") to fit the lab's write quantum on");
        List<LabComparison.Point> result = LabComparison.compare(data, burst);
        Table rows = LabComparison.points(result);
        if (points) System.out.println(Tables.readable(rows).printAll());
        System.out.println(Tables.readable(LabComparison.summary(result, held)).printAll());
        if (csv != null) ResultFiles.writeCsv(rows, csv);
        if (mechanics) System.out.println(LabComparison.mechanics(data, burst).printAll());
        if (rounds != null)
            System.out.println(LabComparison.rounds(data, rounds, burst).printAll());
        return 0;
    }
}
