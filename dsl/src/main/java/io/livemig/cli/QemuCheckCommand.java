package io.livemig.cli;

import io.livemig.dsl.render.Tables;
import io.livemig.evaluate.QemuCheck;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.policy.Qemu;
import io.livemig.sim.SimConfig;
import io.livemig.trace.Trace;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

/**
 * {@code livemig qemu-check}: the QEMU-accurate model and the paper's model as is against the simulator's QEMU policy,
 * on the fixed-seed trace set of {@link QemuCheck} at rates that straddle convergence.
 */
@Command(
        name = "qemu-check",
        mixinStandardHelpOptions = true,
        description = {
            "The QEMU-accurate model and the paper's model as is against the simulator's QEMU policy:",
            "uniform, hot/cold, sequential and twin traces (all non-zero and 40%% non-zero) at rates straddling convergence;",
            "prints p90 errors of migration time, traffic (bytes on the wire) and downtime, and the verdicts right."
        })
final class QemuCheckCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--seeds",
            split = ",",
            defaultValue = "7,8,9",
            description = "seeds of the generated traces (default: ${DEFAULT-VALUE})")
    long[] seeds;

    @Option(names = "--policy", defaultValue = "qemu", description = "qemu or qemu-1.7 (default: ${DEFAULT-VALUE})")
    String policy;

    @Option(
            names = "--rows",
            description = "also print every case (or write them to this CSV)",
            arity = "0..1",
            fallbackValue = "-")
    String rows;

    @Option(names = "--json", description = "print the summary as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrecopyPolicy p = PrecopyPolicy.named(policy);
        if (!(p instanceof Qemu q))
            throw new IllegalArgumentException(
                    "--policy: expected a QEMU policy (qemu, qemu-1.7), got '" + policy + "'");
        List<Trace> traces = QemuCheck.traces(seeds);
        Table all = QemuCheck.rows(traces, q, SimConfig.defaults());
        Table summary = QemuCheck.summary(all);
        if (rows != null) {
            if (rows.equals("-"))
                spec.commandLine().getOut().println(Tables.readable(all).printAll());
            else io.livemig.dsl.render.ResultFiles.writeCsv(all, Path.of(rows));
        }
        spec.commandLine()
                .getOut()
                .println(json ? TableJson.of(summary) : Tables.readable(summary).printAll());
        return 0;
    }
}
