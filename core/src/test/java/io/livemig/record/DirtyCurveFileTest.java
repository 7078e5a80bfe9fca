package io.livemig.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.livemig.TraceFormatException;
import io.livemig.model.QemuAccurateModel;
import io.livemig.policy.Qemu;
import io.livemig.units.DataRate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirtyCurveFileTest {
    @TempDir
    Path dir;

    static DirtyCurve sample(boolean partial) {
        var src = new DirtyCurve.Source("10.0.2", "page-sampling", 4096, "millisecond");
        Instant t = Instant.parse("2026-11-30T08:00:00Z");
        long mem = 512L << 20;
        var p1 = DirtyCurve.Point.of(
                0.1,
                List.of(new DirtyCurve.Sample(80, t, 100), new DirtyCurve.Sample(100, t.plusSeconds(1), 100)),
                mem,
                4096,
                src);
        var p2 = DirtyCurve.Point.of(1, List.of(new DirtyCurve.Sample(30, t, 1000)), mem, 4096, src);
        var p3 = DirtyCurve.Point.of(10, List.of(new DirtyCurve.Sample(5, t, 10000)), mem, 4096, src);
        return new DirtyCurve(
                "web",
                mem,
                4096,
                Optional.of(30000.0),
                Optional.empty(),
                src,
                t,
                t.plusSeconds(12),
                partial,
                partial ? List.of("partial: interrupted after 3 of 6 windows") : List.of(),
                List.of(p3, p1, p2));
    }

    @Test
    void writesAndReadsBackTheSameCurve() {
        DirtyCurve c = sample(true);
        Path f = dir.resolve("web.curve.json");
        DirtyCurveFile.write(c, f);
        DirtyCurve back = DirtyCurveFile.read(f);
        assertThat(back).isEqualTo(c);
        assertThat(back.partial()).isTrue();
        assertThat(DirtyCurveFile.isCurveFile(f)).isTrue();
        // no temporary file is left beside it
        assertThat(dir.toFile().list()).containsExactly("web.curve.json");
    }

    @Test
    void theProfileFollowsThePointsAndTheModelReadsIt() {
        DirtyCurve c = sample(false);
        // 512 MiB × 4096 samples/GiB = 2048 samples of 0.25 MiB. At 0.1 s one sample moves the rate by 2.5 MiB/s: 80
        // and
        // 100 MiB/s are exactly 32 and 40 samples, 8 and 10 MiB; mean 9 MiB = 2304 pages
        assertThat(c.points().get(0).dirtiedPages()).isEqualTo(2304);
        // at 1 s a sample is 0.25 MiB/s: 30 MiB/s (rounded down) is 120 … 123 samples, midpoint 121.5 = 30.375 MiB
        assertThat(c.points().get(1).dirtiedPages()).isCloseTo(30.375 * 256, within(1e-9));
        // at 10 s, 5 MiB/s is 200 … 239 samples: 54.875 MiB, where rate × T would say 50 MiB
        assertThat(c.points().get(2).dirtiedPages()).isCloseTo(54.875 * 256, within(1e-9));
        var p = c.profile();
        assertThat(p.unitSeconds()).isEqualTo(0.1);
        assertThat(p.dirtiedPages(0.05)).isCloseTo(1152, within(1e-6));
        for (var pt : c.points())
            assertThat(p.dirtiedPages(pt.windowSeconds())).isCloseTo(pt.dirtiedPages(), within(1e-6));
        // M_w: the upper end of the longest window's interval, not the memory (which would cancel the zero pages)
        assertThat(p.mwPages()).isEqualTo(c.points().get(2).upperPages()).isLessThan(512 * 256);
        var vm = c.vm();
        assertThat(vm.nonZeroPages()).isEqualTo(30000);
        var slow = new QemuAccurateModel().predict(vm, DataRate.ofMiBps(100), Qemu.defaults());
        var lo = new QemuAccurateModel().predict(c.vm(DirtyCurve.Bound.LOWER), DataRate.ofMiBps(100), Qemu.defaults());
        var hi = new QemuAccurateModel().predict(c.vm(DirtyCurve.Bound.UPPER), DataRate.ofMiBps(100), Qemu.defaults());
        assertThat(slow.converged()).isTrue();
        // more dirtying can only cost more time
        assertThat(lo.migrationSeconds()).isLessThanOrEqualTo(slow.migrationSeconds());
        assertThat(hi.migrationSeconds()).isGreaterThanOrEqualTo(slow.migrationSeconds());
    }

    @Test
    void modesThatCountEveryPageHaveOnlyTheRounding() {
        var bitmap = new DirtyCurve.Source("10.0.2", "dirty-bitmap", 0, "millisecond");
        var p = DirtyCurve.Point.of(2, List.of(new DirtyCurve.Sample(10, Instant.EPOCH, 2000)), 1L << 30, 4096, bitmap);
        // 10 MiB/s rounded down over 2 s: D in [20, 22) MiB, midpoint 21 MiB
        assertThat(p.dirtiedPages()).isEqualTo(21 * 256);
        assertThat(p.lowerPages()).isEqualTo(20 * 256);
        assertThat(p.upperPages()).isEqualTo(22 * 256);
        assertThat(p.resolutionPages()).isEqualTo(2 * 256);
    }

    @Test
    void aZeroReadingStillMakesAUsableProfile() {
        var src = new DirtyCurve.Source("10.0.2", "page-sampling", 4096, "millisecond");
        var p = DirtyCurve.Point.of(0.1, List.of(new DirtyCurve.Sample(0, Instant.EPOCH, 100)), 64L << 20, 4096, src);
        var c = new DirtyCurve(
                "idle",
                64L << 20,
                4096,
                Optional.empty(),
                Optional.empty(),
                src,
                Instant.EPOCH,
                Instant.EPOCH,
                false,
                List.of(),
                List.of(p));
        assertThat(p.lowerPages()).isZero();
        assertThat(p.upperPages()).isGreaterThan(0);
        assertThat(c.profile().dirtiedPages(0.1)).isEqualTo(DirtyCurve.MIN_PAGES);
    }

    @Test
    void malformedFilesNameTheField() throws Exception {
        Path f = dir.resolve("bad.curve.json");
        String good = Files.readString(write(sample(false)));
        check(f, "{", "bad.curve.json: document: not JSON");
        check(f, "[1]", "bad.curve.json: document: expected a JSON object, got an array");
        check(
                f,
                good.replace("livemig-dirty-curve", "other"),
                "bad.curve.json: format: expected \"livemig-dirty-curve\", got \"other\"");
        check(f, good.replace("\"version\": 1", "\"version\": 7"), "bad.curve.json: version: expected 1, got 7");
        check(
                f,
                good.replaceFirst("\"window_s\": 0.1", "\"window_s\": -0.1"),
                "bad.curve.json: points[0].window_s: expected a window > 0 s, got -0.1");
        check(
                f,
                good.replaceFirst("\"dirtied_pages\": 2304.0", "\"dirtied_pages\": \"many\""),
                "bad.curve.json: points[0].dirtied_pages: expected a number, got \"many\"");
        check(
                f,
                good.replaceFirst("\"memory_bytes\": 536870912", "\"memory_bytes\": 0"),
                "bad.curve.json: memory_bytes: expected a size > 0 B, got 0");
        check(
                f,
                good.replaceFirst("\"started_at\": \"[^\"]+\"", "\"started_at\": \"yesterday\""),
                "bad.curve.json: started_at: expected a UTC time");
        check(
                f,
                good.replaceFirst("\"rate_mib_s\": 80", "\"rate_mib_s\": 8.5"),
                "bad.curve.json: points[0].samples[0].rate_mib_s: expected a whole number of MiB/s >= 0, got 8.5");
        assertThatThrownBy(() -> DirtyCurveFile.read(dir.resolve("absent.curve.json")))
                .hasMessageEndingWith("absent.curve.json: no such dirty-curve file");
    }

    private Path write(DirtyCurve c) {
        Path f = dir.resolve("good.curve.json");
        DirtyCurveFile.write(c, f);
        return f;
    }

    private static void check(Path f, String text, String message) throws Exception {
        Files.writeString(f, text);
        assertThatThrownBy(() -> DirtyCurveFile.read(f))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith(message);
    }
}
