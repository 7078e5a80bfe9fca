package io.livemig.cli;

import io.livemig.dsl.render.Tables;
import io.livemig.model.MigrationModel;
import io.livemig.model.Models;
import io.livemig.model.Prediction;
import io.livemig.plan.Margin;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.profile.MemoryComposition;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;
import io.livemig.units.DataSize;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code livemig predict}: one prediction from parameters given on the command line; under QEMU the QEMU-accurate
 * model (QEMU's own loop, zero pages, bytes on the wire), else the proposed model.
 */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = {
            "Predicts one migration: the per-iteration table, the totals and the traffic in bytes on the wire.",
            "Under QEMU the default model is qemu-accurate (QEMU's loop, zero pages at 9 B); else the paper's proposed model."
        })
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Option(names = "--memory", description = "VM memory, e.g. 1GiB (default with --profile or --trace: theirs)")
    String memory;

    @Option(names = "--rate", required = true, description = "migration rate, e.g. 100MBps, 12.5MiB/s, 1Gbps")
    String rate;

    @Option(
            names = "--policy",
            defaultValue = "xen",
            description =
                    "qemu (300 ms), qemu-1.7 (30 ms), xen (legacy, skip on), xen-noskip, xen-v2 (default: ${DEFAULT-VALUE})")
    String policy;

    @Option(names = "--s", description = "S: unique pages dirtied in one unit")
    Double s;

    @Option(names = "--s-new", split = ",", description = "S_new^T per unit, for T = 0,1,2,… s (comma-separated)")
    double[] sNew;

    @Option(names = "--mw", description = "M_w: maximum writable working set, pages")
    Double mw;

    @Option(
            names = "--profile",
            paramLabel = "FILE",
            description = "a dirty-curve file (livemig record dirty): its D(T), memory and non-zero pages")
    java.nio.file.Path profileFile;

    @Option(
            names = "--trace",
            paramLabel = "FILE",
            description =
                    "a trace: its empirical D(T) and non-zero pages (the paper's linear fit for --model proposed)")
    java.nio.file.Path traceFile;

    @Option(
            names = "--unit",
            defaultValue = "100ms",
            description = "the unit of S and S_new (default: ${DEFAULT-VALUE})")
    String unit;

    @Option(names = "--name", defaultValue = "vm", description = "the VM's name")
    String name;

    @Option(
            names = "--nonzero",
            description =
                    "memory that is not zero pages: a page count (52000), a fraction (0.4) or a percentage (40%%); default: all")
    String nonZero;

    @Option(
            names = "--model",
            description = "proposed, qemu-accurate, … (default: qemu-accurate under QEMU, else proposed)")
    String model;

    @Option(names = "--json", description = "print one JSON document: totals and per-iteration rows")
    boolean json;

    @Option(names = "--all-rows", description = "print every iteration row (default: the first and last 20)")
    boolean allRows;

    @Option(
            names = "--margin",
            description = "find the rate at which the verdict flips (the lowest converging rate) and how far this"
                    + " rate is from it; without it only ±5 %% of the rate is checked")
    boolean searchMargin;

    private static final String NOT_SEARCHED = " (--margin: the rate where it flips)";

    /** Rows a person reads without asking for more. */
    static final int MAX_ROWS = 40;

    @Override
    public Integer call() {
        PrecopyPolicy pol = PrecopyPolicy.named(policy);
        MigrationModel m = model != null ? Models.named(model) : Models.defaultFor(pol);
        Vm vm = ProfileInputs.vm(profileFile, traceFile, m, name, memory, s, sNew, mw, unit);
        if (nonZero != null) vm = vm.withComposition(MemoryComposition.parse(nonZero));
        DataRate r = DataRate.parse(rate);
        Prediction p = m.predict(vm, r, pol);
        // whether the verdict flips within a few percent of the rate, where real QEMU goes either way; the rate where
        // it flips only on request (a search is ~15 predictions: most of a cold start)
        Vm v = vm;
        Margin margin = searchMargin
                ? Margin.search(r, x -> m.predict(v, x, pol))
                : Margin.probe(r, p.converged(), x -> m.predict(v, x, pol));
        if (json) {
            out().println(PredictionJson.of(p, margin));
            return 0;
        }
        // A migration that does not converge can take hundreds of rounds to say so: show its head and tail.
        // the same text as p.toTable(), without creating a Table (TextTable says why)
        TextTable table = new TextTable(p.tableTitle(), Tables.readable(p.iterationColumns()));
        out().println(allRows ? table.printAll() : table.print(MAX_ROWS));
        if (!allRows && p.iterations().size() > MAX_ROWS) {
            out().println("(" + p.iterations().size() + " rows; the middle ones left out: --all-rows shows every row)");
        }
        out().println(p);
        out().println(wireLine(p, vm));
        out().println("margin: " + margin.describe() + (searchMargin ? "" : NOT_SEARCHED));
        return 0;
    }

    /** One line: bytes on the wire (or why there is no total), with the composition the model used. */
    static String wireLine(Prediction p, Vm vm) {
        String comp = vm.composition().hasZeroPages()
                ? vm.composition() + " (" + Math.round(vm.nonZeroPages()) + " of " + Math.round(vm.memoryPages())
                        + " pages)"
                : "all pages non-zero";
        if (!p.converged()) return "traffic on the wire: unbounded (does not converge); memory: " + comp;
        return String.format(
                java.util.Locale.ROOT,
                "traffic on the wire: %.0f B (%.1f MiB); memory: %s",
                p.wireTrafficBytes(),
                p.wireTrafficBytes() / DataSize.MIB,
                comp);
    }
}
