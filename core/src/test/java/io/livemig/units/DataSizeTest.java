package io.livemig.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DataSizeTest {
    @Test
    void parsesBinaryAndDecimalUnits() {
        assertThat(DataSize.parse("512MiB").bytes()).isEqualTo(512L << 20);
        assertThat(DataSize.parse("1 GiB")).isEqualTo(DataSize.ofGiB(1));
        assertThat(DataSize.parse("1.5GB").bytes()).isEqualTo(1_500_000_000L);
        assertThat(DataSize.parse("4096B").pages(4096)).isEqualTo(1);
    }

    @Test
    void printsTheLargestReadableUnit() {
        assertThat(DataSize.ofMiB(512)).hasToString("512 MiB");
        assertThat(DataSize.ofGiB(1.5)).hasToString("1.5 GiB");
        assertThat(DataSize.ofBytes(100)).hasToString("100 B");
    }

    @Test
    void rejectsUnknownUnitsAndNegativeSizesByName() {
        assertThatThrownBy(() -> DataSize.parse("12 parsecs"))
                .hasMessageContaining("unknown unit 'parsecs'")
                .hasMessageContaining("MiB");
        assertThatThrownBy(() -> DataSize.parse("lots")).hasMessageContaining("cannot read 'lots' as a data size");
        assertThatThrownBy(() -> DataSize.ofMiB(-1)).hasMessageContaining("-1.0 MiB");
        assertThatThrownBy(() -> DataSize.ofMiB(Double.NaN)).hasMessageContaining("NaN");
    }
}
