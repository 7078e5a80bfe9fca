package io.livemig.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadShapeTest {
    /**
     * The golden test of the host's generator: lmwork.c, compiled and run here (it needs no guest), prints per unit
     * the count and hash of the pages it wrote; the Java generator must give the same for every shape.
     */
    @Test
    void theJavaGeneratorWritesWhatTheGuestWorkloadWrites(@TempDir Path dir) throws Exception {
        LabTests.requireTool("gcc");
        Path src = dir.resolve("lmwork.c"), bin = dir.resolve("lmwork");
        Files.write(src, GuestImage.resource("lmwork.c"));
        Host.run(Host.command("gcc", "-O2", "-o", bin.toString(), src.toString()), 120);
        long region = 1000, rate = 2000, seed = 42;
        for (WorkloadShape shape : WorkloadShape.values()) {
            // unit 10 ms so that 25 units take a quarter of a second
            Process p = new ProcessBuilder(
                            bin.toString(),
                            shape.label(),
                            Long.toString(rate * 10),
                            Long.toString(region),
                            Long.toString(seed),
                            "10")
                    .redirectErrorStream(true)
                    .start();
            List<String[]> units = new ArrayList<>();
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while (units.size() < 25 && (line = in.readLine()) != null) {
                    if (line.startsWith("LM U ")) units.add(line.split(" "));
                    assertThat(line).as(shape + " output").startsWith("LM ");
                }
            } finally {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            assertThat(units).as(shape + ": units printed").hasSize(25);
            // the guest rounds rate × unit; here rate × 10 ms at rate × 10 pages/s is rate × 100 ms, as in the lab
            long perUnit = WorkloadShape.perUnit(rate);
            int period = shape.period(perUnit, region);
            for (String[] u : units) {
                int k = Integer.parseInt(u[2]);
                long[] pages = shape.pages(k % period, seed, perUnit, region);
                assertThat(Long.parseLong(u[5]))
                        .as(shape + " unit " + k + " pages")
                        .isEqualTo(pages.length);
                assertThat(u[6]).as(shape + " unit " + k + " hash").isEqualTo(WorkloadShape.hash(pages));
                assertThat(Arrays.stream(pages).allMatch(x -> x >= 0 && x < region))
                        .isTrue();
            }
        }
    }

    @Test
    void shapesHaveTheirDocumentedForm() {
        long region = 10_000, perUnit = 800;
        long[] hot = WorkloadShape.HOTCOLD.pages(3, 1, perUnit, region);
        long inHot = Arrays.stream(hot).filter(p -> p < region / 10).count();
        assertThat(inHot / (double) hot.length).isBetween(0.85, 0.95);
        assertThat(WorkloadShape.SEQUENTIAL.pages(2, 1, perUnit, region))
                .startsWith(1600, 1601)
                .endsWith(2399);
        assertThat(WorkloadShape.SEQUENTIAL.period(perUnit, region)).isEqualTo(13);
        assertThat(WorkloadShape.SEQUENTIAL.pages(12, 1, perUnit, region)).hasSize(400);
        assertThat(WorkloadShape.BURSTY.pages(4, 1, perUnit, region)).hasSize(3200);
        assertThat(WorkloadShape.BURSTY.pages(5, 1, perUnit, region)).isEmpty();
        assertThat(WorkloadShape.UNIFORM.pages(7, 1, perUnit, region))
                .isEqualTo(WorkloadShape.UNIFORM.pages(7, 1, perUnit, region))
                .isNotEqualTo(WorkloadShape.UNIFORM.pages(7, 2, perUnit, region));
        assertThat(WorkloadShape.perUnit(8000)).isEqualTo(800);
    }
}
