package io.livemig.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabCliTest {
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            picocli.CommandLine cli = Main.commandLine();
            cli.setOut(new java.io.PrintWriter(System.out, true));
            cli.setErr(new java.io.PrintWriter(System.err, true));
            int code = cli.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void labIsASubcommandAndEveryLabCommandHasHelp() {
        for (String sub : new String[] {"doctor", "plan", "run", "baseline", "compare"}) {
            Result r = run("lab", sub, "--help");
            assertThat(r.code()).as(sub).isZero();
            assertThat(r.out()).contains("Usage: livemig lab " + sub);
            assertThat(r.err()).doesNotContain("picocli WARN");
        }
    }

    @Test
    void planPrintsTheGridAndBadInputIsOneLine(@TempDir Path dir) throws Exception {
        Result plan = run("lab", "plan", "--repeats", "1");
        assertThat(plan.code()).isZero();
        assertThat(plan.out().lines()).hasSize(49).first().isEqualTo(LabPlan.HEADER);
        assertThat(run("lab", "plan", "--repeats", "0").err())
                .isEqualTo("livemig plan: --repeats must be >= 1, got 0\n");
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, LabPlan.HEADER + "\nuniform,8000,32,256,fast,100,1,1,20\n");
        Result r = run("lab", "run", bad.toString(), "--out", dir.resolve("out").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("livemig run: " + bad + ":2: link_mbit must be a whole number, got 'fast'\n");
        Result c = run("lab", "compare", dir.resolve("nothing").toString());
        assertThat(c.code()).isEqualTo(2);
        assertThat(c.err())
                .startsWith("livemig compare: " + dir.resolve("nothing").resolve("runs.csv") + ": no such file");
    }

    /** A memory size the guest cannot boot in is refused by name before anything boots, and nothing is written. */
    @Test
    void baselineRefusesAMemorySizeTheGuestCannotBootIn(@TempDir Path dir) {
        Result r = run("lab", "baseline", "--out", dir.toString(), "--memory", "256,64");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("livemig baseline: --memory must be 96 to 3072 MiB (the guest does not boot in less;"
                        + " guest-physical = RAM offset below 3.5 GiB), got 64\n");
        assertThat(dir.toFile().list()).isEmpty();
    }

    /** `--tune` names a dataset whose tuning shapes fit the lab's constants; one with none is refused, not ignored. */
    @Test
    void compareRefusesATuningDatasetWithNothingToFitOn() {
        Path lab = Path.of(System.getProperty("livemig.root", "..")).resolve("data/qemu-lab");
        Result r = run(
                "lab",
                "compare",
                lab.toString(),
                "--tune",
                lab.toString(),
                "--held-out",
                "uniform,sequential,hotcold,bursty");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("livemig compare: --tune: " + lab
                        + " has too few rounds of shapes not held out (uniform,sequential,hotcold,bursty) to fit"
                        + " the lab's write quantum on\n");
    }
}
