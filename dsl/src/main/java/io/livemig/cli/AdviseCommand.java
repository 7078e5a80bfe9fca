package io.livemig.cli;

import io.livemig.record.Advice;
import io.livemig.record.DirtyCurve;
import io.livemig.record.DirtyCurveFile;
import io.livemig.units.DataRate;
import io.livemig.units.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    DirtyCurveOptions curve;

    @Option(names = "--save", paramLabel = "FILE", description = "with --qmp: also write the recorded curve here")
    Path save;

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
        DirtyCurve c = curve.adjust(input.profile != null ? DirtyCurveFile.read(input.profile) : record());
        Advice a = Advice.of(c, r, limit, dl, max);
        spec.commandLine().getOut().println(a.line());
        return 0;
    }

    private DirtyCurve record() {
        DirtyCurve c = curve.record(
                input.socket,
                Optional.empty(),
                spec.commandLine().getErr(),
                interrupt,
                p -> String.format(Locale.ROOT, "measuring D(T): %d/%d windows", p.windowsDone(), p.windowsTotal()));
        // saved as measured: --nonzero and --mw are this answer's assumptions, not the VM's
        if (save != null) DirtyCurveFile.write(c, save);
        return c;
    }
}
