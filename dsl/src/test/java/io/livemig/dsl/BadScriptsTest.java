package io.livemig.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken scripts: each must fail with the script's file, the line of the mistake and a message saying what was
 * expected. The mistake is always on the last line, after a valid VM definition, so a wrong line number shows.
 */
class BadScriptsTest {
    static final String VM = Scripts.ECLIPSE; // four lines: the VM 'web' ends on line 4
    static final int NEXT = 5;

    static Stream<Arguments> broken() {
        return Stream.of(
                // units
                bad(
                        VM + "predict web, at: 100",
                        NEXT,
                        "predict(): 'at' expects a rate such as 100.MBps, got Integer 100"),
                bad(
                        VM + "predict web, at: 100.MiB",
                        NEXT,
                        "predict(): 'at' expects a rate such as 100.MBps, got DataSize 100 MiB"),
                bad(
                        VM + "predict web, at: 'fast'",
                        NEXT,
                        "predict(): 'at': cannot read 'fast' as a data rate; expected a number and a unit such as 100MBps, 12.5MiB/s, 1Gbps"),
                bad(
                        "vm('x') {\n  memory 512\n  profile { s 1; sNew 1; mw 1 }\n}",
                        2,
                        "vm 'x': memory expects a size such as 512.MiB, got Integer 512"),
                bad(
                        "vm('x') {\n  memory 1.GiB\n  profile { s 1; sNew 1; mw 1; unit 100 }\n}",
                        3,
                        "vm 'x': profile: unit expects a time such as 100.ms, got Integer 100"),
                bad(
                        VM + "rateFor web, within: 10",
                        NEXT,
                        "rateFor(): 'within' expects a time such as 10.s or 300.ms, got Integer 10"),
                bad(
                        VM + "choose([web], free: 1024, at: 1.Gbps)",
                        NEXT,
                        "choose(): 'free' expects a size such as 512.MiB, got Integer 1024"),
                bad(
                        VM + "def x = 1.GiB + 1.s",
                        NEXT,
                        "cannot add a time and a size: units never mix; expected a size with another size"),
                bad(VM + "def t = 10.sec", NEXT, "unknown unit 'sec'; expected one of B, KiB, MiB"),
                // missing settings
                bad(
                        "def a = 1\nvm('x') { profile { s 1; sNew 1; mw 1 } }",
                        2,
                        "vm 'x': memory is missing; expected e.g. memory 1.GiB"),
                bad(
                        "def a = 1\nvm('x') { memory 1.GiB }",
                        2,
                        "vm 'x': no dirty profile; expected profile { s …; sNew …; mw … }, profile 'web.curve.json' or trace 'file'"),
                bad(
                        "def a = 1\nvm('x') { memory 1.GiB; profile { s 1; mw 1 } }",
                        2,
                        "vm 'x': profile: sNew is missing; expected sNew <pages per unit>, e.g. sNew 2775, 1559"),
                bad(VM + "predict web", NEXT, "predict(): 'at' is missing; expected a rate such as 100.MBps"),
                bad(
                        VM + "predict 'web', at: 1.Gbps",
                        NEXT,
                        "predict(): expected a vm, such as one made by vm('web') { … }, got String 'web'"),
                bad(
                        VM + "choose web, free: 1.GiB, at: 1.Gbps",
                        NEXT,
                        "choose(): expected a list of vms such as [web, db], got Vm"),
                bad(
                        VM + "choose(['web'], free: 1.GiB, at: 1.Gbps)",
                        NEXT,
                        "choose(): expected a vm, such as one made by vm('web') { … }, got String 'web'"),
                bad(
                        VM + "predict web, on: xen()",
                        NEXT,
                        "predict(): 'at' is missing; expected a rate such as 100.MBps"),
                bad(
                        VM + "choose([web], at: 1.Gbps)",
                        NEXT,
                        "choose(): 'free' is missing; expected a size such as 512.MiB"),
                bad(
                        VM + "rateFor web, on: qemu()",
                        NEXT,
                        "rateFor(): give one target; expected within: a time such as 10.s, or downtime: a time such as 300.ms"),
                bad(VM + "sweep web, on: qemu()", NEXT, "sweep(): 'from' is missing; expected a rate such as 100.MBps"),
                // unknown keywords and names
                bad(
                        "def a = 1\nvm('x') {\n  memroy 1.GiB\n}",
                        3,
                        "vm 'x': unknown setting 'memroy'; expected one of memory, profile, trace"),
                bad(
                        "vm('x') {\n  memory 1.GiB\n  profile { s 1; snew 1; mw 1 }\n}",
                        3,
                        "vm 'x': profile: unknown setting 'snew'; expected one of s, sNew, mw, unit, step, pageSize"),
                bad(
                        VM + "predict web, rate: 1.Gbps",
                        NEXT,
                        "predict(): unknown argument 'rate'; expected one of at, on, model"),
                bad(
                        VM + "predict web, at: 1.Gbps, on: kvm()",
                        NEXT,
                        "unknown verb 'kvm' with no arguments; expected one of vm, predict"),
                bad(
                        VM + "predict web, at: 1.Gbps, on: 'hyperv'",
                        NEXT,
                        "predict(): 'on': unknown policy 'hyperv'; expected one of qemu, qemu-1.7, xen, xen-noskip, xen-v2"),
                bad(
                        VM + "predict web, at: 1.Gbps, model: 'magic'",
                        NEXT,
                        "predict(): 'model': unknown model 'magic'; expected one of proposed, qemu-accurate, full-copy, geometric, effective-rate, liu-iterative"),
                bad(
                        VM + "xen(maxIteration: 5)",
                        NEXT,
                        "xen(): unknown argument 'maxIteration'; expected one of maxIterations, maxFactor, minPages, skip"),
                bad(
                        VM + "qemu(version: '3.0')",
                        NEXT,
                        "qemu(): 'version' expects one of '1.7', '2.3', '5.2', got String '3.0'"),
                bad(
                        VM + "choose([web], free: 1.GiB, at: 1.Gbps, minimizing: 'cost')",
                        NEXT,
                        "choose(): 'minimizing' expects one of 'traffic', 'time', 'downtime', got String 'cost'"),
                bad(
                        VM + "predict wbe, at: 1.Gbps",
                        NEXT,
                        "unknown name 'wbe'; expected a variable defined earlier in test.groovy"),
                // values the core rejects
                bad(
                        "def a = 1\nvm('x') { memory 1.MiB; profile { s 1; sNew 1; mw 1000 } }",
                        2,
                        "vm 'x': M_w (3.906 MiB, 1000 pages) must not exceed memory (1 MiB, 256 pages)"),
                bad(VM + "xen(maxIterations: 0)", NEXT, "xen(): max iterations must be > 0, got 0"),
                bad(
                        VM + "sweep web, from: 100.MiBps, to: 10.MiBps",
                        NEXT,
                        "sweep(): 'to' (10 MiB/s) must be above 'from' (100 MiB/s)"),
                // files
                bad(
                        VM + "trace 'no/such/file.lmt'",
                        NEXT,
                        "trace(): file 'no/such/file.lmt' not found; expected a trace file (.lmt, .csv, .csv.gz, .counts.csv)"),
                bad(
                        VM + "trace 'pom.xml'",
                        NEXT,
                        "trace('pom.xml'): pom.xml: unknown trace format; expected a name ending in .lmt, .csv, .csv.gz or .counts.csv"),
                bad(
                        VM + "simulate 'no.lmt', at: 1.Gbps",
                        NEXT,
                        "trace(): file 'no.lmt' not found; expected a trace file"),
                bad(VM + "simulate web, at: 1.Gbps", NEXT, "simulate(): expected a trace or a trace file name, got Vm"),
                bad(
                        VM + "validate variants: 'some'",
                        NEXT,
                        "validate(): 'variants' expects 'reference', 'all' or a list of variant names, got String 'some'"),
                bad(
                        VM + "validate dataset: 'no/such/dir'",
                        NEXT,
                        "dataset: no/such/dir is not a directory; expected the nathan-socc15 folder"),
                bad(
                        VM + "validate variants: ['proposed']",
                        NEXT,
                        "validate(): variant: unknown 'proposed'; expected one of [proposed_noskip,"),
                // syntax
                bad("def a = 1\ndef b = (2 +\n", 2, "Unexpected input: '+'"),
                bad(VM + "save('x.pdf')", NEXT, "unknown verb 'save' with String; expected one of vm, predict"),
                bad(
                        VM + "predict(web, at: 1.Gbps).save('x.pdf')",
                        NEXT,
                        "save('x.pdf'): unknown file type '.pdf'; expected one of .svg, .png, .html, .csv, .txt"));
    }

    static Arguments bad(String script, int line, String message) {
        return Arguments.of(script, line, message);
    }

    @ParameterizedTest(name = "[{index}] line {1}: {2}")
    @MethodSource("broken")
    void failsAtTheLineWithTheMessage(String script, int line, String message) {
        ScriptFailure f = Scripts.failure(script);
        assertThat(f.file()).isEqualTo("test.groovy");
        assertThat(f.detail()).startsWith(message);
        assertThat(f.line()).as(f.getMessage()).isEqualTo(line);
        assertThat(f.getMessage()).startsWith("test.groovy:" + line + ": ").doesNotContain("\n");
    }
}
