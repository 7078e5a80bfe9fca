package io.livemig.cli;

import io.livemig.model.Prediction;
import io.livemig.model.Models;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.profile.LinearDirtyProfile;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;
import io.livemig.units.DataSize;
import picocli.CommandLine.Command;

import io.livemig.plan.Objective;
import io.livemig.plan.Planner;
import io.livemig.plan.RatePlan;
import io.livemig.plan.Selection;
import io.livemig.model.ProposedModel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code livemig demo}: the main job on bundled example VMs. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Predicts example migrations with every model, then asks the planner for a rate and a choice of VMs.")
final class DemoCommand implements Callable<Integer> {
    @Override public Integer call() {
        // dacapo-eclipse's fitted profile from the paper's data (model-paper.md §2.2)
        var eclipse = LinearDirtyProfile.paper(8822, new double[]{2775, 1559, 1292, 839, 1038, 864, 743, 658, 592, 533}, 119435);
        Vm vm = Vm.of("eclipse", DataSize.ofGiB(1), eclipse);
        List<Prediction> all = new ArrayList<>();
        for (var policy : List.of(PrecopyPolicy.named("xen"), PrecopyPolicy.named("xen-noskip"), PrecopyPolicy.named("qemu"))) {
            for (var model : Models.all()) all.add(model.predict(vm, DataRate.ofMiBps(50), policy));
        }
        System.out.println(Prediction.summaryTable(all).printAll());

        // The planner: the lowest rate that migrates eclipse within 30 s, and which VMs to move to free 1.5 GiB.
        Planner planner = Planner.of(ProposedModel.defaults(), PrecopyPolicy.named("xen-noskip"));
        RatePlan plan = planner.minimumRate(vm, Objective.MIGRATION_TIME, Duration.ofSeconds(30), DataRate.ofMiBps(1000));
        System.out.println(plan.toTable().printAll());
        var quiet = LinearDirtyProfile.paper(871, new double[]{115, 153, 125, 40, 33, 61, 108, 95, 84, 76}, 12804); // dacapo-avrora
        List<Vm> hosts = List.of(vm, Vm.of("avrora", DataSize.ofGiB(1), quiet), Vm.of("avrora-2g", DataSize.ofGiB(2), quiet));
        Selection sel = planner.select(hosts, DataSize.ofMiB(1536), DataRate.ofMiBps(50), Objective.TRAFFIC, Optional.of(Duration.ofSeconds(1)));
        System.out.println(sel.toTable().printAll());
        System.out.println(sel);
        return 0;
    }
}
