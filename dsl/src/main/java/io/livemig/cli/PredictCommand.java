package io.livemig.cli;

import io.livemig.model.MigrationModel;
import io.livemig.model.Models;
import io.livemig.model.Prediction;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.profile.LinearDirtyProfile;
import io.livemig.profile.MemoryComposition;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;
import io.livemig.units.DataSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/**
 * {@code livemig predict}: one prediction from parameters given on the command line; under QEMU the QEMU-accurate
 * model (QEMU's own loop, zero pages, bytes on the wire), else the proposed model.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predicts one migration: the per-iteration table, the totals and the traffic in bytes on the wire.",
                "Under QEMU the default model is qemu-accurate (QEMU's loop, zero pages at 9 B); else the paper's proposed model."})
final class PredictCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    private java.io.PrintWriter out() { return spec.commandLine().getOut(); }

    @Option(names = "--memory", required = true, description = "VM memory, e.g. 1GiB") String memory;
    @Option(names = "--rate", required = true, description = "migration rate, e.g. 100MBps, 12.5MiB/s, 1Gbps") String rate;
    @Option(names = "--policy", defaultValue = "xen", description = "qemu (300 ms), qemu-1.7 (30 ms), xen (legacy, skip on), xen-noskip, xen-v2 (default: ${DEFAULT-VALUE})") String policy;
    @Option(names = "--s", required = true, description = "S: unique pages dirtied in one unit") double s;
    @Option(names = "--s-new", required = true, split = ",", description = "S_new^T per unit, for T = 0,1,2,… s (comma-separated)") double[] sNew;
    @Option(names = "--mw", required = true, description = "M_w: maximum writable working set, pages") double mw;
    @Option(names = "--unit", defaultValue = "100ms", description = "the unit of S and S_new (default: ${DEFAULT-VALUE})") String unit;
    @Option(names = "--name", defaultValue = "vm", description = "the VM's name") String name;
    @Option(names = "--nonzero", description = "memory that is not zero pages: a page count (52000), a fraction (0.4) or a percentage (40%%); default: all") String nonZero;
    @Option(names = "--model", description = "proposed, qemu-accurate, … (default: qemu-accurate under QEMU, else proposed)") String model;
    @Option(names = "--json", description = "print one JSON document: totals and per-iteration rows") boolean json;

    @Override public Integer call() {
        double unitSeconds = Durations.parseSeconds(unit);
        var profile = new LinearDirtyProfile(unitSeconds, s, sNew, 1.0, mw, 4096);
        Vm vm = Vm.of(name, DataSize.parse(memory), profile);
        if (nonZero != null) vm = vm.withComposition(MemoryComposition.parse(nonZero));
        PrecopyPolicy pol = PrecopyPolicy.named(policy);
        MigrationModel m = model != null ? Models.named(model) : Models.defaultFor(pol);
        Prediction p = m.predict(vm, DataRate.parse(rate), pol);
        if (json) {
            out().println(PredictionJson.of(p));
            return 0;
        }
        out().println(p.toTable().printAll());
        out().println(p);
        out().println(wireLine(p, vm));
        return 0;
    }

    /** One line: bytes on the wire (or why there is no total), with the composition the model used. */
    static String wireLine(Prediction p, Vm vm) {
        String comp = vm.composition().hasZeroPages() ? vm.composition() + " (" + Math.round(vm.nonZeroPages()) + " of "
                + Math.round(vm.memoryPages()) + " pages)" : "all pages non-zero";
        if (!p.converged()) return "traffic on the wire: unbounded (does not converge); memory: " + comp;
        return String.format(java.util.Locale.ROOT, "traffic on the wire: %.0f B (%.1f MiB); memory: %s", p.wireTrafficBytes(),
                p.wireTrafficBytes() / DataSize.MIB, comp);
    }
}
