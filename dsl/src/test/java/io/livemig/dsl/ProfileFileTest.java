package io.livemig.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.livemig.model.Prediction;
import io.livemig.profile.CurveDirtyProfile;
import io.livemig.profile.Vm;
import io.livemig.record.DirtyCurve;
import io.livemig.record.DirtyCurveFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vm('web') { profile 'web.curve.json' }}: a recorded dirty curve in the DSL (and so in the kernel). */
class ProfileFileTest {
    @TempDir
    Path dir;

    private Path curve() {
        var src = new DirtyCurve.Source("10.0.2", "page-sampling", 4096, "millisecond");
        long mem = 512L << 20;
        var pts = List.of(
                DirtyCurve.Point.of(0.1, List.of(new DirtyCurve.Sample(80, Instant.EPOCH, 101)), mem, 4096, src),
                DirtyCurve.Point.of(1, List.of(new DirtyCurve.Sample(30, Instant.EPOCH, 1002)), mem, 4096, src));
        Path f = dir.resolve("web.curve.json");
        DirtyCurveFile.write(
                new DirtyCurve(
                        "web",
                        mem,
                        4096,
                        Optional.of(40000.0),
                        Optional.empty(),
                        src,
                        Instant.EPOCH,
                        Instant.EPOCH,
                        false,
                        List.of(),
                        pts),
                f);
        return f;
    }

    private static String path(Path p) {
        return p.toString().replace("\\", "/");
    }

    @Test
    void aCurveFileGivesTheProfileMemoryAndComposition() {
        Path f = curve();
        Vm vm = (Vm) Scripts.eval("vm('web') { profile '" + path(f) + "' }");
        assertThat(vm.profile()).isInstanceOf(CurveDirtyProfile.class);
        // the point QEMU's 30 MiB/s at 1 s implies (DirtyCurve.Point.of), hit exactly by the profile
        assertThat(vm.profile().dirtiedPages(1))
                .isCloseTo(DirtyCurveFile.read(f).points().get(1).dirtiedPages(), within(1e-6));
        assertThat(vm.memory().bytes()).isEqualTo(512L << 20);
        assertThat(vm.nonZeroPages()).isEqualTo(40000);
        Vm upper = (Vm) Scripts.eval(
                "vm('web') { memory 1.GiB; profile '" + path(f) + "', bound: 'upper'; nonZero 50.percent }");
        assertThat(upper.memory().bytes()).isEqualTo(1L << 30);
        assertThat(upper.nonZeroPages()).isEqualTo(131072);
        assertThat(upper.profile().dirtiedPages(1)).isGreaterThan(vm.profile().dirtiedPages(1));
        var p = (Prediction) Scripts.eval("def web = vm('web') { profile '" + path(f)
                + "' }\npredict(web, at: 100.MBps, on: qemu(), model: 'qemu-accurate')");
        assertThat(p.converged()).isTrue();
    }

    @Test
    void dirtyCurveAndCheckCurveInScripts() {
        Path f = curve();
        DirtyCurve c = (DirtyCurve) Scripts.eval("dirtyCurve '" + path(f) + "'");
        assertThat(c.name()).isEqualTo("web");
        assertThat(Scripts.failure("dirtyCurve 'nope.curve.json'").getMessage())
                .contains(
                        "dirtyCurve(): file 'nope.curve.json' not found; expected a dirty-curve file written by livemig record dirty");
        assertThat(Scripts.failure("dirtyCurve 42").getMessage())
                .contains("dirtyCurve(): expected a file name such as 'web.curve.json'");
        String root =
                Path.of(System.getProperty("livemig.root", "..")).toString().replace("\\", "/");
        var t = (tech.tablesaw.api.Table) Scripts.eval("checkCurve dirtyCurve('" + root
                + "/data/record/uniform-m256.curve.json'), '" + root + "/data/record/uniform-r8000-w8192-m256-s1.lmt'");
        assertThat(t.rowCount()).isEqualTo(7);
    }

    @Test
    void badProfileFilesAreOneLineWithTheVm() throws Exception {
        assertThat(Scripts.failure("vm('web') { profile 'missing.curve.json' }").getMessage())
                .contains(
                        "vm 'web': profile file 'missing.curve.json' not found; expected a dirty-curve file written by livemig record dirty");
        Path f = curve();
        assertThat(Scripts.failure("vm('web') { profile '" + path(f) + "', bound: 'middle' }")
                        .getMessage())
                .contains(
                        "vm 'web': profile options: expected bound: 'lower', 'measured' or 'upper', got [bound:middle]");
        Path bad = Files.writeString(
                dir.resolve("bad.curve.json"), "{\"format\": \"livemig-dirty-curve\", \"version\": 1}");
        assertThat(Scripts.failure("vm('web') { profile '" + path(bad) + "' }").getMessage())
                .contains("vm 'web': bad.curve.json: memory_bytes: missing");
        assertThat(Scripts.failure("vm('web') { profile 42 }").getMessage()).contains("vm 'web': profile");
    }
}
