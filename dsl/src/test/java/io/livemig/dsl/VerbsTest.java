package io.livemig.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.model.FullCopyModel;
import io.livemig.model.GeometricSeriesModel;
import io.livemig.model.Models;
import io.livemig.model.Prediction;
import io.livemig.model.ProposedModel;
import io.livemig.plan.Margin;
import io.livemig.plan.Objective;
import io.livemig.plan.Planner;
import io.livemig.plan.RatePlan;
import io.livemig.plan.Selection;
import io.livemig.policy.Qemu;
import io.livemig.policy.XenLegacy;
import io.livemig.policy.XenV2;
import io.livemig.profile.LinearDirtyProfile;
import io.livemig.profile.Vm;
import io.livemig.trace.Trace;
import io.livemig.trace.TraceFit;
import io.livemig.trace.TraceFormat;
import io.livemig.trace.TraceHeader;
import io.livemig.units.DataRate;
import io.livemig.units.DataSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/** Each verb gives what the core gives for the same inputs: the DSL parses and delegates, it adds no model logic. */
class VerbsTest {
    static final Vm WEB = Vm.of(
            "web",
            DataSize.ofGiB(1),
            LinearDirtyProfile.paper(
                    8822, new double[] {2775, 1559, 1292, 839, 1038, 864, 743, 658, 592, 533}, 119435));

    @TempDir
    Path dir;

    @Test
    void vmBuildsTheCoreVm() {
        assertThat(Scripts.eval(Scripts.ECLIPSE + "web")).isEqualTo(WEB);
    }

    @Test
    void profileSettingsHaveUnits() {
        Vm vm = (Vm) Scripts.eval("""
                vm('x') { memory 2.GiB; profile { s 100; sNew 50; mw 64.MiB; unit 1.s; step 2.s; pageSize 8.KiB } }
                """);
        assertThat(vm.profile()).isEqualTo(new LinearDirtyProfile(1.0, 100, new double[] {50}, 2.0, 8192, 8192));
        assertThat(vm.memory()).isEqualTo(DataSize.ofGiB(2));
    }

    @Test
    void aJavaConsumerBuildsTheSameVm() {
        var script = (LivemigScript) LivemigShell.compile("1", "x.groovy", new groovy.lang.Binding());
        Vm vm = script.vm("web", (java.util.function.Consumer<VmSpec>) spec -> {
            spec.memory(DataSize.ofGiB(1));
            spec.profile((java.util.function.Consumer<ProfileSpec>) p -> {
                p.s(8822);
                p.sNew(2775, 1559, 1292, 839, 1038, 864, 743, 658, 592, 533);
                p.mw(119435);
            });
        });
        assertThat(vm).isEqualTo(WEB);
    }

    @Test
    void policiesAndTheirParameters() {
        assertThat(Scripts.eval("qemu()")).isEqualTo(Qemu.defaults());
        assertThat(Scripts.eval("qemu(downtime: 30.ms, bandwidth: 32.MiBps)"))
                .isEqualTo(new Qemu(Duration.ofMillis(30), DataRate.ofMiBps(32)));
        assertThat(Scripts.eval("qemu(version: '1.7')")).isEqualTo(Qemu.qemu1_7());
        assertThat(Scripts.eval("xen()")).isEqualTo(XenLegacy.xen4_x());
        assertThat(Scripts.eval("xen(maxIterations: 10, maxFactor: 2, minPages: 100)"))
                .isEqualTo(new XenLegacy(10, 2, 100, true));
        assertThat(Scripts.eval("xenNoSkip()")).isEqualTo(XenLegacy.xen4_x().withSkip(false));
        assertThat(Scripts.eval("xenV2()")).isEqualTo(XenV2.xen4_6());
        assertThat(Scripts.eval("xenV2(maxIterations: 3, minPages: 10)")).isEqualTo(new XenV2(3, 10));
    }

    @Test
    void predictIsTheProposedModelOnXenByDefault() {
        Prediction p = (Prediction) Scripts.eval(Scripts.ECLIPSE + "predict web, at: 50.MiBps");
        assertThat(p).isEqualTo(ProposedModel.defaults().predict(WEB, DataRate.ofMiBps(50), XenLegacy.xen4_x()));
        Prediction q = (Prediction)
                Scripts.eval(Scripts.ECLIPSE + "predict web, at: '400MBps', on: qemu(), model: 'full-copy'");
        assertThat(q).isEqualTo(new FullCopyModel().predict(WEB, DataRate.ofMBps(400), Qemu.defaults()));
    }

    @Test
    void marginIsThePlannersMarginWithPredictsDefaults() {
        Margin m = (Margin) Scripts.eval(Scripts.ECLIPSE + "margin web, at: 50.MiBps, on: qemu()");
        assertThat(m)
                .isEqualTo(Planner.of(Models.defaultFor(Qemu.defaults()), Qemu.defaults())
                        .margin(WEB, DataRate.ofMiBps(50)));
        assertThat(m.search()).isEqualTo(Margin.Search.FOUND);
        assertThat(Scripts.eval(Scripts.ECLIPSE + "margin(web, at: 50.MiBps, on: qemu()).toString()"))
                .isEqualTo("at 50 MiB/s: " + m.describe());
    }

