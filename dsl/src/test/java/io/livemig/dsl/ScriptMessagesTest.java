package io.livemig.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import groovy.lang.Binding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages that used to leave the reader guessing (issue 11), each as the user now sees it. */
class ScriptMessagesTest {
    @TempDir
    Path dir;

    @Test
    void anUnfinishedScriptIsReportedOnItsLastLineNotPastIt() {
        ScriptFailure f = Scripts.failure("def a = 1\nif (a) {\n  a = 2\n");
        assertThat(f.line()).isEqualTo(3);
        assertThat(f.getMessage())
                .startsWith("test.groovy:3: ")
                .endsWith("(the script ends here: something is not closed)");
        // an error inside the script keeps its own line
        assertThat(Scripts.failure("def a = 1\ndef b = 2\ndef x = 5 +").getMessage())
                .isEqualTo("test.groovy:3: Unexpected input: '+'");
        ScriptFailure brace = Scripts.failure(Scripts.ECLIPSE + "if (true) {\n  predict web, at: 1.Gbps\n");
        assertThat(brace.line())
                .isLessThanOrEqualTo((int) (Scripts.ECLIPSE + "if (true) {\n  predict web, at: 1.Gbps\n")
                        .lines()
                        .count());
    }

    @Test
    void aScriptThatIsNotUtf8SaysSoAndWhere() throws Exception {
        Path s = dir.resolve("latin.groovy");
        Files.write(s, "def s = 'caf\u00e9'\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> LivemigShell.run(s, List.of(), new Binding()))
                .isInstanceOf(ScriptFailure.class)
                .hasMessage(s + ": not UTF-8 text (byte 12: 0xe9); expected a script saved as UTF-8");
    }

    @Test
    void predictAndCompareWithoutArgumentsSayWhatTheyExpect() {
        assertThat(Scripts.failure("predict()").getMessage())
                .isEqualTo("test.groovy:1: predict(): expected a VM and a rate, e.g. predict web, at: 100.MBps");
        assertThat(Scripts.failure("compare()").getMessage())
                .isEqualTo("test.groovy:1: compare(): expected a VM and a rate, e.g. compare web, at: 100.MBps");
        assertThat(Scripts.failure("margin()").getMessage())
                .isEqualTo("test.groovy:1: margin(): expected a VM and a rate, e.g. margin web, at: 100.MBps");
        assertThat(Scripts.failure(Scripts.ECLIPSE + "margin web").getMessage())
                .startsWith("test.groovy:")
                .contains("margin(): ")
                .contains("'at'");
    }

    @Test
    void negativeSizesRatesAndTimesAreNamed() {
        assertThat(Scripts.failure(Scripts.ECLIPSE + "predict web, at: -5.MBps").getMessage())
                .isEqualTo(
                        "test.groovy:5: a rate cannot be negative, got -5 MB/s; expected a rate > 0 such as 100.MBps");
        assertThat(Scripts.failure("def m = -512.MiB").getMessage())
                .isEqualTo("test.groovy:1: a size cannot be negative, got -512 MiB; expected e.g. 512.MiB");
        assertThat(Scripts.failure("def t = -300.ms").getMessage())
                .isEqualTo("test.groovy:1: a time cannot be negative, got -0.3s; expected a time > 0 such as 300.ms");
    }

    @Test
    void aKeywordFollowedByANegativeNumberSaysHowToWriteIt() {
        assertThat(Scripts.failure("vm('x') { memory 1.GiB; profile { s 1; sNew -1; mw 10 } }")
                        .getMessage())
                .isEqualTo(
                        "test.groovy:1: vm 'x': profile: sNew needs a value, e.g. sNew 1 (a negative value needs parentheses: sNew(-1))");
    }

    @Test
    void aScriptVariableNamedLikeAKeywordStillResolvesInsideASpec() {
        // notebook 02 names its trace 'trace', a keyword of vm { }
        Object v = Scripts.eval(
                "def trace = trace('data/traces/hot-cold.lmt')\nvm('x') { memory 1.GiB; profile trace.profile() }");
        assertThat(((io.livemig.profile.Vm) v).profile()).isInstanceOf(io.livemig.profile.LinearDirtyProfile.class);
        assertThat(Scripts.failure(Scripts.ECLIPSE + "vm('y') { memory 1.GiB; profile { s 1; sNew 1; mw nope } }")
                        .getMessage())
                .contains("unknown name 'nope'");
    }

    @Test
    void underQemuPredictUsesTheCommandLinesDefaultModel() {
        var p = (io.livemig.model.Prediction) Scripts.eval(Scripts.ECLIPSE + "predict web, at: 1.GBps, on: qemu()");
        assertThat(p.model())
                .isEqualTo(io.livemig.model.Models.defaultFor(io.livemig.policy.Qemu.defaults())
                        .name())
                .isEqualTo("qemu-accurate");
        var x = (io.livemig.model.Prediction) Scripts.eval(Scripts.ECLIPSE + "predict web, at: 1.GBps");
        assertThat(x.model()).isEqualTo("proposed");
    }

    /** The keyword checks must not hide the script's own variables inside a block (notebook 02 names one `trace`). */
    @Test
    void scriptVariablesStillResolveInsideBlocks() {
        Object vm = Scripts.eval("def mem = 2.GiB\ndef trace = 8822\ndef sn = [2775, 1559]\n"
                + "vm('a') { memory mem; profile { s trace; sNew sn; mw 119435 } }");
        assertThat(vm).isInstanceOf(io.livemig.profile.Vm.class);
        assertThat(((io.livemig.profile.Vm) vm).memory()).isEqualTo(io.livemig.units.DataSize.ofGiB(2));
        assertThat(((io.livemig.profile.Vm) vm).profile().sPages()).isEqualTo(8822);
        // without such a variable the keyword still asks for its value
        assertThat(Scripts.failure("vm('x') { memory 1.GiB; profile { s 1; sNew; mw 2 } }")
                        .getMessage())
                .contains("sNew needs a value");
    }

    @Test
    void saveRefusesToWriteOverATraceTheScriptReadAndAFolderIsSaidToBeOne() throws Exception {
        Path csv = dir.resolve("web.csv");
        Files.writeString(csv, "# livemig-trace unit_ms=100 page_size=4096 memory_pages=100\nunit,page\n0,1\n1,2\n");
        String before = Files.readString(csv);
        String p = csv.toString().replace("\\", "/");
        ScriptFailure f = Scripts.failure("def t = trace '" + p + "'\nt.save('" + p + "')");
        assertThat(f.getMessage())
                .startsWith("test.groovy:2: ")
                .contains("web.csv")
                .contains("writing it would destroy the input");
        assertThat(Files.readString(csv)).isEqualTo(before);
        assertThat(Scripts.failure("trace '" + dir.toString().replace("\\", "/") + "'")
                        .getMessage())
                .contains("is a folder; expected a trace file");
    }
}
