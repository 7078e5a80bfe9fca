package io.livemig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {
    @TempDir
    Path dir;

    @Test
    void everyCommandAndSubcommandHasHelpThatPicocliCanFormat() {
        java.util.List<String[]> paths = new java.util.ArrayList<>();
        collect(Main.commandLine(), new java.util.ArrayList<>(), paths);
        assertThat(paths.stream().map(p -> String.join(" ", p)))
                .contains("run", "demo", "predict", "validate", "trace convert", "qemu-check");
        java.io.PrintStream oldErr = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            for (String[] path : paths) {
                String[] args = java.util.Arrays.copyOf(path, path.length + 1);
                args[path.length] = "--help";
                Cli.Result r = Cli.run(args);
                assertThat(r.exitCode()).as(String.join(" ", args)).isZero();
                assertThat(r.out()).as(String.join(" ", args)).contains("Usage: livemig " + String.join(" ", path));
            }
        } finally {
            System.setErr(oldErr);
        }
        // a stray % in a description makes picocli print a warning and show the raw text
        assertThat(warnings.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }

    private static void collect(picocli.CommandLine cli, java.util.List<String> prefix, java.util.List<String[]> out) {
        for (var e : cli.getSubcommands().entrySet()) {
            if (!e.getKey().equals(e.getValue().getCommandName())) continue; // an alias
            java.util.List<String> path = new java.util.ArrayList<>(prefix);
            path.add(e.getKey());
            out.add(path.toArray(String[]::new));
            collect(e.getValue(), path, out);
        }
    }

    @Test
    void runPrintsTheLastValue() throws Exception {
        Path s = dir.resolve("one.groovy");
        Files.writeString(s, "1.GiB + 512.MiB\n");
        Cli.Result r = Cli.run("run", s.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo(""); // a size has no rendering: nothing printed unless shown
        Files.writeString(s, "println 1.GiB + 512.MiB\n");
        assertThat(Cli.run("run", s.toString()).out()).isEqualTo("1.5 GiB\n");
    }

    @Test
    void runPassesArguments() throws Exception {
        Path s = dir.resolve("echo.groovy"); // not args.groovy: its class would be named args and hide the variable
        Files.writeString(s, "println args.join(',')");
        assertThat(Cli.run("run", s.toString(), "a", "b c").out()).isEqualTo("a,b c\n");
    }

    @Test
    void aFailingScriptExitsNonZeroWithFileLineAndMessage() throws Exception {
        Path s = dir.resolve("plan.groovy");
        Files.writeString(s, "println 'before'\npredict 42, at: 1.Gbps\nprintln 'after'\n");
        Cli.Result r = Cli.run("run", s.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("before\n");
        assertThat(r.err())
                .isEqualTo(
                        "plan.groovy:2: predict(): expected a vm, such as one made by vm('web') { … }, got Integer 42\n");
    }

    @Test
    void aMissingScriptIsAUsageError() {
        Cli.Result r = Cli.run("run", dir.resolve("nope.groovy").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nope.groovy: no such script; expected a .groovy file");
    }

    @Test
    void demoRunsTheExampleAndNamesItsFolder() {
        Cli.Result r = Cli.run("demo", "--out", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .startsWith("livemig demo: running ")
                .contains("charts go to " + dir.toAbsolutePath())
                .contains("== 3. Compare");
        assertThat(dir.resolve("sweep.svg")).exists();
    }

    @Test
    void theDemoScriptIsAlsoInTheJar() {
        assertThat(DemoCommand.class.getResource("/examples/demo.groovy")).isNotNull();
    }

    @Test
    void qemuCheckJsonIsOneObjectPerModelWithTheSummaryColumns() {
        Cli.Result r = Cli.run("qemu-check", "--seeds", "7", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        var rows = com.google.gson.JsonParser.parseString(r.out()).getAsJsonArray();
        assertThat(rows).hasSize(2);
        var first = rows.get(0).getAsJsonObject();
        assertThat(first.get("model").getAsString()).isEqualTo("qemu-accurate");
        assertThat(first.get("cases").getAsInt()).isEqualTo(60);
        assertThat(first.get("converging").getAsInt()).isBetween(1, 60);
        assertThat(first.get("verdict_right_pct").getAsDouble()).isBetween(0.0, 100.0);
    }
}
