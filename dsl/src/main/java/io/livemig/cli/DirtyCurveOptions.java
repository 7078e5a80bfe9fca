package io.livemig.cli;

import io.livemig.profile.MemoryComposition;
import io.livemig.qmp.QmpClient;
import io.livemig.record.DirtyCurve;
import io.livemig.record.DirtyRateRecorder;
import io.livemig.units.DataSize;
import io.livemig.units.Durations;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * How a dirty curve is measured over QMP and adjusted afterwards: the options {@code record dirty} and {@code advise
 * --qmp} share, so both measure a live VM the same way and read {@code --nonzero}/{@code --mw} alike.
 */
final class DirtyCurveOptions {
    @Option(
            names = "--windows",
            split = ",",
            paramLabel = "T",
            description = "window lengths (default: 100ms,200ms,500ms,1s,2s,5s,10s)")
    List<String> windowTexts;

    @Option(
            names = "--repeat",
            defaultValue = "1",
            description = "measure every window this many times (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(
            names = "--jitter",
            defaultValue = "1s",
            description =
                    "with --repeat: a random pause up to this long before each window, so repeats fall at different phases of a periodic guest; 0s: none (default: ${DEFAULT-VALUE})")
    String jitter;

    @Option(
            names = "--sample-pages",
            defaultValue = "4096",
            description = "page-sampling: pages sampled per GiB, 128-4096 (default: ${DEFAULT-VALUE})")
    int samplePages;

    @Option(
            names = "--mode",
            defaultValue = "auto",
            description =
                    "auto, page-sampling, dirty-bitmap or dirty-ring (default: ${DEFAULT-VALUE}: dirty-bitmap under KVM, else page-sampling)")
    String mode;

    @Option(
            names = "--nonzero",
            description =
                    "memory that is not zero pages, if you know it: a page count (52000), a fraction (0.4) or a percentage (40%%)")
    String nonZero;

    @Option(
            names = "--mw",
            description =
                    "M_w, where D(T) stops growing past the longest window: pages (120000) or a size (400MiB); default: the curve's, else the longest window's upper bound")
    String mw;

    @Option(
            names = "--timeout",
            defaultValue = "10s",
            description = "time allowed for the QMP greeting and each command (default: ${DEFAULT-VALUE})")
    String timeout;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    /** Parses {@code 100ms,1s,10s} into durations (whole milliseconds). */
    static List<Duration> windows(List<String> texts) {
        List<Duration> out = new ArrayList<>();
        for (String t : texts) out.add(Durations.parse(t));
        return out;
    }

    DirtyRateRecorder.Settings settings(Optional<String> name) {
        return new DirtyRateRecorder.Settings(
                windowTexts == null ? DirtyRateRecorder.DEFAULT_WINDOWS : windows(windowTexts),
                repeat,
                samplePages,
                mode,
                name,
                Optional.empty(),
                4096,
                // "0", "0s", "0.0 ms": no jitter, whatever the unit (Durations refuses a bare 0)
                jitter.trim().matches("0+(\\.0*)?\\s*[a-z]*") ? Duration.ZERO : Durations.parse(jitter));
    }

    /**
     * Measures the VM behind {@code socket}, showing progress on {@code err} with {@code label}; Ctrl-C ({@code
     * interrupt}) ends it with the windows measured so far, marked partial. The curve is as measured: {@link
     * #adjust} applies {@code --nonzero} and {@code --mw}.
     */
    DirtyCurve record(
            Path socket,
            Optional<String> name,
            PrintWriter err,
            Interrupt interrupt,
            Function<DirtyRateRecorder.Progress, String> label) {
        DirtyRateRecorder.Settings s = settings(name);
        // checked before connecting: a bad --nonzero or --mw must not cost a ten-second measurement
        if (nonZero != null) MemoryComposition.parse(nonZero);
        if (mw != null) mwPages(mw, 4096);
        try (QmpClient qmp = QmpClient.connect(socket, Durations.parse(timeout));
                Interrupt.Hook hook = interrupt.install()) {
            ProgressBar bar = new ProgressBar(err, quiet);
            DirtyCurve c = new DirtyRateRecorder(qmp)
                    .record(
                            s,
                            new DirtyRateRecorder.Listener() {
                                @Override
                                public void progress(DirtyRateRecorder.Progress p) {
                                    bar.show(p.secondsDone() / p.secondsTotal(), label.apply(p));
                                }

                                @Override
                                public void note(String note) {
                                    bar.note(note);
                                }
                            },
                            interrupt::stopped);
            bar.done();
            return c;
        }
    }

    /** The curve with the user's {@code --nonzero} and {@code --mw}, where given. */
    DirtyCurve adjust(DirtyCurve c) {
        if (nonZero != null)
            c = c.withNonZeroPages(MemoryComposition.parse(nonZero).nonZeroPages(c.memoryPages()));
        if (mw != null) c = c.withMwPages(mwPages(mw, c.pageSizeBytes()));
        return c;
    }

    /** {@code --mw} as pages: a bare number is pages, anything else a size. */
    static double mwPages(String text, long pageSizeBytes) {
        String t = text.trim();
        return !t.isEmpty() && t.chars().allMatch(Character::isDigit)
                ? Double.parseDouble(t)
                : DataSize.parse(t).bytes() / (double) pageSizeBytes;
    }
}
