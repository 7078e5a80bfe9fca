package io.livemig.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed training run behind the launcher's class-data-sharing archive: {@code ./livemig} runs this once right after
 * it builds its jar, under {@code -XX:ArchiveClassesAtExit}, so the archive holds the classes of the short commands
 * (help, predict, trace info and fit, a one-line script) whatever command happens to run first. Output is discarded;
 * commands whose sample file is missing are left out, and a command that fails is reported on stderr.
 */
public final class StartupTraining {
    private StartupTraining() {}

    /** The training commands, file arguments relative to the repository root. */
    static List<String[]> commands(Path root) {
        String trace = root.resolve("data/traces/hot-cold.lmt").toString();
        String script = root.resolve("bench/one-line.groovy").toString();
        List<String[]> c = new ArrayList<>();
        c.add(new String[] {"--help"});
        c.add(new String[] {"predict", "--help"});
        String[] predict = {
            "predict",
            "--memory",
            "1GiB",
            "--rate",
            "50MiB/s",
            "--policy",
            "xen",
            "--s",
            "8822",
            "--s-new",
            "2775,1559,1292,839,1038,864,743,658,592,533",
            "--mw",
            "119435"
        };
        c.add(predict);
        String[] json = java.util.Arrays.copyOf(predict, predict.length + 1);
        json[predict.length] = "--json";
        c.add(json);
        if (Files.isRegularFile(Path.of(trace))) {
            c.add(new String[] {"trace", "info", trace});
            c.add(new String[] {"trace", "info", "--json", trace});
            c.add(new String[] {"trace", "fit", "--json", trace});
        }
        if (Files.isRegularFile(Path.of(script))) c.add(new String[] {"run", script});
        return c;
    }

    public static void main(String[] args) {
        String prop = System.getProperty("livemig.root");
        Path root = Path.of(prop != null ? prop : ".").toAbsolutePath();
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream nothing = new PrintStream(OutputStream.nullOutputStream(), true);
        int failed = 0;
        for (String[] command : commands(root)) {
            System.setOut(nothing);
            System.setErr(nothing);
            int code;
            try {
                code = Main.run(command);
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
            if (code != 0) {
                failed++;
                err.println("livemig: start-up training: '" + String.join(" ", command) + "' exited " + code);
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
