package io.livemig.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The start-up path of the command line: one subcommand built when the arguments name it, nothing else changed. */
class StartupPathTest {

    private static Cli.Result runLazily(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cli = Main.commandLine(args);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Cli.Result(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void everyBuiltInIsNamedAsItsCommandAnnotationSays() {
        for (List<Main.BuiltIn> list : List.of(Main.COMMANDS, TraceCommand.SUBCOMMANDS)) {
            for (Main.BuiltIn c : list)
                assertThat(c.type().getAnnotation(CommandLine.Command.class).name())
                        .as(c.type().getName())
                        .isEqualTo(c.name());
            assertThat(list.stream().map(Main.BuiltIn::name).distinct().count()).isEqualTo(list.size());
        }
    }

    @Test
    void aNamedTraceSubcommandIsTheOnlyOneBuilt() {
        CommandLine all = Main.commandLine().getSubcommands().get("trace");
        assertThat(all.getSubcommands()).containsOnlyKeys("info", "fit", "convert", "generate", "summary");
        for (String name : all.getSubcommands().keySet())
            assertThat(Main.commandLine(new String[] {"trace", name, "--help"})
                            .getSubcommands()
                            .get("trace")
                            .getSubcommands())
                    .as(name)
                    .containsOnlyKeys(name);
        for (String second : new String[] {"--help", "infoo", "-h"})
            assertThat(Main.commandLine(new String[] {"trace", second})
                            .getSubcommands()
                            .get("trace")
                            .getSubcommands())
                    .as(second)
                    .containsOnlyKeys("info", "fit", "convert", "generate", "summary");
    }

    @Test
    void aNamedSubcommandIsTheOnlyOneBuilt() {
        for (String name : Main.commandLine().getSubcommands().keySet()) {
            if (name.equals("help")) continue;
            assertThat(Main.commandLine(new String[] {name, "--help"}).getSubcommands())
                    .as(name)
                    .containsOnlyKeys(name);
        }
        assertThat(Main.commandLine(new String[] {"help"}).getSubcommands())
                .containsKeys("predict", "run", "trace", "help");
        assertThat(Main.commandLine(new String[] {"--version"}).getSubcommands())
                .containsKeys("predict", "trace");
        assertThat(Main.commandLine(new String[] {"predikt"}).getSubcommands()).containsKeys("predict", "trace");
    }

    @Test
    void helpErrorsAndResultsAreTheSameAsWithEveryCommandBuilt() {
        String trace = Cli.root().resolve("data/traces/hot-cold.lmt").toString();
        List<String[]> cases = new ArrayList<>(List.of(
                new String[] {"predict", "--help"},
                new String[] {
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
                    "2775,1559,1292",
                    "--mw",
                    "119435",
                    "--json"
                },
                new String[] {"predict", "--memory", "1GiB", "--sped", "1"},
                new String[] {"trace", "info", "--json", "no-such-file.lmt"},
                new String[] {"trace"},
                new String[] {"trace", "--help"},
                new String[] {"trace", "info", "--help"},
                new String[] {"trace", "infoo", "x.lmt"},
                new String[] {"trace", "fit", "--bogus", "x.lmt"},
                new String[] {"predikt"},
                new String[] {"help", "trace"}));
        if (Files.isRegularFile(Path.of(trace))) cases.add(new String[] {"trace", "info", "--json", trace});
        for (String[] args : cases) {
            // some commands print to System.out, not to picocli's writer: compare that too
            java.io.PrintStream old = System.out;
            java.io.ByteArrayOutputStream allOut = new java.io.ByteArrayOutputStream(),
                    lazyOut = new java.io.ByteArrayOutputStream();
            Cli.Result all, lazy;
            try {
                System.setOut(new java.io.PrintStream(allOut, true, StandardCharsets.UTF_8));
                all = Cli.run(args);
                System.setOut(new java.io.PrintStream(lazyOut, true, StandardCharsets.UTF_8));
                lazy = runLazily(args);
            } finally {
                System.setOut(old);
            }
            assertThat(lazy).as(String.join(" ", args)).isEqualTo(all);
            assertThat(lazyOut.toString(StandardCharsets.UTF_8))
                    .as(String.join(" ", args))
                    .isEqualTo(allOut.toString(StandardCharsets.UTF_8));
        }
        assertThat(runLazily("trace", "info", "--json", "no-such-file.lmt").err())
                .contains("no-such-file.lmt");
    }

    @Test
    void predictsTextTableIsTheTablesText() {
        io.livemig.profile.Vm web = io.livemig.profile.Vm.of(
                "web",
                io.livemig.units.DataSize.parse("1GiB"),
                io.livemig.profile.LinearDirtyProfile.paper(
                        8822, new double[] {2775, 1559, 1292, 839, 1038, 864, 743, 658, 592, 533}, 119435));
        int rows = 0;
        for (var model : io.livemig.model.Models.all()) {
            for (String policy : List.of("xen", "xen-v2", "qemu")) {
                for (String rate : List.of("50MiB/s", "1GBps")) {
                    io.livemig.model.Prediction p = model.predict(
                            web, io.livemig.units.DataRate.parse(rate), io.livemig.policy.PrecopyPolicy.named(policy));
                    TextTable text = new TextTable(p.tableTitle(), p.iterationColumns());
                    assertThat(text.printAll()).isEqualTo(p.toTable().printAll());
                    assertThat(text.print(PredictCommand.MAX_ROWS))
                            .isEqualTo(p.toTable().print(PredictCommand.MAX_ROWS));
                    for (int max : new int[] {0, 1, 2, 3, 4, 7, text.rowCount() - 1, text.rowCount() + 1})
                        if (max >= 0)
                            assertThat(text.print(max)).isEqualTo(p.toTable().print(max));
                    rows = Math.max(rows, text.rowCount());
                }
            }
        }
        assertThat(rows).as("a prediction long enough to elide rows").isGreaterThan(PredictCommand.MAX_ROWS);
    }

    @Test
    void textTableLaysOutAnyColumnsAsTablesawsPrinterDoes() {
        tech.tablesaw.api.DoubleColumn wide =
                tech.tablesaw.api.DoubleColumn.create("x", new double[] {1, 123456.789, Double.NaN, -0.5, 1e-9, 7});
        tech.tablesaw.api.IntColumn shortInts = tech.tablesaw.api.IntColumn.create("a rather long header", 1, 22, 333);
        tech.tablesaw.api.StringColumn text =
                tech.tablesaw.api.StringColumn.create("s", "", "two words", "é", "a", "bb", "ccc");
        tech.tablesaw.api.BooleanColumn none = tech.tablesaw.api.BooleanColumn.create("empty");
        List<List<tech.tablesaw.columns.Column<?>>> tables = List.of(
                List.of(wide, text),
                List.of(wide, shortInts, text), // shorter columns print "?"
                List.of(shortInts, wide), // the first column sets the row count
                List.of(none),
                List.of(none, wide),
                List.of(text));
        List<String> titles = new ArrayList<>(List.of(
                "t", "a title far wider than any of these small tables, so that it is not centred at all", "odd"));
        titles.add(null); // no title line
        titles.add("· not ASCII ·");
        for (List<tech.tablesaw.columns.Column<?>> columns : tables) {
            for (String title : titles) {
                TablesawText reference = new TablesawText(title, columns);
                TextTable table = new TextTable(title, columns);
                String as = title + " " + columns.stream().map(c -> c.name()).toList();
                assertThat(table.printAll()).as(as).isEqualTo(reference.printAll());
                for (int max = 0; max <= 8; max++)
                    assertThat(table.print(max)).as(as + ", " + max + " rows").isEqualTo(reference.print(max));
            }
        }
        assertThatThrownBy(() -> new TextTable("t", List.of(tech.tablesaw.api.IntColumn.create(""))))
                .hasMessageContaining("name");
        assertThatThrownBy(() -> new TextTable("t", List.of(wide)).print(-1)).hasMessageContaining("-1");
    }

    /** `predict` with these options in a fresh JVM without the class-data archive: its class-load log (exit 0). */
    private static String predictClassLoadLog(String... options) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                javaBin,
                "-Xshare:off",
                "-Xlog:class+load=info",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(BadInputCorpusTest.PREDICT_OK));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(log).isZero();
        return log;
    }

    @Test
    void picocliDoesNotStartGroovyForAPlainJavaCommand() throws Exception {
        // a separate JVM: this one has Groovy loaded already. picocli's closure probe would initialise
        // groovy.lang.Closure and with it Groovy's meta-class registry and every extension module.
        String log = predictClassLoadLog("--json");
        assertThat(log).contains("io.livemig.cli.PredictCommand ").doesNotContain("groovy.lang.GroovySystem ");
    }

    @Test
    void predictsTextScansNoClassPath() throws Exception {
        // Tablesaw's Table class initialiser runs ClassGraph over the whole class path; predict's text needs no Table,
        // nor Tablesaw's printer (TextTable lays the cells out)
        String log = predictClassLoadLog();
        assertThat(log)
                .contains("sent_pages", "tech.tablesaw.api.DoubleColumn ")
                .doesNotContain("io.github.classgraph.ClassGraph ")
                .doesNotContain("tech.tablesaw.io.string.DataFramePrinter ");
    }
}
