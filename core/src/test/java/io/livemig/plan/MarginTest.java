package io.livemig.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livemig.model.Prediction;
import io.livemig.model.QemuAccurateModel;
import io.livemig.model.Stop;
import io.livemig.policy.Qemu;
import io.livemig.units.DataRate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class MarginTest {
    static final DataRate RATE = DataRate.ofMBps(100);

    /** A migration that converges from {@code threshold} B/s up, counting the predictions asked for. */
    static Function<DataRate, Prediction> convergesFrom(double threshold, AtomicInteger calls) {
        return r -> {
            calls.incrementAndGet();
            var b = Prediction.of("step", "vm", r, Qemu.defaults(), 4096);
            return r.bytesPerSecond() >= threshold
                    ? b.precopySeconds(1)
                            .downtimeSeconds(0.1)
                            .stop(Stop.converged("test"))
                            .build()
                    : b.precopySeconds(Double.POSITIVE_INFINITY)
                            .downtimeSeconds(0)
                            .stop(Stop.doesNotConverge("test"))
                            .build();
        };
    }

    @Property
    void theThresholdIsFoundToThePrecisionOnEitherSide(@ForAll @DoubleRange(min = 0.07, max = 14) double factor) {
        double threshold = RATE.bytesPerSecond() * factor;
        AtomicInteger calls = new AtomicInteger();
        Margin m = Margin.search(RATE, convergesFrom(threshold, calls));
        assertThat(m.converges()).isEqualTo(factor <= 1);
        assertThat(m.search()).isEqualTo(Margin.Search.FOUND);
        double found = m.threshold().orElseThrow().bytesPerSecond();
        assertThat(found).isBetween(threshold, threshold * (1 + Margin.PRECISION));
        assertThat(m.headroom().getAsDouble()).isCloseTo(1 - factor, org.assertj.core.api.Assertions.within(0.02));
        // the sign says which side of the threshold the rate is
        assertThat(m.headroom().getAsDouble() >= 0).isEqualTo(m.converges());
        // at the edge exactly when the threshold is within 5 % of the rate
        assertThat(m.atTheEdge()).isEqualTo(factor > 1 - Margin.EDGE && factor <= 1 + Margin.EDGE);
        assertThat(calls.get()).isLessThanOrEqualTo(20);
    }

    @Test
    void aThresholdJustInsideOrOutsideTheBandDecidesTheEdge() {
        double r = RATE.bytesPerSecond();
        AtomicInteger calls = new AtomicInteger();
        assertThat(Margin.probe(RATE, convergesFrom(r * 0.97, calls)).atTheEdge())
                .isTrue();
        assertThat(Margin.probe(RATE, convergesFrom(r * 1.04, calls)).atTheEdge())
                .isTrue();
        assertThat(Margin.probe(RATE, convergesFrom(r * 0.94, calls)).atTheEdge())
                .isFalse();
        assertThat(Margin.probe(RATE, convergesFrom(r * 1.06, calls)).atTheEdge())
                .isFalse();
        // three predictions per probe, or two when the first neighbour flips already
        assertThat(calls.get()).isBetween(8, 12);
        calls.set(0);
        Margin known = Margin.probe(RATE, true, convergesFrom(r * 1.2, calls));
        assertThat(calls.get())
                .as("one when the verdict is known and the lower neighbour flips")
                .isEqualTo(1);
        assertThat(known.atTheEdge()).isTrue();
        assertThat(known.threshold()).isEmpty();
        assertThat(known.search()).isEqualTo(Margin.Search.NOT_SEARCHED);
        assertThat(known.describe())
                .isEqualTo(
                        "converges, but not at ±5 % of this rate: at the edge, where a real migration may go either way");
        assertThat(Margin.probe(RATE, convergesFrom(r * 0.5, calls)).describe())
                .isEqualTo("converges at ±5 % of this rate too");
        assertThat(Margin.probe(RATE, convergesFrom(r * 2, calls)).describe())
                .isEqualTo("does not converge at ±5 % of this rate either");
    }

    @Test
    void beyondTheSearchRangeItSaysSoInsteadOfAThreshold() {
        AtomicInteger calls = new AtomicInteger();
        Margin always = Margin.search(RATE, convergesFrom(0, calls));
        assertThat(always.search()).isEqualTo(Margin.Search.CONVERGES_THROUGHOUT);
        assertThat(always.threshold()).isEmpty();
        assertThat(always.headroom()).isEmpty();
        assertThat(always.describe()).isEqualTo("converges even at 1/16 of this rate");
        Margin never = Margin.search(RATE, convergesFrom(Double.POSITIVE_INFINITY, calls));
        assertThat(never.search()).isEqualTo(Margin.Search.NEVER_CONVERGES);
        assertThat(never.converges()).isFalse();
        assertThat(never.describe()).isEqualTo("does not converge even at 16 × this rate");
    }

    @Test
    void theDescriptionGivesTheThresholdAndHowFarTheRateIsFromIt() {
        AtomicInteger calls = new AtomicInteger();
        assertThat(Margin.search(RATE, convergesFrom(80e6, calls)).describe())
                .startsWith("converges down to 80.0")
                .endsWith(" MB/s, 20.0 % below this rate");
        assertThat(Margin.search(RATE, convergesFrom(103e6, calls)).describe())
                .startsWith("converges from 103.0")
                .endsWith(", 3.0 % above this rate: at the edge, where a real migration may go either way");
    }

    @Test
    void anUnlimitedRateHasNoMargin() {
        assertThatThrownBy(() -> Margin.search(DataRate.unlimited(), convergesFrom(1, new AtomicInteger())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unlimited");
    }

    /** On a real model: it converges at the threshold, not a little below it, and the headroom is the distance. */
    @Test
    void theQemuAccurateModelsThresholdIsWhereItsVerdictFlips() {
        QemuAccurateModel model = new QemuAccurateModel();
        Qemu policy = Qemu.defaults().withDowntimeLimit(Duration.ofMillis(300));
        Planner planner = Planner.of(model, policy);
        Margin m = planner.margin(PlannerTest.ECLIPSE, DataRate.ofMBps(200));
        DataRate t = m.threshold().orElseThrow();
        assertThat(model.predict(PlannerTest.ECLIPSE, t, policy).converged()).isTrue();
        assertThat(model.predict(
                                PlannerTest.ECLIPSE,
                                DataRate.ofBytesPerSecond(t.bytesPerSecond() * (1 - 2 * Margin.PRECISION)),
                                policy)
                        .converged())
                .isFalse();
        assertThat(m.converges())
                .isEqualTo(t.bytesPerSecond() <= DataRate.ofMBps(200).bytesPerSecond());
    }
}
