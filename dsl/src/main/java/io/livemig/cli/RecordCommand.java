package io.livemig.cli;

import io.livemig.dsl.render.Tables;
import io.livemig.profile.MemoryComposition;
import io.livemig.qmp.QmpClient;
import io.livemig.record.DirtyCurve;
import io.livemig.record.DirtyCurveFile;
import io.livemig.record.MeasuredMigration;
import io.livemig.record.MigrationRecorder;
import io.livemig.units.DataRate;
import io.livemig.units.Durations;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code livemig record dirty|migration}: a live QEMU VM's dirty curve and its real migrations, over QMP. */
@Command(
        name = "record",
        mixinStandardHelpOptions = true,
        description = "Measures a live QEMU VM over its QMP socket: its dirty curve D(T), or a migration.",
        subcommands = {RecordCommand.Dirty.class, RecordCommand.Migration.class, RecordCommand.Score.class})
final class RecordCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new IllegalArgumentException(
                "expected a subcommand: dirty, migration or score (see livemig record --help)");
    }

    @Command(
            name = "dirty",
            mixinStandardHelpOptions = true,
            description = {
                "Measures D(T), the unique pages the guest dirties in a window of T, with QEMU's calc-dirty-rate, one "
                        + "window length after another, and writes a dirty-curve file (docs/dirty-curve-format.md) that "
                        + "predict --profile, the DSL (profile 'FILE') and advise read.",
                "Ctrl-C stops early: the windows measured so far are written, marked partial."
            })
    static final class Dirty implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--qmp",
                required = true,
                paramLabel = "SOCKET",
                description = "the VM's QMP unix socket (-qmp unix:SOCKET,server=on,wait=off)")
        Path socket;

        @Option(
                names = {"-o", "--out"},
                required = true,
                paramLabel = "FILE",
                description = "the dirty-curve file to write, e.g. web.curve.json")
        Path out;

        @Option(names = "--name", description = "the VM's name (default: QEMU's -name, else vm)")
        String name;

        @Mixin
        DirtyCurveOptions curve;

        private final Interrupt interrupt = new Interrupt();

        /** What Ctrl-C does; tests call it to interrupt a measurement the same way. */
        void stop() {
            interrupt.stop();
        }

        @Override
        public Integer call() {
            DirtyCurve c = curve.adjust(curve.record(
                    socket,
                    Optional.ofNullable(name),
                    spec.commandLine().getErr(),
                    interrupt,
                    p -> String.format(
                            Locale.ROOT,
                            "%d/%d windows, %.1f of %.1f s, window %s (repeat %d)",
                            p.windowsDone(),
                            p.windowsTotal(),
                            p.secondsDone(),
                            p.secondsTotal(),
                            fmt(p.window()),
                            p.repeat())));
            DirtyCurveFile.write(c, out);
            PrintWriter o = spec.commandLine().getOut();
            o.println(c);
            o.println((c.partial() ? "wrote a PARTIAL curve (interrupted) to " : "wrote ") + out);
            return c.partial() ? 130 : 0;
        }
    }

    @Command(
            name = "migration",
            mixinStandardHelpOptions = true,
            description = {
                "Follows a migration (the one the user starts, or one it starts with --uri): polls query-migrate, "
                        + "listens for MIGRATION_PASS and writes the measured run as two CSVs: FILE, its totals in the QEMU lab's "
                        + "runs.csv column names, and FILE.rounds.csv beside it, one row per round (docs/dirty-curve-format.md)."
            })
    static final class Migration implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--qmp",
                required = true,
                paramLabel = "SOCKET",
                description = "the source VM's QMP unix socket")
        Path socket;

        @Option(
                names = {"-o", "--out"},
                required = true,
                paramLabel = "FILE",
                description = "the run CSV to write, e.g. run.csv (and run.rounds.csv)")
        Path out;

        @Option(
                names = "--uri",
                description =
                        "start a migration to this URI, e.g. tcp:127.0.0.1:4444 (default: follow one the user starts)")
        String uri;

        @Option(names = "--downtime", description = "with --uri: QEMU's downtime-limit, e.g. 300ms")
        String downtime;

        @Option(names = "--max-bandwidth", description = "with --uri: QEMU's max-bandwidth, e.g. 100MiB/s")
        String maxBandwidth;

        @Option(
                names = "--poll",
                defaultValue = "50ms",
                description = "query-migrate interval, 10ms-1s (default: ${DEFAULT-VALUE})")
        String poll;

        @Option(
                names = "--wait",
                defaultValue = "60s",
                description = "how long to wait for a migration to start (default: ${DEFAULT-VALUE})")
        String wait;

        @Option(
                names = "--timeout",
                defaultValue = "10min",
                description =
                        "a migration running longer is recorded as not converging; cancelled if started with --uri (default: ${DEFAULT-VALUE})")
        String timeout;

        @Option(names = "--quiet", description = "no progress line")
        boolean quiet;

        private final Interrupt interrupt = new Interrupt();

        void stop() {
            interrupt.stop();
        }

        @Override
        public Integer call() {
            if (uri == null && (downtime != null || maxBandwidth != null)) {
                throw new IllegalArgumentException(
                        "--downtime and --max-bandwidth set up a migration this command starts; give --uri too");
            }
            var s = new MigrationRecorder.Settings(
                    Durations.parse(poll),
                    Optional.ofNullable(uri),
                    Optional.ofNullable(downtime).map(Durations::parse),
                    Optional.ofNullable(maxBandwidth).map(DataRate::parse),
                    Durations.parse(wait),
                    Durations.parse(timeout));
            PrintWriter err = spec.commandLine().getErr();
            try (QmpClient qmp = QmpClient.connect(socket);
                    Interrupt.Hook hook = interrupt.install()) {
                ProgressBar bar = new ProgressBar(err, quiet);
                MeasuredMigration m =
                        new MigrationRecorder(qmp).record(s, line -> bar.show(-1, line), interrupt::stopped);
                bar.done();
                m.writeCsv(out);
                spec.commandLine().getOut().println(m.summary());
                spec.commandLine().getOut().println("wrote " + out + " and " + MeasuredMigration.roundsFile(out));
                return m.stopReason().equals("interrupted") ? 130 : 0;
            }
        }
    }

    @Command(
            name = "score",
            mixinStandardHelpOptions = true,
            description = {
                "Scores the qemu-accurate model on your own migrations: a recorded dirty curve against runs recorded with "
                        + "record migration, each predicted at its own downtime limit and rate (QEMU's measured bandwidth unless --rate), "
                        + "at the curve and at both ends of its interval."
            })
    static final class Score implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--profile",
                required = true,
                paramLabel = "CURVE",
                description = "the VM's dirty-curve file (record dirty)")
        Path profile;

        @Option(names = "--rate", description = "predict every run at this rate (default: each run's qemu_mbps)")
        String rate;

        @Option(
                names = "--nonzero",
                description =
                        "memory that is not zero pages (52000, 0.4 or 40%%); default: the curve's, else each run's memory less its zero pages")
        String nonZero;

        @picocli.CommandLine.Parameters(
                arity = "1..*",
                paramLabel = "RUN.csv",
                description = "run files written by record migration")
        List<Path> runs;

        @Override
        public Integer call() {
            DirtyCurve c = DirtyCurveFile.read(profile);
            if (nonZero != null)
                c = c.withNonZeroPages(MemoryComposition.parse(nonZero).nonZeroPages(c.memoryPages()));
            List<io.livemig.record.RunScore.NamedRun> named = new ArrayList<>();
            for (Path r : runs)
                named.add(new io.livemig.record.RunScore.NamedRun(
                        r.getFileName().toString(), MeasuredMigration.readRun(r)));
            var t = io.livemig.record.RunScore.score(
                    c, named, Optional.ofNullable(rate).map(DataRate::parse));
            spec.commandLine().getOut().println(Tables.readable(t).printAll());
            return 0;
        }
    }

    static String fmt(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }
}
