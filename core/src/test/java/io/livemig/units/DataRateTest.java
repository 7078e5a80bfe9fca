package io.livemig.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DataRateTest {
    @Test
    void distinguishesBytesFromBits() {
        assertThat(DataRate.parse("100MBps").bytesPerSecond()).isEqualTo(100e6);
        assertThat(DataRate.parse("100 MB/s").bytesPerSecond()).isEqualTo(100e6);
        assertThat(DataRate.parse("1Gbps").bytesPerSecond()).isEqualTo(125e6);
        assertThat(DataRate.parse("800Mbit/s").bytesPerSecond()).isEqualTo(100e6);
        assertThat(DataRate.parse("12.5MiB/s").mibPerSecond()).isCloseTo(12.5, within(1e-12));
    }

    @Test
    void rejectsZeroUnknownAndNaN() {
        assertThatThrownBy(() -> DataRate.parse("0MBps")).hasMessageContaining("must be > 0");
        assertThatThrownBy(() -> DataRate.parse("5 furlongs/s")).hasMessageContaining("unknown unit");
        assertThatThrownBy(() -> DataRate.ofBytesPerSecond(Double.NaN)).hasMessageContaining("NaN B/s");
    }

    @Test
    void printsMiBWhenExact() {
        assertThat(DataRate.ofMiBps(12.5)).hasToString("12.5 MiB/s");
        assertThat(DataRate.ofMBps(100)).hasToString("100 MB/s");
    }
}
