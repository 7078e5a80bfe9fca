package io.livemig.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The sample traces in data/ read, and the twin's fit matches its row of params.csv. */
class SampleDataTest {
    static Path data(String name) {
        return Path.of(System.getProperty("livemig.root", ".."))
                .resolve("data/traces")
                .resolve(name);
    }

    @Test
    void everySampleReads() {
        assertThat(Trace.read().lmt(data("hot-cold.lmt")).unitCount()).isEqualTo(300);
        assertThat(Trace.read().csv(data("scan.csv.gz")).memoryPages()).isEqualTo(65_536);
        assertThat(Trace.read().lmt(data("phases.lmt")).fit().mwPages()).isPositive();
        assertThat(Trace.read().counts(data("uniform.counts.csv")).hasPages()).isFalse();
    }

    @Test
    void raytraceTwinMatchesItsRow() {
        TwinTarget row = TwinTarget.fromParams(TestData.datasetDir().resolve("params.csv"), "parsec-raytrace");
        TraceFit fit = Trace.read().fit(data("raytrace-twin.lmt"));
        assertThat(Math.abs(fit.sPages() - row.sPages()) / row.sPages()).isLessThan(0.05);
        assertThat(Math.abs(fit.mwPages() - row.mwPages()) / (double) row.mwPages())
                .isLessThan(0.05);
        assertThat(row.maxRelativeSNewDifference(fit.sNewPages())).isLessThan(0.05);
    }
}
