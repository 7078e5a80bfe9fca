package io.livemig.bench;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import groovy.lang.Script;
import io.livemig.dsl.LivemigShell;
import io.livemig.dsl.render.Rendered;
import io.livemig.dsl.render.Renderers;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The DSL's per-script costs in a warm JVM (what a notebook cell or a second script pays once the JVM is up):
 * compiling a script with the shared {@link LivemigShell} configuration, running a prediction script, and rendering
 * a prediction (text, HTML, SVG and PNG). Cold start is measured by {@code bench/startup.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScriptBenchmark {
    static final String ONE_LINE = "println 1.GiB + 512.MiB";
    static final String PREDICTION = """
            def web = vm('web') {
                memory 1.GiB
                profile { s 8822; sNew 2775, 1559, 1292, 839, 1038, 864, 743, 658, 592, 533; mw 108780 }
            }
            predict web, at: 100.MiBps, on: xen()
            """;

    GroovyShell shell;
    Object prediction;
    int n;

    @Setup
    public void setUp() {
        shell = LivemigShell.shell(new Binding());
        prediction = shell.parse(PREDICTION, "setup.groovy").run();
    }

    /** Compile a one-line script (parse, base class, imports, extension methods resolved at run time). */
    @Benchmark
    public Script compileOneLine() {
        return shell.parse(ONE_LINE, "one" + (n++) + ".groovy");
    }

    /** Compile the six-line prediction script (a closure DSL block and named arguments). */
    @Benchmark
    public Script compilePrediction() {
        return shell.parse(PREDICTION, "p" + (n++) + ".groovy");
    }

    /** Compile and run it: the VM spec, the proposed model on Xen (29 iterations). */
    @Benchmark
    public Object compileAndRunPrediction() {
        return shell.parse(PREDICTION, "r" + (n++) + ".groovy").run();
    }

    /** Render a prediction for the kernel: text, HTML table, SVG chart and PNG chart. */
    @Benchmark
    public Rendered renderPrediction() {
        return Renderers.render(prediction).orElseThrow();
    }
}
