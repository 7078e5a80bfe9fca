package io.livemig.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.model.Prediction;
import io.livemig.profile.CurveDirtyProfile;
import io.livemig.profile.Vm;
import io.livemig.trace.TraceFormat;
import io.livemig.trace.TraceGenerator;
import io.livemig.trace.TraceHeader;
import io.livemig.trace.Workload;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The DSL's memory composition ({@code nonZero}) and the QEMU-accurate model. */
class NonZeroTest {

    @Test
    void nonZeroAsPercentStringOrPages() {
        Vm a = (Vm) Scripts.eval(Scripts.ECLIPSE.replace("memory 1.GiB", "memory 1.GiB; nonZero 60.percent") + "web");
        assertThat(a.nonZeroPages()).isEqualTo(0.6 * 262144);
        Vm b = (Vm) Scripts.eval(Scripts.ECLIPSE.replace("memory 1.GiB", "memory 1.GiB; nonZero '150000'") + "web");
        assertThat(b.nonZeroPages()).isEqualTo(150000);
        Vm c = (Vm) Scripts.eval(Scripts.ECLIPSE.replace("memory 1.GiB", "memory 1.GiB; nonZero 150000") + "web");
        assertThat(c.nonZeroPages()).isEqualTo(150000);
        Vm d = (Vm) Scripts.eval(Scripts.ECLIPSE + "web");
        assertThat(d.composition().hasZeroPages()).isFalse();
    }

    @Test
    void badNonZeroIsOneLine() {
        assertThat(Scripts.failure(Scripts.ECLIPSE.replace("memory 1.GiB", "memory 1.GiB; nonZero 'lots'"))
                        .getMessage())
                .contains("vm 'web': non-zero 'lots': expected a page count");
    }

    @Test
    void qemuAccurateByNameCountsZeroPagesOnTheWire() {
        String s = Scripts.ECLIPSE.replace("memory 1.GiB", "memory 1.GiB; nonZero 50.percent")
                + "[predict(web, at: 2.GBps, on: qemu(), model: 'qemu-accurate'), predict(web, at: 2.GBps, on: qemu(), model: 'proposed'),"
                + " predict(web, at: 2.GBps, on: qemu())]";
        @SuppressWarnings("unchecked")
        var l = (java.util.List<Prediction>) Scripts.eval(s);
        assertThat(l.get(0).model()).isEqualTo("qemu-accurate");
        // under qemu() the DSL's default is the command line's: QEMU-accurate (Models.defaultFor)
        assertThat(l.get(2)).isEqualTo(l.get(0));
        assertThat(l.get(0).wireTrafficBytes()).isLessThan(0.8 * l.get(1).wireTrafficBytes());
    }

    @Test
    void aTraceFillsTheCompositionAndCanGiveTheCurve(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("u.csv");
        TraceGenerator.generate("u", new Workload.UniformWorkingSet(1_000, 100), TraceHeader.of(4096), 30, 1)
                .withNonZeroPages(2048)
                .write(TraceFormat.PAGES_CSV, f);
        String path = f.toString().replace("\\", "/");
        Vm vm = (Vm) Scripts.eval("vm('u') { trace '" + path + "', dT: 'curve' }");
        assertThat(vm.nonZeroPages()).isEqualTo(2048);
        assertThat(vm.profile()).isInstanceOf(CurveDirtyProfile.class);
        Vm linear = (Vm) Scripts.eval("vm('u') { trace '" + path + "'; nonZero 100.percent }");
        assertThat(linear.composition().hasZeroPages()).isFalse();
    }
}
