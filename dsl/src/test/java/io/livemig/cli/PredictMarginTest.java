package io.livemig.cli;

import static io.livemig.cli.PredictNonZeroTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** {@code livemig predict}'s margin line: whether the verdict flips near the rate, and with --margin where. */
class PredictMarginTest {
    static String[] at(String rate, String... more) {
        String[] base = {
            "predict",
            "--memory",
            "512MiB",
            "--rate",
            rate,
            "--policy",
            "qemu",
            "--s",
            "1500",
            "--s-new",
            "600,400,300,250,200,180,160,150,140,130",
            "--mw",
            "50000"
        };
        return PredictNonZeroTest.concat(base, more);
    }

    static JsonObject json(String rate, String... more) {
        return JsonParser.parseString(run(at(rate, PredictNonZeroTest.concat(more, "--json"))))
                .getAsJsonObject();
    }

    static String marginLine(String out) {
        return out.lines().filter(l -> l.startsWith("margin: ")).findFirst().orElseThrow();
    }

    @Test
    void farFromTheThresholdTheVerdictHoldsEitherSide() {
        assertThat(marginLine(run(at("100MBps"))))
                .isEqualTo("margin: converges at ±5 % of this rate too (--margin: the rate where it flips)");
        assertThat(marginLine(run(at("20MBps"))))
                .isEqualTo("margin: does not converge at ±5 % of this rate either (--margin: the rate where it flips)");
    }

    @Test
    void theThresholdFoundIsWhereThePredictionFlips() {
        JsonObject m = json("100MBps", "--margin").getAsJsonObject("margin");
        assertThat(m.get("search").getAsString()).isEqualTo("FOUND");
        assertThat(m.get("at_the_edge").getAsBoolean()).isFalse();
        double threshold = m.get("threshold_bytes_per_second").getAsDouble();
        assertThat(m.get("headroom").getAsDouble())
                .isCloseTo(1 - threshold / 100e6, org.assertj.core.api.Assertions.within(1e-12));
        // predicted again from the command line, at the threshold and 0.5 % below it
        assertThat(json(String.format(Locale.ROOT, "%.3fBps", threshold))
                        .get("converged")
                        .getAsBoolean())
                .isTrue();
        assertThat(json(String.format(Locale.ROOT, "%.3fBps", threshold * 0.995))
                        .get("converged")
                        .getAsBoolean())
                .isFalse();
        // just above it the verdict is at the edge, and the line says so
        String rate = String.format(Locale.ROOT, "%.0fBps", threshold * 1.03);
        assertThat(marginLine(run(at(rate))))
                .startsWith("margin: converges, but not at ±5 % of this rate: at the edge");
        assertThat(marginLine(run(at(rate, "--margin"))))
                .matches(
                        "margin: converges down to .* MB/s, 2\\.9 % below this rate: at the edge, where a real migration may go"
                                + " either way");
    }
}
