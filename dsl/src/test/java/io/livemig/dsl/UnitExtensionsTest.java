package io.livemig.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.livemig.units.DataRate;
import io.livemig.units.DataSize;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitExtensionsTest {

    @Test
    void sizesAreBinaryOrDecimalAsTheirNameSays() {
        assertThat(Scripts.eval("512.MiB")).isEqualTo(DataSize.ofMiB(512));
        assertThat(Scripts.eval("1.GiB")).isEqualTo(DataSize.ofGiB(1));
        assertThat(Scripts.eval("1.5.GiB")).isEqualTo(DataSize.ofMiB(1536));
        assertThat(Scripts.eval("4.KiB")).isEqualTo(DataSize.ofBytes(4096));
        assertThat(Scripts.eval("2.MB")).isEqualTo(DataSize.ofBytes(2_000_000));
    }

    @Test
    void ratesInBytesAndBits() {
        assertThat(Scripts.eval("100.MBps")).isEqualTo(DataRate.ofMBps(100));
        assertThat(Scripts.eval("12.5.MiBps")).isEqualTo(DataRate.ofMiBps(12.5));
        assertThat(Scripts.eval("1.Gbps")).isEqualTo(DataRate.ofBytesPerSecond(125_000_000));
        assertThat(Scripts.eval("800.Mbps")).isEqualTo(DataRate.ofBytesPerSecond(100_000_000));
    }

    @Test
    void durations() {
        assertThat(Scripts.eval("10.s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Scripts.eval("300.ms")).isEqualTo(Duration.ofMillis(300));
        assertThat(Scripts.eval("1.5.min")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void arithmeticKeepsUnits() {
        assertThat(Scripts.eval("1.GiB + 512.MiB")).isEqualTo(DataSize.ofMiB(1536));
        assertThat(Scripts.eval("1.GiB - 512.MiB")).isEqualTo(DataSize.ofMiB(512));
        assertThat(Scripts.eval("2 * 512.MiB")).isEqualTo(DataSize.ofGiB(1));
        assertThat(Scripts.eval("512.MiB * 2")).isEqualTo(DataSize.ofGiB(1));
        assertThat(Scripts.eval("1.GiB / 4")).isEqualTo(DataSize.ofMiB(256));
        assertThat(Scripts.eval("1.GiB / 100.MiBps")).isEqualTo(Duration.ofNanos(10_240_000_000L));
        assertThat(Scripts.eval("1.GiB / 10.s")).isEqualTo(DataRate.ofBytesPerSecond(DataSize.GIB / 10.0));
        assertThat(Scripts.eval("100.MBps * 10.s")).isEqualTo(DataSize.ofBytes(1_000_000_000));
        assertThat(Scripts.eval("10.s * 100.MBps")).isEqualTo(DataSize.ofBytes(1_000_000_000));
        assertThat(Scripts.eval("100.MBps + 1.Gbps")).isEqualTo(DataRate.ofMBps(225));
        assertThat(Scripts.eval("10.s + 300.ms")).isEqualTo(Duration.ofMillis(10_300));
        assertThat(Scripts.eval("10.s * 3")).isEqualTo(Duration.ofSeconds(30));
        assertThat((Double) Scripts.eval("1.GiB / 256.MiB")).isCloseTo(4.0, within(1e-12));
        assertThat((Boolean) Scripts.eval("512.MiB < 1.GiB && 300.ms < 1.s && 1.Gbps > 100.MBps"))
                .isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1.GiB + 1.s      | cannot add a time and a size: units never mix",
                "1.GiB + 5        | cannot add a unit-less number (5) and a size: units never mix",
                "100.MBps - 1.GiB | cannot subtract a size and a rate: units never mix",
                "10.s + 1.GiB     | cannot add a size and a time: units never mix",
                "1.GiB * 1.GiB    | cannot multiply a size and a size: units never mix"
            })
    void unitsNeverMix(String expr, String message) {
        ScriptFailure f = Scripts.failure("def x = 1\n" + expr);
        assertThat(f.line()).isEqualTo(2);
        assertThat(f.detail()).startsWith(message);
    }

    @Test
    void aNegativeRateOrSizeIsAOneLineErrorWithItsLine() {
        ScriptFailure rate = Scripts.failure(
                ECLIPSE_FREE + "predict vm('w') { memory 1.GiB; profile { s 1; sNew 1; mw 2 } }, at: -5.MBps");
        assertThat(rate.line()).isEqualTo(2);
        assertThat(rate.detail())
                .isEqualTo("a rate cannot be negative, got -5 MB/s; expected a rate > 0 such as 100.MBps");
        assertThat(Scripts.failure("-1.GiB").detail()).startsWith("a size cannot be negative, got -1 GiB");
    }

    private static final String ECLIPSE_FREE = "def x = 1\n";

    @Test
    void anUnknownUnitListsTheKnownOnes() {
        ScriptFailure f = Scripts.failure("10.sec");
        assertThat(f.getMessage()).startsWith("test.groovy:1: unknown unit 'sec'; expected one of B, KiB, MiB");
    }

    @Test
    void underTypeCheckingMixedUnitsDoNotCompile() {
        ScriptFailure f = Scripts.failure("""
                @groovy.transform.TypeChecked
                def total() {
                    1.GiB + 1.s
                }
                total()
                """);
        assertThat(f.line()).isEqualTo(3);
        assertThat(f.detail())
                .contains("Cannot find matching method io.livemig.units.DataSize#plus(java.time.Duration)");
        assertThat(Scripts.eval("""
                @groovy.transform.TypeChecked
                def total() { 1.GiB + 512.MiB * 2 }
                total()
                """)).isEqualTo(DataSize.ofGiB(2));
    }
}
