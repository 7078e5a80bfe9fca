package io.livemig.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livemig.evaluate.LabDataset;
import io.livemig.evaluate.LabRun;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Memory images compared without QEMU: images written here with known non-zero and differing pages. */
class MemoryImagesTest {
    static final int PAGES = 1000; // 4 MB: the reader's 1 MiB chunks end inside runs

    /** An image whose given pages hold one non-zero byte at a page-dependent offset. */
    static Path image(Path file, TreeSet<Integer> nonZero, int flip) throws IOException {
        try (FileChannel c = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            c.write(ByteBuffer.wrap(new byte[1]), (long) PAGES * MemoryImages.PAGE - 1); // the size, zero filled
            for (int p : nonZero) {
                byte v = (byte) (p == flip ? 2 : 1);
                c.write(ByteBuffer.wrap(new byte[] {v}), (long) p * MemoryImages.PAGE + (p * 37L) % MemoryImages.PAGE);
            }
        }
        return file;
    }

    @Test
    void nonZeroPagesComeOutAsRunsInAddressOrderAndDifferencesAreCounted(@TempDir Path dir) throws IOException {
        Random random = new Random(7);
        TreeSet<Integer> nonZero = new TreeSet<>(List.of(0, 1, 2, 255, 256, 257, 511, 512, 999));
        for (int p = 600; p < 800; p++) if (random.nextInt(3) > 0) nonZero.add(p);
        Path a = image(dir.resolve("a.mem"), nonZero, -1), b = image(dir.resolve("b.mem"), nonZero, 257);

        MemoryImages.Comparison c = MemoryImages.compare(a, b);
        assertThat(c.pages()).isEqualTo(PAGES);
        assertThat(c.nonZeroPages()).isEqualTo(nonZero.size());
        assertThat(c.differingPages()).isEqualTo(1);
        // the runs are exactly the set, maximal (no two touch), in order
        TreeSet<Integer> fromRuns = new TreeSet<>();
        long end = -1;
        for (long[] r : c.nonZeroRuns()) {
            assertThat(r[0]).isGreaterThan(end);
            assertThat(r[1]).isPositive();
            for (long p = r[0]; p < r[0] + r[1]; p++) fromRuns.add((int) p);
            end = r[0] + r[1];
        }
        assertThat(fromRuns).isEqualTo(nonZero);
        assertThat(c.nonZeroRuns().get(0)).containsExactly(0, 3);
        assertThat(c.nonZeroRuns().get(c.nonZeroRuns().size() - 1)).containsExactly(999, 1);

        assertThat(MemoryImages.compare(a, null).differingPages()).isEqualTo(-1);
    }

    @Test
    void theRunsFileRoundTripsAndABadLineNamesFileAndLine(@TempDir Path dir) throws IOException {
        TreeSet<Integer> nonZero = new TreeSet<>(List.of(3, 4, 5, 100, 998, 999));
        MemoryImages.Comparison c = MemoryImages.compare(image(dir.resolve("a.mem"), nonZero, -1), null);
        Files.writeString(
                dir.resolve(LabDataset.RUNS),
                LabDataset.HEADER
                        + "\nr1,uniform,8000,8192,256,500,300,1,1,20,completed,1,1,1,1,1,1,3,1,0,500,6,0,t.lmt,0:0:1,0,0,0,0,1,1\n");
        LabDataset data = LabDataset.read(dir);
        LabRun run = data.runs().get(0);
        assertThat(data.nonZeroRuns(run))
                .as("a run recorded before the lab wrote the file")
                .isEmpty();
        Path runDir = Files.createDirectories(dir.resolve("runs").resolve(run.id()));
        LabRunner.writeNonZero(runDir.resolve(LabDataset.NONZERO), c.nonZeroRuns());
        assertThat(data.nonZeroRuns(run)).containsExactlyElementsOf(c.nonZeroRuns());

        Files.writeString(runDir.resolve(LabDataset.NONZERO), "first_page,pages\n3,3\n100,x\n");
        assertThatThrownBy(() -> data.nonZeroRuns(run))
                .hasMessage(runDir.resolve(LabDataset.NONZERO) + ":3: expected first_page,pages (whole numbers), got"
                        + " '100,x'");
    }
}