    @Test
    void recordComponentsReadAsProperties() {
        assertThat(Scripts.eval(Scripts.ECLIPSE + "(predict(web, at: 50.MiBps)).downtimeSeconds"))
                .isEqualTo(ProposedModel.defaults()
                        .predict(WEB, DataRate.ofMiBps(50), XenLegacy.xen4_x())
                        .downtimeSeconds());
    }

    @Test
    void compareRunsEveryModelByDefault() {
        Comparison c = (Comparison) Scripts.eval(Scripts.ECLIPSE + "compare web, at: 100.MiBps, on: xenNoSkip()");
        var policy = XenLegacy.xen4_x().withSkip(false);
        assertThat(c.predictions())
                .containsExactlyElementsOf(Models.all().stream()
                        .map(m -> m.predict(WEB, DataRate.ofMiBps(100), policy))
                        .toList());
        assertThat(c.get("geometric"))
                .isEqualTo(new GeometricSeriesModel().predict(WEB, DataRate.ofMiBps(100), policy));
        assertThat(c.toTable().rowCount()).isEqualTo(Models.all().size());
        assertThat(c.summary()).contains("proposed").contains("liu-iterative");
    }

    @Test
    void compareWithChosenModels() {
        Comparison c = (Comparison)
                Scripts.eval(Scripts.ECLIPSE + "compare web, at: 100.MiBps, models: ['proposed', model('full-copy')]");
        assertThat(c.predictions()).extracting(Prediction::model).containsExactly("proposed", "full-copy");
    }

    @Test
    void sweepPredictsAtEachRate() {
        Sweep s = (Sweep)
                Scripts.eval(Scripts.ECLIPSE + "sweep web, rates: [50.MiBps, 100.MiBps, 200.MiBps], on: qemu()");
        List<Prediction> expected = new ArrayList<>();
        for (double r : new double[] {50, 100, 200})
            expected.add(ProposedModel.defaults().predict(WEB, DataRate.ofMiBps(r), Qemu.defaults()));
        assertThat(s.predictions()).isEqualTo(expected);
        assertThat(s.charts()).hasSize(1);
    }

    @Test
    void sweepFromToStepsSpacesRatesEvenly() {
        Sweep s = (Sweep)
                Scripts.eval(Scripts.ECLIPSE + "sweep web, from: 10.MiBps, to: 100.MiBps, steps: 10, models: 'all'");
        assertThat(s.predictions()).hasSize(10 * Models.all().size());
        assertThat(s.predictions().subList(0, 10))
                .extracting(p -> p.rate().mibPerSecond())
                .containsExactly(10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0);
    }

    @Test
    void rateForAsksThePlanner() {
        RatePlan r = (RatePlan) Scripts.eval(Scripts.ECLIPSE + "rateFor web, within: 10.s, on: qemu()");
        assertThat(r)
                .isEqualTo(Planner.of(ProposedModel.defaults(), Qemu.defaults())
                        .minimumRate(WEB, Objective.MIGRATION_TIME, Duration.ofSeconds(10), DataRate.ofGbps(10)));
        RatePlan d = (RatePlan) Scripts.eval(Scripts.ECLIPSE + "rateFor web, downtime: 300.ms, max: 1.Gbps");
        assertThat(d)
                .isEqualTo(Planner.of(ProposedModel.defaults(), XenLegacy.xen4_x())
                        .minimumRate(WEB, Objective.DOWNTIME, Duration.ofMillis(300), DataRate.ofGbps(1)));
    }

    @Test
    void chooseAsksThePlanner() {
        Selection s = (Selection) Scripts.eval(Scripts.ECLIPSE + """
                def db = vm('db') { memory 2.GiB; profile { s 2000; sNew 500; mw 50000 } }
                choose([web, db], free: 1.GiB, minimizing: 'time', at: 1.Gbps, downtime: 2.s)
                """);
        Vm db = Vm.of("db", DataSize.ofGiB(2), LinearDirtyProfile.paper(2000, new double[] {500}, 50000));
        assertThat(s)
                .isEqualTo(Planner.of(ProposedModel.defaults(), XenLegacy.xen4_x())
                        .select(
                                List.of(WEB, db),
                                DataSize.ofGiB(1),
                                DataRate.ofGbps(1),
                                Objective.MIGRATION_TIME,
                                Optional.of(Duration.ofSeconds(2))));
    }

    @Test
    void traceAndFitReadTheFileThroughCore() {
        Path file = writeTrace(dir.resolve("t.lmt"));
        String f = file.toString().replace("\\", "/");
        Trace t = (Trace) Scripts.eval("trace '" + f + "'");
        assertThat(t.unitCount()).isEqualTo(50);
        TraceFit fit = (TraceFit) Scripts.eval("fit '" + f + "'");
        assertThat(fit).usingRecursiveComparison().isEqualTo(Trace.read().fit(file));
        Vm vm = (Vm) Scripts.eval("vm('t') { trace '" + f + "' }");
        assertThat(vm.profile()).isEqualTo(Trace.read().lmt(file).profile());
        assertThat(vm.memory()).isEqualTo(DataSize.ofMiB(64));
    }

