package io.livemig.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.evaluate.LabDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * `livemig lab baseline` on a real QEMU (one 256 MiB guest, about 10 s): it writes where the booted guest's memory is
 * not zero and where its workload's region lay, and what it writes reads back through {@link LabDataset}.
 */
class LabBaselineTest {
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aBootedGuestsNonZeroMapIsWrittenAndReadsBack(@TempDir Path out) throws Exception {
        LabTests.requireLab();
        LabCliTest.Result r = LabCliTest.run("lab", "baseline", "--out", out.toString(), "--memory", "256");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("256 MiB: ").contains(" of 65536 pages non-zero, ");

        Files.writeString(out.resolve(LabDataset.RUNS), LabDataset.HEADER + "\n");
        LabDataset data = LabDataset.read(out);
        List<long[]> map = data.baselineNonZeroRuns(256);
        long nonZero = map.stream().mapToLong(x -> x[1]).sum();
        // the workload filled its 32 MiB region: at least that much is non-zero, and far from all of memory
        assertThat(nonZero).isGreaterThan(8192).isLessThan(65536);
        assertThat(r.out()).contains(": " + nonZero + " of 65536");
        for (long[] x : map) assertThat(x[0] + x[1]).isLessThanOrEqualTo(65536);
        // the region's frames, as a run records them, lie inside the non-zero pages
        String frames = data.baselineFrames(256);
        assertThat(frames).matches("\\d+:\\d+:\\d+(;\\d+:\\d+:\\d+)*");
        String[] first = frames.split(";")[0].split(":");
        long frame = Long.parseLong(first[1]);
        assertThat(map).anySatisfy(x -> assertThat(frame).isBetween(x[0], x[0] + x[1] - 1));
        assertThat(data.baselineNonZeroRuns(512)).as("a size not measured").isEmpty();
    }
}
