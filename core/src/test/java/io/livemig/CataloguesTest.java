package io.livemig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livemig.model.Models;
import io.livemig.model.ProposedModel;
import io.livemig.model.QemuAccurateModel;
import io.livemig.policy.PrecopyPolicy;
import io.livemig.policy.Qemu;
import io.livemig.policy.XenLegacy;
import io.livemig.trace.Workload;
import io.livemig.units.Durations;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The catalogues every door (CLI, DSL, kernel) shares: one each, in core. */
class CataloguesTest {
    @Test
    void allPoliciesAreTheNamedOnes() {
        assertThat(PrecopyPolicy.namedOrAll("all"))
                .containsExactly(
                        PrecopyPolicy.named("qemu"),
                        PrecopyPolicy.named("xen"),
                        PrecopyPolicy.named("xen-noskip"),
                        PrecopyPolicy.named("xen-v2"));
        assertThat(PrecopyPolicy.namedOrAll("xen-v2")).containsExactly(PrecopyPolicy.named("xen-v2"));
        assertThatThrownBy(() -> PrecopyPolicy.namedOrAll("vmware")).hasMessageContaining("unknown policy 'vmware'");
    }

    @Test
    void theDefaultModelIsQemuAccurateUnderQemuOnly() {
        assertThat(Models.defaultFor(Qemu.defaults())).isInstanceOf(QemuAccurateModel.class);
        assertThat(Models.defaultFor(XenLegacy.xen4_x())).isInstanceOf(ProposedModel.class);
    }

    @Test
    void everyShapeIsSizedToMemoryAndAnUnknownOneListsTheKnown() {
        for (String shape : Workload.SHAPES)
            assertThat(Workload.named(shape, 131_072, null, null)).isNotNull();
        assertThat(Workload.named("uniform", 131_072, 1000L, 10L)).isEqualTo(new Workload.UniformWorkingSet(1000, 10));
        assertThatThrownBy(() -> Workload.named("zipf", 131_072, null, null))
                .hasMessage(
                        "unknown shape 'zipf'; expected one of uniform, hot-cold, scan, phases, growing-heap, twin");
    }

    @Test
    void durationsHaveOneGrammar() {
        assertThat(Durations.parse("100ms")).isEqualTo(Duration.ofMillis(100));
        assertThat(Durations.parseSeconds("2min")).isEqualTo(120.0);
        assertThatThrownBy(() -> Durations.parseSeconds("100"))
                .hasMessageContaining("expected a number and ms, s or min");
        assertThatThrownBy(() -> Durations.parseSeconds("-1s")).hasMessageContaining("must be > 0, got -1s");
    }
}
