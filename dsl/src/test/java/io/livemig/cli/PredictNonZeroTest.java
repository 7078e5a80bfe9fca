package io.livemig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code livemig predict --nonzero}: the composition reaches the QEMU-accurate model and traffic is printed in bytes. */
class PredictNonZeroTest {

    static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run(args)).isZero();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    static long wireBytes(String out) {
        String line = out.lines()
                .filter(l -> l.startsWith("traffic on the wire: "))
                .findFirst()
                .orElseThrow();
        return Long.parseLong(line.substring("traffic on the wire: ".length(), line.indexOf(" B")));
    }

    @Test
    void zeroPagesCutTheBytesOnTheWire() {
        String[] base = PredictMarginTest.at("1GBps");
        String all = run(base);
        String some = run(concat(base, "--nonzero", "40%"));
        assertThat(all).contains("qemu-accurate").contains("all pages non-zero");
        assertThat(some).contains("40.0% non-zero (52429 of 131072 pages)");
        // 78643 zero pages at 9 B instead of 4104 B
        assertThat(wireBytes(all) - wireBytes(some))
                .isBetween(78643L * 4095 - 4104 * 2000, 78643L * 4095 + 4104 * 2000);
    }

    @Test
    void thePaperModelByName() {
        String out = run(
                "predict",
                "--memory",
                "512MiB",
                "--rate",
                "1GBps",
                "--policy",
                "qemu",
                "--model",
                "proposed",
                "--s",
                "1500",
                "--s-new",
                "600",
                "--mw",
                "50000",
                "--nonzero",
                "52429");
        assertThat(out).contains("proposed: vm @").contains("traffic on the wire: ");
    }

    static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void aLongNonConvergingRunPrintsItsHeadAndTailOnly() {
        String[] args = {
            "predict",
            "--memory",
            "1GiB",
            "--rate",
            "10.5MiB/s",
            "--policy",
            "qemu",
            "--s",
            "500",
            "--s-new",
            "300,240,210,180,150,150,150,150,150,150",
            "--mw",
            "20000"
        };
        String out = run(args);
        assertThat(out).contains("does not converge").contains("the middle ones left out: --all-rows shows every row");
        assertThat(out.lines().count()).isLessThan(PredictCommand.MAX_ROWS + 20);
        String all = run(concat(args, "--all-rows"));
        assertThat(all.lines().count()).isGreaterThan(out.lines().count());
    }
}
