package io.livemig.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.model.Prediction;
import io.livemig.sim.SimulatorDifferentialProperties.Case;
import io.livemig.sim.reference.ReferenceSimulator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Replaying one in-memory trace again, which uses what the first replays kept with it (units' words from their second
 * replay on, shuffled orders per seed), computes what the page-at-a-time engines do, also after another seed has
 * replaced the kept orders.
 */
class ReplayCacheProperties {
    @Property(tries = 150)
    void replayingATraceAgainGivesTheSameResult(@ForAll long seed) {
        Case c = Case.of(seed);
        SimConfig other = c.config().withSeed(c.config().seed() + 1);
        Prediction expected = ReferenceSimulator.simulate(c.trace(), c.rate(), c.policy(), c.config());
        Prediction expectedOther = ReferenceSimulator.simulate(c.trace(), c.rate(), c.policy(), other);
        for (int i = 0; i < 3; i++) {
            assertThat(Simulator.simulate(c.trace(), c.rate(), c.policy(), c.config()))
                    .as("%s, replay %d", c, i)
                    .isEqualTo(expected);
        }
        assertThat(Simulator.simulate(c.trace(), c.rate(), c.policy(), other))
                .as("%s, seed + 1", c)
                .isEqualTo(expectedOther);
        assertThat(Simulator.simulate(c.trace(), c.rate(), c.policy(), c.config()))
                .as("%s, back to the first seed", c)
                .isEqualTo(expected);
    }
}
