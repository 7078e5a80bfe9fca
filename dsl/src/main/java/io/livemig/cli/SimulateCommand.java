package io.livemig.cli;

import io.livemig.dsl.render.Tables;
import io.livemig.evaluate.ModelComparison;
import io.livemig.model.Prediction;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.sim.SimConfig;
import io.livemig.sim.Simulator;
import io.livemig.trace.Trace;
import io.livemig.trace.TraceFile;
import io.livemig.trace.TraceGenerator;
import io.livemig.trace.TwinTarget;
import io.livemig.units.DataRate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

/**
 * {@code livemig simulate TRACE --rate R --policy P}: replays a trace page by page; with {@code --compare}, the
 * proposed and existing models against the simulator over several traces, rates and policies (p90 errors).
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Replays a trace page by page against QEMU or Xen at a rate (the ground truth for synthetic traces).",
            "With --compare: every model against the simulator over the traces (and --twins), rates and policies."
        })
final class SimulateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TRACE", arity = "0..*", description = ".lmt, .csv or .csv.gz trace(s)")
    List<Path> traces = new ArrayList<>();

    @Option(
            names = "--rate",
            split = ",",
            description = "migration rate(s), e.g. 50MBps, 1Gbps; several only with --compare")
    List<String> rates = new ArrayList<>();

    @Option(
            names = "--policy",
            defaultValue = "xen",
            description = "qemu, qemu-1.7, xen, xen-noskip, xen-v2, or all with --compare (default: ${DEFAULT-VALUE})")
    String policy;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "seed for the times of dirtyings inside a unit (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--zero-fraction",
            defaultValue = "0",
            description = "QEMU: share of never-dirtied pages that are zero pages (default: ${DEFAULT-VALUE})")
    double zeroFraction;

    @Option(
            names = "--compare",
            description = "compare the models with the simulator and print p90 errors per policy and model")
    boolean compare;

    @Option(
            names = "--twins",
            defaultValue = "0",
            description = "with --compare: also the twins of the first N dataset workloads (-1: all 55)")
    int twins;

    @Option(names = "--rows", description = "with --compare: write every row to this CSV")
    Path rowsCsv;

    @picocli.CommandLine.Mixin
    TraceCommand.CsvDefaults csv = new TraceCommand.CsvDefaults();

    @Override
    public Integer call() throws Exception {
        SimConfig config = SimConfig.defaults().withSeed(seed).withZeroPageFraction(zeroFraction);
        if (rates.isEmpty()) throw new IllegalArgumentException("--rate is required, e.g. --rate 50MBps");
        List<DataRate> rs = rates.stream().map(DataRate::parse).toList();
        if (compare) return compare(rs, config);
        if (traces.size() != 1)
            throw new IllegalArgumentException(
                    "expected one TRACE, got " + traces.size() + " (several only with --compare)");
        if (rs.size() != 1)
            throw new IllegalArgumentException(
                    "expected one --rate, got " + rs.size() + " (several only with --compare)");
        // streamed: memory holds the VM's bitmaps and one unit of the trace, however long the trace is
        TraceFile t = TraceFile.of(TraceCommand.existing(traces.get(0)), csv.readers());
        Prediction p = Simulator.simulate(t, rs.get(0), PrecopyPolicy.named(policy), config);
        if (json) {
            System.out.println(PredictionJson.of(p));
        } else {
            System.out.println(Tables.readable(p.toTable()).printAll());
            System.out.println(p);
        }
        return 0;
    }

    private int compare(List<DataRate> rs, SimConfig config) throws Exception {
        if (rowsCsv != null)
            io.livemig.trace.AtomicOutput.refuseInputs(rowsCsv, traces.toArray(Path[]::new)); // before minutes of work
        List<Trace> ts = new ArrayList<>();
        for (Path p : traces) ts.add(csv.readers().file(TraceCommand.existing(p)));
        if (twins != 0) {
            List<TwinTarget> rows =
                    TwinTarget.readParams(TraceCommand.datasetDir().resolve("params.csv"));
            int n = twins < 0 ? rows.size() : Math.min(twins, rows.size());
            for (int i = 0; i < n; i++) ts.add(TraceGenerator.twin(rows.get(i), TraceGenerator.COMPARE_TWIN_SEED));
        }
        if (ts.isEmpty()) throw new IllegalArgumentException("--compare needs TRACE files or --twins N");
        List<PrecopyPolicy> ps = PrecopyPolicy.namedOrAll(policy);
        Table rows = ModelComparison.rows(ts, rs, ps, config);
        if (rowsCsv != null) io.livemig.dsl.render.ResultFiles.writeCsv(rows, rowsCsv, traces.toArray(Path[]::new));
        Table p90 = ModelComparison.percentiles(rows);
        if (json) System.out.println(TableJson.of(p90));
        else System.out.println(Tables.readable(p90).printAll());
        return 0;
    }
}
