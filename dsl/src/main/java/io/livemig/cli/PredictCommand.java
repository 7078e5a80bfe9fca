package io.livemig.cli;

import io.livemig.model.Prediction;
import io.livemig.model.ProposedModel;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.profile.LinearDirtyProfile;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;
import io.livemig.units.DataSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code livemig predict}: one prediction of the proposed model from parameters given on the command line. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predicts one migration with the proposed model: the per-iteration table and the totals.")
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--memory", required = true, description = "VM memory, e.g. 1GiB") String memory;
    @Option(names = "--rate", required = true, description = "migration rate, e.g. 100MBps, 12.5MiB/s, 1Gbps") String rate;
    @Option(names = "--policy", defaultValue = "xen", description = "qemu, qemu-1.7, xen, xen-noskip, xen-v2 (default: ${DEFAULT-VALUE})") String policy;
    @Option(names = "--s", required = true, description = "S: unique pages dirtied in one unit") double s;
    @Option(names = "--s-new", required = true, split = ",", description = "S_new^T per unit, for T = 0,1,2,… s (comma-separated)") double[] sNew;
    @Option(names = "--mw", required = true, description = "M_w: maximum writable working set, pages") double mw;
    @Option(names = "--unit", defaultValue = "100ms", description = "the unit of S and S_new (default: ${DEFAULT-VALUE})") String unit;
    @Option(names = "--name", defaultValue = "vm", description = "the VM's name") String name;

    @Override public Integer call() {
        double unitSeconds = Durations.parseSeconds(unit);
        var profile = new LinearDirtyProfile(unitSeconds, s, sNew, 1.0, mw, 4096);
        Vm vm = Vm.of(name, DataSize.parse(memory), profile);
        Prediction p = ProposedModel.defaults().predict(vm, DataRate.parse(rate), PrecopyPolicy.named(policy));
        System.out.println(p.toTable().printAll());
        System.out.println(p);
        return 0;
    }
}
