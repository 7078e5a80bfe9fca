package io.livemig.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.model.QemuAccurateModel;
import io.livemig.plan.Margin;
import io.livemig.policy.Qemu;
import io.livemig.units.DataRate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code livemig advise}'s answer says when its verdict is at the edge of converging. */
class AdviceTest {
    static final DirtyCurve CURVE = DirtyCurveFile.read(
            Path.of(System.getProperty("livemig.root", "..")).resolve("data/record/uniform-m256.curve.json"));
    static final Duration LIMIT = Duration.ofMillis(300);

    static Advice at(double bytesPerSecond) {
        return Advice.of(
                CURVE, DataRate.ofBytesPerSecond(bytesPerSecond), LIMIT, Optional.empty(), DataRate.ofGiBps(10));
    }

    @Test
    void aRateJustAboveWhereItStartsToConvergeIsAtTheEdge() {
        Qemu policy = Qemu.defaults().withDowntimeLimit(LIMIT);
        var vm = CURVE.vm(DirtyCurve.Bound.MEASURED);
        double threshold = Margin.search(DataRate.ofMiBps(60), r -> new QemuAccurateModel().predict(vm, r, policy))
                .threshold()
                .orElseThrow()
                .bytesPerSecond();
        Advice near = at(threshold * 1.02);
        assertThat(near.atTheEdge()).isTrue();
        assertThat(near.line())
                .contains(": converges")
                .contains("; at the edge: the verdict flips within ±5 % of the rate, where a real migration may go"
                        + " either way");
        Advice below = at(threshold * 0.98);
        assertThat(below.atTheEdge()).isTrue();
        assertThat(below.converges()).isFalse();
        Advice far = at(threshold * 1.5);
        assertThat(far.atTheEdge()).isFalse();
        assertThat(far.line()).doesNotContain("at the edge");
    }
}
