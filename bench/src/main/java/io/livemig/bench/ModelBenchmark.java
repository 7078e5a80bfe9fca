package io.livemig.bench;

import io.livemig.model.DirtyRateSource;
import io.livemig.model.EffectiveRateModel;
import io.livemig.model.FullCopyModel;
import io.livemig.model.GeometricSeriesModel;
import io.livemig.model.LiuIterativeModel;
import io.livemig.model.Prediction;
import io.livemig.model.ProposedModel;
import io.livemig.policy.XenLegacy;
import io.livemig.profile.LinearDirtyProfile;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;
import io.livemig.units.DataSize;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** One prediction per model for dacapo-eclipse at 50 MiB/s (goal: at most 2 µs each). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ModelBenchmark {
    final Vm vm = Vm.of(
            "eclipse",
            DataSize.ofGiB(1),
            LinearDirtyProfile.paper(
                    8822, new double[] {2775, 1559, 1292, 839, 1038, 864, 743, 658, 592, 533}, 119435));
    final DataRate rate = DataRate.ofMiBps(50);
    final XenLegacy xen = XenLegacy.paper(true), noSkip = XenLegacy.paper(false);
    final DirtyRateSource pacer = DirtyRateSource.fixed(1160.03);
    final ProposedModel proposed = ProposedModel.defaults();
    final FullCopyModel full = new FullCopyModel();
    final GeometricSeriesModel geometric = new GeometricSeriesModel(pacer);
    final EffectiveRateModel effective = new EffectiveRateModel(pacer);
    final LiuIterativeModel liu = new LiuIterativeModel(pacer);

    @Benchmark
    public Prediction proposedNoSkip() {
        return proposed.predict(vm, rate, noSkip);
    }

    @Benchmark
    public Prediction proposedSkip() {
        return proposed.predict(vm, rate, xen);
    }

    @Benchmark
    public Prediction fullCopy() {
        return full.predict(vm, rate, noSkip);
    }

    @Benchmark
    public Prediction geometric() {
        return geometric.predict(vm, rate, noSkip);
    }

    @Benchmark
    public Prediction effectiveRate() {
        return effective.predict(vm, rate, noSkip);
    }

    @Benchmark
    public Prediction liuSkip() {
        return liu.predict(vm, rate, xen);
    }
}
