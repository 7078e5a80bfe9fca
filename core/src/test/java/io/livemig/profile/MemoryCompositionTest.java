package io.livemig.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MemoryCompositionTest {

    @Test
    void readsPercentFractionAndPages() {
        assertThat(MemoryComposition.parse("40%").nonZeroPages(131072)).isEqualTo(0.4 * 131072);
        assertThat(MemoryComposition.parse("0.25").nonZeroPages(1000)).isEqualTo(250);
        assertThat(MemoryComposition.parse("52000").nonZeroPages(131072)).isEqualTo(52000);
        assertThat(MemoryComposition.parse("52000").zeroPages(131072)).isEqualTo(131072 - 52000);
        assertThat(MemoryComposition.parse("300000").nonZeroPages(131072)).isEqualTo(131072); // never above memory
    }

    @Test
    void allNonZeroByDefault() {
        assertThat(MemoryComposition.allNonZero().hasZeroPages()).isFalse();
        assertThat(MemoryComposition.allNonZero().zeroPages(1024)).isZero();
        assertThat(MemoryComposition.parse("40%").hasZeroPages()).isTrue();
    }

    @Test
    void oneLineErrors() {
        assertThatThrownBy(() -> MemoryComposition.parse("lots"))
                .hasMessage(
                        "non-zero 'lots': expected a page count such as 52000, a fraction such as 0.4 or a percentage such as 40%");
        assertThatThrownBy(() -> MemoryComposition.parse("1.5")).hasMessageContaining("a fraction must be at most 1");
        assertThatThrownBy(() -> MemoryComposition.parse("140%"))
                .hasMessage("non-zero fraction must be in [0, 1], got 1.4");
    }
}
