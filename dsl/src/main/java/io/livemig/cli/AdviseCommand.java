package io.livemig.cli;

import io.livemig.qmp.QmpClient;
import io.livemig.record.Advice;
import io.livemig.record.DirtyCurve;
import io.livemig.record.DirtyCurveFile;
import io.livemig.record.DirtyRateRecorder;
import io.livemig.units.DataRate;
import io.livemig.units.Durations;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code livemig advise}: records a live VM's dirty curve (or reads one) and answers in one line whether a QEMU
 * migration at the given rate converges, how long it takes and its downtime, each as a range over the curve's
 * measurement interval, and the lowest rate meeting a deadline.
 */
@Command(
        name = "advise",
        mixinStandardHelpOptions = true,
        description = {
            "Records the VM's D(T) over QMP (or reads a dirty-curve file), predicts a QEMU migration with the "
                    + "qemu-accurate model at the measured curve and at both ends of its measurement interval, and answers in one line.",
            "Ranges are (lowest–highest) over the three curves; a PARTIAL curve (Ctrl-C) is said so."
        })
final class AdviseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    static final class Input {
        @Option(names = "--qmp", paramLabel = "SOCKET", description = "measure the live VM behind this QMP socket")
        Path socket;

        @Option(
                names = "--profile",
                paramLabel = "FILE",
                description = "a dirty-curve file recorded before (record dirty)")
        Path profile;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @Option(names = "--rate", required = true, description = "the migration rate, e.g. 100MiB/s or 1Gbps")
    String rate;

    @Option(
            names = "--downtime",
            defaultValue = "300ms",
            description = "QEMU's downtime limit (default: ${DEFAULT-VALUE})")
    String downtime;

    @Option(names = "--deadline", description = "also find the lowest rate migrating within this time, e.g. 30s")
    String deadline;

    @Option(
            names = "--max-rate",
            defaultValue = "10Gbps",
            description = "the highest rate the deadline search tries (default: ${DEFAULT-VALUE})")
    String maxRate;

    @Option(
            names = "--windows",
            split = ",",
            paramLabel = "T",
            description = "with --qmp: window lengths (default: 100ms … 10s)")
    List<String> windowTexts;

    @Option(
            names = "--repeat",
            defaultValue = "1",
            description = "with --qmp: measure every window this many times (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(
            names = "--nonzero",
            description = "memory that is not zero pages (52000, 0.4 or 40%%); default: the file's, else all")
    String nonZero;

    @Option(
            names = "--mw",
            description =
                    "M_w, where D(T) stops growing past the longest window: pages or a size; default: the file's, else the longest window's upper bound")
    String mw;

    @Option(names = "--save", paramLabel = "FILE", description = "with --qmp: also write the recorded curve here")
    Path save;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    private final Interrupt interrupt = new Interrupt();

    void stop() {
        interrupt.stop();
    }

    @Override
    public Integer call() {
        DataRate r = DataRate.parse(rate);
        Duration limit = Durations.parse(downtime);
        Optional<Duration> dl = Optional.ofNullable(deadline).map(Durations::parse);
        DataRate max = DataRate.parse(maxRate);
        DirtyCurve curve = input.profile != null ? DirtyCurveFile.read(input.profile) : record();
        if (nonZero != null)
            curve = RecordCommand.Dirty.withNonZero(curve, io.livemig.profile.MemoryComposition.parse(nonZero));
        if (mw != null) curve = RecordCommand.Dirty.withMw(curve, mw);
        Advice a = Advice.of(curve, r, limit, dl, max);
        spec.commandLine().getOut().println(a.line());
        return 0;
    }

    private DirtyCurve record() {
        PrintWriter err = spec.commandLine().getErr();
        var s = DirtyRateRecorder.Settings.defaults().withRepeats(repeat);
        if (windowTexts != null) s = s.withWindows(RecordCommand.windows(windowTexts));
        try (QmpClient qmp = QmpClient.connect(input.socket);
                Interrupt.Hook hook = interrupt.install()) {
            ProgressBar bar = new ProgressBar(err, quiet);
            DirtyCurve c = new DirtyRateRecorder(qmp)
                    .record(
                            s,
                            new DirtyRateRecorder.Listener() {
                                @Override
                                public void progress(DirtyRateRecorder.Progress p) {
                                    bar.show(
                                            p.secondsDone() / p.secondsTotal(),
                                            String.format(
                                                    Locale.ROOT,
                                                    "measuring D(T): %d/%d windows",
                                                    p.windowsDone(),
                                                    p.windowsTotal()));
                                }

                                @Override
                                public void note(String note) {
                                    bar.note(note);
                                }
                            },
                            interrupt::stopped);
            bar.done();
            if (save != null) DirtyCurveFile.write(c, save);
            return c;
        }
    }
}
