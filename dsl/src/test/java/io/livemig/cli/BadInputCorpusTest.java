package io.livemig.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.livemig.trace.Trace;
import io.livemig.trace.TraceFormat;
import io.livemig.trace.TraceHeader;
import io.livemig.trace.TraceWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.roaringbitmap.RoaringBitmap;

/**
 * A corpus of bad inputs, generated from tables of cases, through every door: the command line (options and files),
 * DSL scripts run by {@code livemig run}, and the trace readers' Java API. Each must end with a non-zero exit (or the
 * project's own exception), one line, no stack trace, the offending value or file named, and within a time limit that
 * only a hang exceeds.
 */
class BadInputCorpusTest {
    /** Only a hang takes this long; the slowest case needs a few seconds on a loaded machine. */
    static final Duration HANG = Duration.ofSeconds(120);

    static Path dir;
    static final Map<String, Path> FILES = new LinkedHashMap<>();
    static PrintStream oldErr;
    static final ByteArrayOutputStream STRAY = new ByteArrayOutputStream();
    static int cases;

    /** A case: how to run it, and what its one-line message must contain (any one of the alternatives). */
    record Case(String name, Supplier<Outcome> run, List<String> mustName) {}

    record Outcome(int exit, String message) {}

    @BeforeAll
    static void files() throws Exception {
        dir = Files.createTempDirectory("livemig-corpus");
        Path good = Cli.root().resolve("data/traces/hot-cold.lmt");
        byte[] lmt = Files.readAllBytes(good);
        file("missing.lmt", null);
        Files.createDirectories(dir.resolve("folder.lmt"));
        FILES.put("folder.lmt", dir.resolve("folder.lmt"));
        file("empty.lmt", new byte[0]);
        file("empty.csv", new byte[0]);
        file("text.lmt", "not a trace\n".getBytes(StandardCharsets.UTF_8));
        file("truncated.lmt", java.util.Arrays.copyOf(lmt, lmt.length / 2));
        file("short-header.lmt", java.util.Arrays.copyOf(lmt, 20));
        byte[] magic = lmt.clone();
        magic[1] = 'X';
        file("bad-magic.lmt", magic);
        byte[] flipped = lmt.clone();
        flipped[lmt.length - 5] ^= 0x55;
        file("bit-flip.lmt", flipped);
        file("trailing.lmt", concat(lmt, new byte[] {1, 2, 3}));
        file("unsorted.lmt", unsortedFrame());
        file("bom-bad-row.csv", ("\uFEFFunit,page\n0,\u200B1\n").getBytes(StandardCharsets.UTF_8));
        file("bad-header.csv", "unit,pages,extra\n0,1\n".getBytes(StandardCharsets.UTF_8));
        file("three-columns.csv", "unit,page\n0,1,2\n".getBytes(StandardCharsets.UTF_8));
        file("negative.csv", "unit,page\n0,-1\n".getBytes(StandardCharsets.UTF_8));
        file("letters.csv", "unit,page\n0,abc\n".getBytes(StandardCharsets.UTF_8));
        file("decreasing.csv", "unit,page\n3,1\n1,2\n".getBytes(StandardCharsets.UTF_8));
        file(
                "beyond-memory.csv",
                "# livemig-trace unit_ms=100 page_size=4096 memory_pages=10\nunit,page\n0,1\n0,99\n"
                        .getBytes(StandardCharsets.UTF_8));
        file("page-2^31.csv", "unit,page\n0,1\n0,2147483648\n".getBytes(StandardCharsets.UTF_8));
        file(
                "bad-metadata.csv",
                "# livemig-trace unit_ms=zero page_size=4096\nunit,page\n0,1\n".getBytes(StandardCharsets.UTF_8));
        file(
                "nonzero-above.csv",
                "# livemig-trace unit_ms=100 page_size=4096 memory_pages=10 nonzero_pages=11\nunit,page\n0,1\n"
                        .getBytes(StandardCharsets.UTF_8));
        file("latin1.csv", "unit,page\n0,1\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        file("truncated.csv.gz", java.util.Arrays.copyOf(gzip("unit,page\n0,1\n1,2\n".repeat(2000)), 200));
        file("garbage.csv.gz", new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7});
        file("letters.counts.csv", "unit,dirtied\n0,many\n".getBytes(StandardCharsets.UTF_8));
        oldErr = System.err;
        System.setErr(new PrintStream(STRAY, true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        System.setErr(oldErr);
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static void file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        if (bytes != null) Files.write(p, bytes);
        FILES.put(name, p);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(o)) {
            g.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return o.toByteArray();
    }

    /** One unit {1, 5, 9} whose array container is rewritten {9, 5, 1}, its CRC recomputed. */
    private static byte[] unsortedFrame() throws IOException {
        Path f = dir.resolve("tmp-unsorted.lmt");
        TraceWriter w = TraceWriter.open(TraceFormat.LMT, f, TraceHeader.of(100));
        w.write(RoaringBitmap.bitmapOf(1, 5, 9));
        w.close();
        byte[] b = Files.readAllBytes(f);
        Files.delete(f);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        buf.putShort(b.length - 6, (short) 9).putShort(b.length - 2, (short) 1);
        CRC32C crc = new CRC32C();
        crc.update(b, 52, b.length - 52);
        buf.putInt(48, (int) crc.getValue());
        return b;
    }

    // ---- the doors -------------------------------------------------------------------------------------------------

    static Outcome cli(String... args) {
        Cli.Result r = Cli.run(args);
        return new Outcome(r.exitCode(), r.err());
    }

    static Outcome script(String name, byte[] source) {
        Path s = dir.resolve(name);
        try {
            Files.write(s, source);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return cli("run", s.toString());
    }

    static Outcome script(String name, String source) {
        return script(name, source.getBytes(StandardCharsets.UTF_8));
    }

    static Outcome api(Runnable r) {
        try {
            r.run();
            return new Outcome(0, "");
        } catch (IllegalArgumentException | io.livemig.LivemigException e) {
            return new Outcome(2, e.getMessage());
        }
    }

    static Case c(String name, Supplier<Outcome> run, String... mustName) {
        return new Case(name, run, List.of(mustName));
    }

    // ---- the tables ------------------------------------------------------------------------------------------------

    static final String[] PREDICT_OK = {
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
        "2775,1559",
        "--mw",
        "119435"
    };

    static String[] with(String[] base, String option, String value) {
        List<String> a = new ArrayList<>(List.of(base));
        int i = a.indexOf(option);
        if (i >= 0) a.set(i + 1, value);
        else {
            a.add(option);
            a.add(value);
        }
        return a.toArray(String[]::new);
    }

    static List<Case> predictOptions() {
        Map<String, String[]> bad = new LinkedHashMap<>();
        bad.put("--memory", new String[] {"0", "-1GiB", "1e30GiB", "abc", "1.5XB", "NaNGiB", "1KiB", "10MiB", "-0.5TiB"
        });
        bad.put("--rate", new String[] {"0", "-5MBps", "fast", "1e400MBps", "50", "0MiB/s", "NaNMBps"});
        bad.put("--s", new String[] {"0", "-1", "NaN", "1e400", "200000", "x"});
        bad.put("--s-new", new String[] {"-1", "x", "1,,2", "NaN", "Infinity"});
        bad.put("--mw", new String[] {"0", "-5", "100", "NaN", "1e12"});
        bad.put("--policy", new String[] {"vmware", "xen-v3", "QEMU 9", "all"});
        bad.put("--unit", new String[] {"0ms", "-1s", "abc", "1e400s"});
        bad.put("--nonzero", new String[] {"lots", "150%", "-1", "1.5", "99999999999", "-5%"});
        bad.put("--model", new String[] {"magic", "proposed2"});
        List<Case> out = new ArrayList<>();
        bad.forEach((opt, values) -> {
            for (String v : values) {
                String[] args = with(PREDICT_OK, opt, v);
                out.add(c(
                        "predict " + opt + " " + v,
                        () -> cli(args),
                        v,
                        opt,
                        opt.substring(2),
                        "M_w",
                        "S ",
                        "memory",
                        "non-zero"));
            }
        });
        return out;
    }

    static List<Case> traceFiles() {
        List<Case> out = new ArrayList<>();
        for (var e : FILES.entrySet()) {
            String name = e.getKey(), f = e.getValue().toString();
            String[][] commands = {
                {"trace", "info", f},
                {"trace", "fit", f},
                {"trace", "fit", f, "--json"},
                {"trace", "summary", f},
                {"trace", "convert", f, dir.resolve("out-" + name + ".lmt").toString()},
                {"trace", "convert", f, dir.resolve("out-" + name + ".csv").toString(), "--memory-pages", "100"},
                {"simulate", f, "--rate", "50MBps"},
                {"simulate", "--compare", f, "--rate", "50MBps", "--policy", "xen-v2"}
            };
            // a loaded trace is named after its file without the extension
            String bare = name.replaceAll("\\..*$", "");
            for (String[] cmd : commands)
                out.add(c(String.join(" ", cmd).replace(dir.toString(), "DIR"), () -> cli(cmd), name, bare));
            out.add(c(
                    "Trace.read().file(" + name + ")",
                    () -> api(() -> Trace.read().file(e.getValue())),
                    name));
            out.add(c(
                    "Trace.read().fit(" + name + ")",
                    () -> api(() -> Trace.read().fit(e.getValue())),
                    name));
            out.add(c(
                    "dsl trace '" + name + "'",
                    () -> script("t.groovy", "def t = trace '" + f + "'\nfit t\n"),
                    name,
                    bare));
        }
        return out;
    }

    static List<Case> traceOptions() {
        String hot = Cli.root().resolve("data/traces/hot-cold.lmt").toString();
        String csv = Cli.root().resolve("data/traces/scan.csv.gz").toString();
        String out = dir.resolve("gen.lmt").toString();
        List<Case> l = new ArrayList<>();
        for (String v : new String[] {"-1", "-100", "x"})
            l.add(c("summary --rows " + v, () -> cli("trace", "summary", hot, "--rows", v), v, "--rows"));
        for (String v : new String[] {"0", "-5", "x"}) {
            l.add(c("fit --memory-pages " + v, () -> cli("trace", "fit", csv, "--memory-pages", v), v, "memory"));
            l.add(c(
                    "convert --memory-pages " + v,
                    () -> cli("trace", "convert", csv, dir.resolve("m.lmt").toString(), "--memory-pages", v),
                    v,
                    "memory"));
        }
        for (String v : new String[] {"0ms", "-1s", "fast"})
            l.add(c("fit --unit " + v, () -> cli("trace", "fit", csv, "--unit", v), v, "unit"));
        for (String v : new String[] {"-1", "0", "x"})
            l.add(c("generate --units " + v, () -> cli("trace", "generate", out, "--units", v), v, "--units"));
        for (String v : new String[] {"0", "-1GiB", "1e30GiB", "1B", "x"})
            l.add(c(
                    "generate --memory " + v,
                    () -> cli("trace", "generate", out, "--memory", v, "--units", "3"),
                    v,
                    "memory",
                    "--memory"));
        for (String v : new String[] {"200%", "99999999", "-1", "x"})
            l.add(c(
                    "generate --nonzero " + v,
                    () -> cli("trace", "generate", out, "--memory", "64MiB", "--units", "3", "--nonzero", v),
                    v,
                    "non-zero"));
        for (String v : new String[] {"zigzag", "twin"})
            l.add(c(
                    "generate --shape " + v,
                    () -> cli("trace", "generate", out, "--shape", v, "--units", "3"),
                    v,
                    "--twin"));
        l.add(c(
                "generate .txt",
                () -> cli("trace", "generate", dir.resolve("x.txt").toString(), "--units", "3"),
                "x.txt"));
        l.add(c(
                "generate --twin unknown",
                () -> cli("trace", "generate", out, "--twin", "no-such-workload", "--params", hot),
                "no-such-workload",
                "hot-cold.lmt"));
        for (String v : new String[] {"bmp", "pages2"})
            l.add(c(
                    "convert --to " + v,
                    () -> cli("trace", "convert", hot, dir.resolve("c.out").toString(), "--to", v),
                    v));
        for (String v : new String[] {"fast", "-5MBps", "0"})
            l.add(c("simulate --rate " + v, () -> cli("simulate", hot, "--rate", v), v));
        for (String v : new String[] {"hyperv", "xen-v9"})
            l.add(c("simulate --policy " + v, () -> cli("simulate", hot, "--rate", "50MBps", "--policy", v), v));
        for (String v : new String[] {"2", "-1", "NaN"})
            l.add(c(
                    "simulate --zero-fraction " + v,
                    () -> cli("simulate", hot, "--rate", "50MBps", "--policy", "qemu", "--zero-fraction", v),
                    v,
                    "zero"));
        l.add(c("simulate two traces", () -> cli("simulate", hot, csv, "--rate", "50MBps"), "TRACE", "2"));
        l.add(c("simulate two rates", () -> cli("simulate", hot, "--rate", "50MBps,60MBps"), "--rate"));
        l.add(c(
                "simulate --compare nothing",
                () -> cli("simulate", "--compare", "--rate", "50MBps"),
                "--compare",
                "TRACE"));
        // outputs
        l.add(c(
                "summary --csv = input",
                () -> cli(
                        "trace",
                        "summary",
                        copy("in1.lmt"),
                        "--csv",
                        dir.resolve("in1.lmt").toString()),
                "in1.lmt"));
        l.add(c(
                "convert onto itself",
                () -> cli(
                        "trace",
                        "convert",
                        copy("in2.lmt"),
                        dir.resolve("in2.lmt").toString(),
                        "--to",
                        "pages"),
                "in2.lmt"));
        l.add(c(
                "generate into a folder",
                () -> cli("trace", "generate", dir.resolve("folder.lmt").toString(), "--units", "3"),
                "folder.lmt"));
        l.add(c(
                "summary --csv into a folder",
                () -> cli("trace", "summary", hot, "--csv", dir.toString()),
                dir.getFileName().toString()));
        l.add(c(
                "demo --out a file",
                () -> cli("demo", "--out", FILES.get("text.lmt").toString()),
                "text.lmt"));
        l.add(c(
                "demo --out under a file",
                () -> cli("demo", "--out", FILES.get("text.lmt").resolve("sub").toString()),
                "text.lmt"));
        l.add(c(
                "validate --dataset missing",
                () -> cli("validate", "--dataset", dir.resolve("nope").toString()),
                "nope"));
        l.add(c(
                "validate --dataset a file",
                () -> cli("validate", "--dataset", FILES.get("text.lmt").toString()),
                "text.lmt"));
        l.add(c(
                "run missing script",
                () -> cli("run", dir.resolve("none.groovy").toString()),
                "none.groovy"));
        l.add(c(
                "run a folder",
                () -> cli("run", dir.toString()),
                dir.getFileName().toString()));
        l.add(c("unknown command", () -> cli("migrate"), "migrate"));
        l.add(c("unknown option", () -> cli("predict", "--sped", "1"), "--sped"));
        return l;
    }

    private static String copy(String name) {
        try {
            Path p = dir.resolve(name);
            Files.copy(
                    Cli.root().resolve("data/traces/hot-cold.lmt"),
                    p,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return p.toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static final String VM =
            "def web = vm('web') {\n  memory 1.GiB\n  profile { s 8822; sNew 2775, 1559; mw 119435 }\n}\n";

    static List<Case> scripts() {
        String[][] table = {
            {VM + "predict web, at: -5.MBps", "-5 MB/s"},
            {VM + "predict web, at: -100.MiBps, on: qemu()", "-100 MiB/s"},
            {"def m = -1.GiB", "-1 GiB"},
            {VM + "predict web, at: 100", "Integer 100"},
            {VM + "predict web, at: 0.MBps", "0"},
            {VM + "predict web, at: 1.GiB", "1 GiB"},
            {VM + "predict web, at: 'fast'", "fast"},
            {VM + "predict web, at: 1.Gbps, on: 'hyperv'", "hyperv"},
            {VM + "predict web, at: 1.Gbps, model: 'magic'", "magic"},
            {VM + "predict web, at: 1.Gbps, rate: 5", "rate"},
            {VM + "predict()", "predict()"},
            {VM + "compare()", "compare()"},
            {VM + "predict web", "'at'"},
            {VM + "predict 'web', at: 1.Gbps", "'web'"},
            {VM + "predict wbe, at: 1.Gbps", "wbe"},
            {VM + "sweep web, from: 100.MiBps, to: 10.MiBps", "10 MiB/s"},
            {VM + "sweep web, rates: []", "rates"},
            {VM + "sweep web, from: 10.MiBps, to: 100.MiBps, steps: 0", "steps"},
            {VM + "sweep web, from: 10.MiBps, to: 100.MiBps, steps: -3", "steps"},
            {VM + "rateFor web, within: -10.s", "-10s"},
            {VM + "rateFor web, within: 10", "Integer 10"},
            {VM + "choose([web], free: -1.GiB, at: 1.Gbps)", "-1 GiB"},
            {VM + "choose([web], free: 1.GiB, at: 1.Gbps, minimizing: 'cost')", "cost"},
            {VM + "xen(maxIterations: 0)", "max iterations"},
            {VM + "xen(maxIterations: -4)", "-4"},
            {VM + "qemu(downtime: -300.ms)", "-0.3s"},
            {VM + "qemu(version: '3.0')", "3.0"},
            {VM + "def x = 1.GiB + 1.s", "units never mix"},
            {VM + "def t = 10.sec", "sec"},
            {"vm('x') { memory 1.GiB; profile { s 0; sNew 1; mw 10 } }", "S"},
            {"vm('x') { memory 1.GiB; profile { s 500; sNew 1; mw 10 } }", "M_w"},
            {"vm('x') { memory 1.MiB; profile { s 1; sNew 1; mw 1000 } }", "M_w"},
            {"vm('x') { memory 1.GiB; profile { s 1; sNew -1; mw 10 } }", "sNew(-1)"},
            {"vm('x') { memory 1.GiB; profile { s 1; sNew(-1); mw 10 } }", "S_new[0]"},
            {"vm('x') { memory 1.GiB; nonZero 10000000; profile { s 1; sNew 1; mw 10 } }", "non-zero"},
            {"vm('x') { memory 1.GiB; nonZero 'lots'; profile { s 1; sNew 1; mw 10 } }", "lots"},
            {"vm('x') { memroy 1.GiB }", "memroy"},
            {"vm('x') { memory 512; profile { s 1; sNew 1; mw 1 } }", "Integer 512"},
            {"vm('x') { profile { s 1; sNew 1; mw 1 } }", "memory"},
            {"def t = trace 'no/such/file.lmt'", "no/such/file.lmt"},
            {"def t = trace 'pom.xml'", "pom.xml"},
            {"workload 'dacapo-eclipes'", "dacapo-eclipes"},
            {"predikt 5", "predikt"},
            {"def x = [1, 2", "t.groovy"},
            {VM + "if (true) {\n  predict web, at: 1.Gbps\n", "t.groovy"},
            {"def x = 5 +", "t.groovy"},
            {"def s = \"unterminated", "t.groovy"},
            {"throw new IllegalStateException('boom')", "boom"},
        };
        List<Case> out = new ArrayList<>();
        for (String[] row : table)
            out.add(c(
                    "script: " + row[0].replace(VM, "VM; ").replace("\n", "⏎"),
                    () -> script("t.groovy", row[0]),
                    row[1]));
        out.add(c(
                "script: Latin-1 bytes",
                () -> script("latin.groovy", "def s = 'caf\u00e9'\n".getBytes(StandardCharsets.ISO_8859_1)),
                "UTF-8",
                "latin.groovy"));
        out.add(c(
                "script: binary",
                () -> script("bin.groovy", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2}),
                "bin.groovy"));
        return out;
    }

    static List<Case> all() {
        List<Case> l = new ArrayList<>();
        l.addAll(predictOptions());
        l.addAll(traceFiles());
        l.addAll(traceOptions());
        l.addAll(scripts());
        return l;
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsOneLineNamingWhatWasWrong() {
        return all().stream()
                .map(k -> DynamicTest.dynamicTest(k.name(), () -> {
                    cases++;
                    STRAY.reset();
                    Outcome o = assertTimeoutPreemptively(HANG, () -> k.run().get(), () -> "hangs: " + k.name());
                    String m = o.message().strip();
                    assertThat(o.exit())
                            .as("%s: exit code (message: %s)", k.name(), m)
                            .isNotZero();
                    assertThat(m)
                            .as(k.name())
                            .isNotEmpty()
                            .doesNotContain("\n")
                            .doesNotContain("\tat ")
                            .doesNotContain("Caused by")
                            .doesNotContainPattern("java\\.[a-z]+\\.");
                    assertThat(m)
                            .as("%s names the value or file", k.name())
                            .containsAnyOf(k.mustName().toArray(String[]::new));
                    assertThat(STRAY.toString(StandardCharsets.UTF_8))
                            .as("%s: nothing else on stderr", k.name())
                            .doesNotContain("Exception");
                }));
    }

    @Test
    void theCorpusHasAtLeast300Cases() {
        assertThat(all()).hasSizeGreaterThanOrEqualTo(300);
        assertThat(all().stream().map(Case::name).distinct().count()).isEqualTo(all().size());
    }

    /** README.md prints the corpus size ("`BadInputCorpusTest` (N bad inputs"): it must be this corpus's. */
    @Test
    void theReadmeStatesTheCorpusSize() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(Cli.root().resolve("README.md"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("`BadInputCorpusTest` \\((\\d+) bad inputs")
                .matcher(readme);
        assertThat(m.find()).as("README.md names the corpus size").isTrue();
        assertThat(Integer.parseInt(m.group(1))).isEqualTo(all().size());
    }
}
