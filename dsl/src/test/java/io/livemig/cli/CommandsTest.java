package io.livemig.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CommandsTest {
    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"run", "demo", "predict"})
    void everyCommandHasHelp(String command) {
        Cli.Result r = Cli.run(command, "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: livemig " + command);
    }

    @Test void runPrintsTheLastValue() throws Exception {
        Path s = dir.resolve("one.groovy");
        Files.writeString(s, "1.GiB + 512.MiB\n");
        Cli.Result r = Cli.run("run", s.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("");   // a size has no rendering: nothing printed unless shown
        Files.writeString(s, "println 1.GiB + 512.MiB\n");
        assertThat(Cli.run("run", s.toString()).out()).isEqualTo("1.5 GiB\n");
    }

    @Test void runPassesArguments() throws Exception {
        Path s = dir.resolve("echo.groovy");   // not args.groovy: its class would be named args and hide the variable
        Files.writeString(s, "println args.join(',')");
        assertThat(Cli.run("run", s.toString(), "a", "b c").out()).isEqualTo("a,b c\n");
    }

    @Test void aFailingScriptExitsNonZeroWithFileLineAndMessage() throws Exception {
        Path s = dir.resolve("plan.groovy");
        Files.writeString(s, "println 'before'\npredict 42, at: 1.Gbps\nprintln 'after'\n");
        Cli.Result r = Cli.run("run", s.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("before\n");
        assertThat(r.err()).isEqualTo("plan.groovy:2: predict(): expected a vm, such as one made by vm('web') { … }, got Integer 42\n");
    }

    @Test void aMissingScriptIsAUsageError() {
        Cli.Result r = Cli.run("run", dir.resolve("nope.groovy").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nope.groovy: no such script; expected a .groovy file");
    }

    @Test void demoRunsTheExampleAndNamesItsFolder() {
        Cli.Result r = Cli.run("demo", "--out", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("livemig demo: running ").contains("charts go to " + dir.toAbsolutePath())
                .contains("== 3. Compare");
        assertThat(dir.resolve("sweep.svg")).exists();
    }

    @Test void theDemoScriptIsAlsoInTheJar() {
        assertThat(DemoCommand.class.getResource("/examples/demo.groovy")).isNotNull();
    }
}
