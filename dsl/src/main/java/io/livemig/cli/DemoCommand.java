package io.livemig.cli;

import io.livemig.model.Prediction;
import io.livemig.model.Models;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.profile.LinearDirtyProfile;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;
import io.livemig.units.DataSize;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code livemig demo}: the main job on bundled example VMs. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Predicts example migrations with every model and prints the comparison.")
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
        return 0;
    }
}
