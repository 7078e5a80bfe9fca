package io.livemig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.qmp.FakeQmpServer;
import io.livemig.record.DirtyCurve;
import io.livemig.record.DirtyCurveFile;
import io.livemig.record.FakeQemu;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code livemig record dirty}, {@code predict --profile/--trace} and {@code advise --profile} against a fake QEMU. */
class RecordCommandTest {
    @TempDir
    Path dir;

    private Cli.Result recordFake(FakeQemu q, Path out, String... more) throws Exception {
        try (var server = FakeQmpServer.start(dir.resolve("q.sock"), q.script())) {
            String[] base = {
                "record",
                "dirty",
                "--qmp",
                server.socket().toString(),
                "-o",
                out.toString(),
                "--windows",
                "50ms,100ms,200ms"
            };
            String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
            System.arraycopy(more, 0, args, base.length, more.length);
            return Cli.run(args);
        }
    }

    @Test
    void recordsACurveFileThatPredictAndAdviseRead() throws Exception {
        FakeQemu q = new FakeQemu();
        q.rateForWindowMs = ms -> ms == 50 ? 80 : ms == 100 ? 60 : 40;
        Path out = dir.resolve("web.curve.json");
        Cli.Result r = recordFake(q, out, "--name", "web", "--nonzero", "30000", "--repeat", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("dirty curve 'web': 512 MiB, 3 windows").contains("wrote " + out);
        // the progress bar went to stderr, not into the output
        assertThat(r.err()).contains("windows").doesNotContain("dirty curve");
        DirtyCurve c = DirtyCurveFile.read(out);
        assertThat(c.partial()).isFalse();
        assertThat(c.nonZeroPages()).contains(30000.0);
        assertThat(c.points())
                .hasSize(3)
                .allSatisfy(p -> assertThat(p.samples()).hasSize(2));

        Cli.Result p = Cli.run("predict", "--profile", out.toString(), "--rate", "100MiB/s", "--policy", "qemu");
        assertThat(p.exitCode()).as(p.err()).isZero();
        assertThat(p.out()).contains("qemu-accurate: web @").contains("30000 of 131072 pages");

        Cli.Result a = Cli.run(
                "advise",
                "--profile",
                out.toString(),
                "--rate",
                "100MiB/s",
                "--downtime",
                "300ms",
                "--deadline",
                "30s");
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(a.out().strip())
                .startsWith("web at 100.0 MiB/s, downtime limit 300 ms: converges; migration ")
                .contains("lowest rate for 30.0 s: ")
                .doesNotContain("\n");
    }

    /** The README's "Record a live VM" example, on the curve recorded from the lab's guest. */
    @Test
    void theReadmeAdviseExample() throws Exception {
        Path curve = Cli.root().resolve("data/record/uniform-m256.curve.json");
        Cli.Result a = Cli.run(
                "advise",
                "--profile",
                curve.toString(),
                "--rate",
                "500Mbps",
                "--downtime",
                "300ms",
                "--nonzero",
                "26272",
                "--deadline",
                "3s");
        assertThat(a.exitCode()).as(a.err()).isZero();
        String line = a.out().strip();
        assertThat(line)
                .isEqualTo(
                        "uniform-m256 at 59.6 MiB/s, downtime limit 300 ms: converges; migration 2.28 s (2.17–2.41), downtime 227 ms "
                                + "(214–252), 136 MiB (129–144) on the wire; lowest rate for 3.00 s: 47.6 MiB/s (44.9–50.1)");
        String readme = Files.readString(Cli.root().resolve("README.md"));
        assertThat(readme.replaceAll("\\n#\\s+", " ")).contains(line);
    }

    @Test
    void scoreComparesTheCurveWithRecordedRuns() {
        Path curve = Cli.root().resolve("data/record/uniform-m256.curve.json");
        Path run = Cli.root().resolve("data/record/runs/uniform-m256-l500-d300.csv");
        Cli.Result r = Cli.run("record", "score", "--profile", curve.toString(), run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("uniform-m256 · recorded curve vs measured migrations")
                .contains("uniform-m256-l500-d300.csv");
        Cli.Result other = Cli.run(
                "record",
                "score",
                "--profile",
                Cli.root().resolve("data/record/uniform-m512.curve.json").toString(),
                run.toString());
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).contains("memory 256 MiB, but the curve 'uniform-m512' was recorded on 512 MiB");
    }

    /** advise --qmp measures as record dirty does: same options, and --save keeps the curve as measured. */
    @Test
    void adviseMeasuresWithRecordDirtysOptionsAndSavesTheCurveAsMeasured() throws Exception {
        CommandLine cli = Main.commandLine();
        var record =
                cli.getSubcommands().get("record").getSubcommands().get("dirty").getCommandSpec();
        var advise = cli.getSubcommands().get("advise").getCommandSpec();
        for (String o : List.of("--windows", "--repeat", "--jitter", "--sample-pages", "--mode", "--timeout", "--mw"))
            assertThat(advise.findOption(o)).as(o).isNotNull();
        assertThat(record.findOption("--jitter").defaultValue())
                .isEqualTo(advise.findOption("--jitter").defaultValue());

        FakeQemu q = new FakeQemu();
        q.rateForWindowMs = ms -> ms == 50 ? 80 : 60;
        Path saved = dir.resolve("saved.curve.json");
        try (var server = FakeQmpServer.start(dir.resolve("q.sock"), q.script())) {
            Cli.Result a = Cli.run(
                    "advise",
                    "--qmp",
                    server.socket().toString(),
                    "--windows",
                    "50ms,100ms",
                    "--repeat",
                    "2",
                    "--jitter",
                    "0s",
                    "--mode",
                    "page-sampling",
                    "--nonzero",
                    "30000",
                    "--rate",
                    "100MiB/s",
                    "--save",
                    saved.toString(),
                    "--quiet");
            assertThat(a.exitCode()).as(a.err()).isZero();
            assertThat(a.out()).contains("at 100.0 MiB/s, downtime limit 300 ms:");
        }
        DirtyCurve c = DirtyCurveFile.read(saved);
        assertThat(c.points())
                .hasSize(2)
                .allSatisfy(p -> assertThat(p.samples()).hasSize(2));
        assertThat(c.nonZeroPages())
                .as("--nonzero is the answer's assumption, not a measurement")
                .isEmpty();
    }

    @Test
    void aBadMwIsRefusedBeforeConnecting() {
        Path out = dir.resolve("mw.curve.json");
        Cli.Result r = Cli.run(
                "record", "dirty", "--qmp", dir.resolve("nope.sock").toString(), "-o", out.toString(), "--mw", "lots");
        assertThat(r.exitCode()).isEqualTo(2);
        // the socket does not exist either: the option is checked first, so a typo never costs a measurement
        assertThat(r.err()).contains("lots").doesNotContain("no such file");
        assertThat(out).doesNotExist();
    }

    @Test
    void ctrlCKeepsAPartialCurveMarkedAsSuch() throws Exception {
        FakeQemu q = new FakeQemu();
        Path out = dir.resolve("cut.curve.json");
        try (var server = FakeQmpServer.start(dir.resolve("q.sock"), q.script())) {
            CommandLine cli = Main.commandLine();
            StringWriter o = new StringWriter(), e = new StringWriter();
            cli.setOut(new PrintWriter(o, true));
            cli.setErr(new PrintWriter(e, true));
            RecordCommand.Dirty dirty = (RecordCommand.Dirty) cli.getSubcommands()
                    .get("record")
                    .getSubcommands()
                    .get("dirty")
                    .getCommand();
            var run = CompletableFuture.supplyAsync(() -> cli.execute(
                    "record",
                    "dirty",
                    "--qmp",
                    server.socket().toString(),
                    "-o",
                    out.toString(),
                    "--windows",
                    "50ms,100ms,200ms,5s"));
            // stop once the long window has been asked for: the three short ones are done
            while (q.calcRequests().size() < 4 && !run.isDone()) Thread.sleep(10);
            dirty.stop();
            int code = run.get(30, TimeUnit.SECONDS);
            assertThat(code).as(e.toString()).isEqualTo(130);
            assertThat(o.toString()).contains("wrote a PARTIAL curve (interrupted) to " + out);
            DirtyCurve c = DirtyCurveFile.read(out);
            assertThat(c.partial()).isTrue();
            assertThat(c.points()).extracting(DirtyCurve.Point::windowSeconds).containsExactly(0.05, 0.1, 0.2);
            assertThat(Files.readString(out))
                    .contains("\"partial\": true")
                    .contains("partial: interrupted after 3 of 4 windows");
            assertThat(dir.toFile().list()).doesNotContain(".cut.curve.json.tmp");
        }
    }

    @Test
    void aMissingSocketIsOneLine() {
        Path missing = dir.resolve("nope.sock");
        Cli.Result r = Cli.run(
                "record",
                "dirty",
                "--qmp",
                missing.toString(),
                "-o",
                dir.resolve("x.curve.json").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("livemig dirty: QMP socket " + missing + ": no such file");
        assertThat(dir.resolve("x.curve.json")).doesNotExist();
    }

    @Test
    void aSocketThatIsNotQmpIsOneLine() throws Exception {
        try (var server = FakeQmpServer.start(dir.resolve("q.sock"), p -> {
            p.send("220 smtp.example ESMTP");
            p.read();
        })) {
            Cli.Result r = Cli.run(
                    "record",
                    "dirty",
                    "--qmp",
                    server.socket().toString(),
                    "-o",
                    dir.resolve("x.curve.json").toString());
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("not QMP: a line that is not a JSON object: '220 smtp.example ESMTP'");
        }
    }

    @Test
    void aPausedVmAndAnOldQemuAreRefusedWithoutAFile() throws Exception {
        FakeQemu paused = new FakeQemu();
        paused.status = "paused";
        Path out = dir.resolve("p.curve.json");
        Cli.Result r = recordFake(paused, out);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("the VM is not running (query-status: 'paused')");
        assertThat(out).doesNotExist();

        FakeQemu old = new FakeQemu();
        old.major = 5;
        old.minor = 1;
        old.hasCalcDirtyRate = false;
        Cli.Result o = recordFake(old, out);
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("QEMU 5.1.2 has no calc-dirty-rate (added in QEMU 5.2)");
    }

    @Test
    void predictTakesATraceOrParametersButNotBoth() {
        Path trace = Cli.root().resolve("data/traces/hot-cold.lmt");
        Cli.Result t = Cli.run("predict", "--trace", trace.toString(), "--rate", "100MBps", "--policy", "qemu");
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(t.out()).contains("qemu-accurate: hot-cold @");
        Cli.Result both = Cli.run("predict", "--trace", trace.toString(), "--s", "100", "--rate", "100MBps");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err())
                .contains(
                        "give one of --profile FILE, --trace FILE or --s, --s-new and --mw; got --trace and --s/--s-new/--mw");
        Cli.Result none = Cli.run("predict", "--rate", "100MBps");
        assertThat(none.err()).contains("got none");
        Cli.Result part = Cli.run("predict", "--rate", "100MBps", "--s", "100", "--mw", "1000");
        assertThat(part.err()).contains("missing --memory, --s-new");
    }
}
