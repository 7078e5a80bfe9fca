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
    @Option(names = "--policy", defaultValue = "xen", description = "qemu (300 ms), qemu-1.7 (30 ms), xen (legacy, skip on), xen-noskip, xen-v2 (default: ${DEFAULT-VALUE})") String policy;
    @Option(names = "--s", required = true, description = "S: unique pages dirtied in one unit") double s;
    @Option(names = "--s-new", required = true, split = ",", description = "S_new^T per unit, for T = 0,1,2,… s (comma-separated)") double[] sNew;
    @Option(names = "--mw", required = true, description = "M_w: maximum writable working set, pages") double mw;
    @Option(names = "--unit", defaultValue = "100ms", description = "the unit of S and S_new (default: ${DEFAULT-VALUE})") String unit;
    @Option(names = "--name", defaultValue = "vm", description = "the VM's name") String name;
    @Option(names = "--json", description = "print one JSON document: totals and per-iteration rows") boolean json;

    @Override public Integer call() {
        double unitSeconds = Durations.parseSeconds(unit);
        var profile = new LinearDirtyProfile(unitSeconds, s, sNew, 1.0, mw, 4096);
        Vm vm = Vm.of(name, DataSize.parse(memory), profile);
        Prediction p = ProposedModel.defaults().predict(vm, DataRate.parse(rate), PrecopyPolicy.named(policy));
        if (json) {
            System.out.println(toJson(p));
            return 0;
        }
        System.out.println(p.toTable().printAll());
        System.out.println(p);
        return 0;
    }

    static String toJson(Prediction p) {
        com.google.gson.JsonObject o = new com.google.gson.JsonObject();
        o.addProperty("model", p.model());
        o.addProperty("vm", p.vm());
        o.addProperty("rate_bytes_per_second", p.rate().bytesPerSecond());
        o.addProperty("policy", p.policy());
        o.addProperty("iterations", p.iterationCount());
        o.addProperty("precopy_s", p.precopySeconds());
        o.addProperty("downtime_s", p.downtimeSeconds());
        o.addProperty("migration_s", p.migrationSeconds());
        o.addProperty("traffic_bytes", p.trafficBytes());
        o.addProperty("converged", p.converged());
        o.addProperty("stop_reason", p.stopReason().name());
        o.addProperty("stop_detail", p.stopDetail());
        com.google.gson.JsonArray rows = new com.google.gson.JsonArray();
        for (var it : p.iterations()) {
            com.google.gson.JsonObject r = new com.google.gson.JsonObject();
            r.addProperty("iteration", it.number());
            r.addProperty("sent_pages", it.sentPages());
            r.addProperty("duration_s", it.durationSeconds());
            r.addProperty("dirtied_pages", it.dirtiedPages());
            r.addProperty("eligible_pages", it.eligiblePages());
            r.addProperty("skipped_pages", it.skippedPages());
            r.addProperty("stop_and_copy", it.stopAndCopy());
            rows.add(r);
        }
        o.add("rows", rows);
        return new com.google.gson.GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(o);
    }
}