    @Test
    void simulateReplaysTheTraceInTheCoreSimulator() {
        Path file = writeTrace(dir.resolve("s.lmt"));
        String f = file.toString().replace("\\", "/");
        Prediction p = (Prediction) Scripts.eval("simulate '" + f + "', at: 50.MBps, on: qemu(), seed: 3");
        assertThat(p)
                .isEqualTo(io.livemig.sim.Simulator.simulate(
                        Trace.read().lmt(file),
                        DataRate.ofMBps(50),
                        Qemu.defaults(),
                        io.livemig.sim.SimConfig.defaults().withSeed(3)));
        Prediction q = (Prediction) Scripts.eval("simulate trace('" + f + "'), at: 50.MBps");
        assertThat(q)
                .isEqualTo(io.livemig.sim.Simulator.simulate(
                        Trace.read().lmt(file), DataRate.ofMBps(50), XenLegacy.xen4_x()));
    }

    @Test
    void aVmTakesATraceObjectToo() {
        Path file = writeTrace(dir.resolve("o.lmt"));
        Vm vm = (Vm) Scripts.eval(
                "def t = trace('" + file.toString().replace("\\", "/") + "')\nvm('o') { trace t; memory 128.MiB }");
        assertThat(vm.profile()).isEqualTo(Trace.read().lmt(file).profile());
        assertThat(vm.memory()).isEqualTo(DataSize.ofMiB(128));
    }

    @Test
    void aFileThatIsNotATraceFailsAtTheLineNamingTheFile() throws Exception {
        Path bad = dir.resolve("bad.lmt");
        Files.writeString(bad, "this is not a trace");
        ScriptFailure f = Scripts.failure("def a = 1\ntrace '" + bad.toString().replace("\\", "/") + "'");
        assertThat(f.line()).isEqualTo(2);
        assertThat(f.detail()).contains("bad.lmt");
    }

    @Test
    void aCountsOnlyTraceCannotGiveAVmItsProfile() throws Exception {
        Path counts = dir.resolve("c.counts.csv");
        Files.writeString(counts, "unit,dirtied\n0,10\n1,12\n");
        ScriptFailure f = Scripts.failure(
                "def a = 1\nvm('c') { memory 1.GiB; trace '" + counts.toString().replace("\\", "/") + "' }");
        assertThat(f.line()).isEqualTo(2);
        assertThat(f.detail())
                .startsWith("vm 'c': trace '")
                .contains("has counts only; expected a trace of page numbers");
    }

    @Test
    void aRelativeFileIsFoundBesideTheScript() throws Exception {
        writeTrace(dir.resolve("beside.lmt"));
        Path script = dir.resolve("s.groovy");
        Files.writeString(script, "trace('beside.lmt').unitCount()");
        assertThat(LivemigShell.run(script, List.of(), new groovy.lang.Binding()))
                .isEqualTo(50);
    }

    @Test
    void saveWritesTheResult() {
        String out = dir.resolve("p.csv").toString().replace("\\", "/");
        Scripts.eval(Scripts.ECLIPSE + "predict(web, at: 50.MiBps).save('" + out + "')");
        assertThat(dir.resolve("p.csv")).content().startsWith("iteration,sent_pages");
    }

    @Test
    void showPrintsTheTextOrCallsTheDisplayHook() {
        assertThat(Scripts.run(Scripts.ECLIPSE + "show web; null").out()).startsWith("vm 'web': memory 1 GiB");
        List<Object> shown = new ArrayList<>();
        groovy.lang.Binding b = new groovy.lang.Binding();
        b.setVariable(LivemigScript.DISPLAY_VARIABLE, (java.util.function.Consumer<Object>) shown::add);
        LivemigShell.run("show 1.GiB", "x.groovy", b);
        assertThat(shown).containsExactly(DataSize.ofGiB(1));
    }

    @Test
    void scriptArgsAreVisible() throws Exception {
        Path script = dir.resolve("a.groovy");
        Files.writeString(script, "args.join('+')");
        assertThat(LivemigShell.run(script, List.of("a", "b"), new groovy.lang.Binding()))
                .isEqualTo("a+b");
    }

    /** 50 units of 100 ms over 64 MiB: a seeded hot set plus scattered pages. */
    static Path writeTrace(Path file) {
        Random rnd = new Random(7);
        List<RoaringBitmap> units = new ArrayList<>();
        for (int k = 0; k < 50; k++) {
            RoaringBitmap b = new RoaringBitmap();
            for (int i = 0; i < 300; i++) b.add(rnd.nextInt(1024));
            for (int i = 0; i < 50; i++) b.add(rnd.nextInt(16384));
            units.add(b);
        }
        Trace.ofPages("t", new TraceHeader(4096, 16384, 0.1), units).write(TraceFormat.LMT, file);
        return file;
    }
}
