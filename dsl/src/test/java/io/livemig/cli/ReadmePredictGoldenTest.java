package io.livemig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.ReadmeFigures;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README's QEMU-accurate {@code predict} example: the command is read from README.md, run, and its output compared
 * with the figures README prints in the comments below it (bytes on the wire, composition, and the paper model's
 * bytes and times).
 */
class ReadmePredictGoldenTest {
    @Test
    void theQemuAccuratePredictExamplePrintsWhatReadmeSays() throws Exception {
        List<String> lines = Files.readAllLines(ReadmeFigures.readme());
        int at = -1;
        for (int i = 0; i < lines.size(); i++)
            if (lines.get(i).startsWith("./livemig predict --memory 512MiB --rate 1GBps --policy qemu --nonzero"))
                at = i;
        assertThat(at).as("README's predict example").isNotNegative();
        String command = (lines.get(at).replace("\\", "") + " " + lines.get(at + 1)).trim();
        List<String> args = new ArrayList<>(Arrays.asList(command.split("\\s+")));
        args.remove(0); // ./livemig
        String wire = lines.get(at + 2).replaceFirst("^# … ", "");
        Matcher paper = Pattern.compile(
                        "--model proposed: (\\d+) B, every page 4 KiB, and ([\\d.]+) s instead of ([\\d.]+) s")
                .matcher(lines.get(at + 3));
        assertThat(paper.find()).as(lines.get(at + 3)).isTrue();

        Cli.Result accurate = Cli.run(args.toArray(String[]::new));
        assertThat(accurate.exitCode()).as(accurate.err()).isZero();
        assertThat(accurate.out())
                .contains(wire)
                .contains("qemu-accurate: ")
                .contains("migration " + paper.group(3) + " s");

        args.add("--model");
        args.add("proposed");
        Cli.Result proposed = Cli.run(args.toArray(String[]::new));
        assertThat(proposed.out())
                .contains("traffic on the wire: " + paper.group(1) + " B")
                .contains("migration " + paper.group(2) + " s");
    }

    /** README's margin example ("Predict one migration"): its last line, as printed. */
    @Test
    void theMarginExamplePrintsWhatReadmeSays() throws Exception {
        List<String> lines = Files.readAllLines(ReadmeFigures.readme());
        int at = -1;
        for (int i = 0; i < lines.size(); i++)
            if (lines.get(i).startsWith("./livemig predict --memory 512MiB --rate 34MBps --policy qemu")) at = i;
        assertThat(at).as("README's margin example").isNotNegative();
        String command = (lines.get(at).replace("\\", "") + " " + lines.get(at + 1)).trim();
        List<String> args = new ArrayList<>(Arrays.asList(command.split("\\s+")));
        args.remove(0); // ./livemig
        String margin = lines.get(at + 2).replaceFirst("^# … ", "");
        assertThat(margin).startsWith("margin: ");
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines().reduce((a, b) -> b).orElseThrow()).isEqualTo(margin);
    }
}
