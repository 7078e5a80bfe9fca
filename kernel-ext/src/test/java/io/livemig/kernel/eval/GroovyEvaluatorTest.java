package io.livemig.kernel.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livemig.kernel.Evaluators;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.junit.jupiter.api.Test;

class GroovyEvaluatorTest {
    private final GroovyEvaluator evaluator = Evaluators.withNotebookFunctions(
            new CompilerConfiguration(), getClass().getClassLoader());
    private int cells;

    private Object eval(String code) {
        return evaluator.eval(code, GroovyEvaluator.CELL_CLASS_PREFIX + (++cells));
    }

    @Test
    void defTypedAndUntypedVariablesSurviveToLaterCells() {
        eval("def a = 40\nint b = 2.9\nc = 'x'");
        assertThat(eval("a + b")).isEqualTo(42);
        assertThat(eval("c")).isEqualTo("x");
    }

    @Test
    void multipleAssignmentDeclarationsBecomeBindingWrites() {
        eval("def (p, q) = [1, 2]");
        assertThat(eval("p + q")).isEqualTo(3);
    }

    @Test
    void fieldAnnotatedDeclarationsStayScriptFields() {
        assertThat(eval("import groovy.transform.Field\n@Field int hidden = 1\nhidden"))
                .isEqualTo(1);
        assertThat(evaluator.binding().hasVariable("hidden")).isFalse();
    }

    @Test
    void methodsClassesAndImportsSurviveToLaterCells() {
        eval("def twice(n) { n * 2 }");
        eval("class Box { int v }");
        eval("import java.util.concurrent.atomic.AtomicLong");
        assertThat(eval("twice(new Box(v: 20).v) + new AtomicLong(2).get()")).isEqualTo(42L);
    }

    @Test
    void aCellEndingInADeclarationOrAssignmentHasNoValue() {
        assertThat(eval("def x = 5")).isNull();
        assertThat(eval("x = 6")).isNull();
        assertThat(eval("x")).isEqualTo(6);
    }

    @Test
    void aCellOfOnlyClassesDefinesThemWithoutRunning() {
        assertThat(eval("class OnlyAClass { String hi() { 'hi' } }")).isNull();
        assertThat(eval("new OnlyAClass().hi()")).isEqualTo("hi");
    }

    @Test
    void compileErrorsCarryTheCellLineAndColumn() {
        assertThatThrownBy(() -> eval("def ok = 1\ndef bad = ok +* 2"))
                .isInstanceOf(MultipleCompilationErrorsException.class)
                .satisfies(e -> assertThat(
                                CellError.of(e, "def ok = 1\ndef bad = ok +* 2").value())
                        .startsWith("line 2, column "));
    }

    @Test
    void interruptStopsABusyLoopAndTheNextCellRuns() throws Exception {
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                eval("while (true) { }");
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        while (evaluator.runningThread() == null) {
            Thread.sleep(10);
        }
        evaluator.interrupt();
        assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(eval("1 + 1")).isEqualTo(2);
    }

    /**
     * An interrupt while a cell still compiles (a first cell, while Groovy loads) stops it before it runs. It used to
     * be lost: nothing ran yet to interrupt, the cell then looped forever on the kernel's one cell thread, and every
     * later cell queued behind it (KernelConformanceIT's InterruptFirstCell, now and then under load).
     */
    @Test
    void anInterruptWhileACellCompilesStopsItBeforeItRuns() throws Exception {
        java.util.concurrent.CountDownLatch compiling = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch interrupted = new java.util.concurrent.CountDownLatch(1);
        CompilerConfiguration config = new CompilerConfiguration();
        config.addCompilationCustomizers(new CompilationCustomizer(CompilePhase.CONVERSION) {
            @Override
            public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
                if (!source.getName().contains("Held")) return;
                compiling.countDown();
                try {
                    interrupted.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new AssertionError("the compile itself was interrupted", e);
                }
            }
        });
        GroovyEvaluator held =
                Evaluators.withNotebookFunctions(config, getClass().getClassLoader());
        CompletableFuture<Object> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                return held.eval("ran = true; 42", GroovyEvaluator.CELL_CLASS_PREFIX + "Held1");
            } catch (Throwable t) {
                return t;
            }
        });
        assertThat(compiling.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(held.runningThread()).as("nothing runs yet").isNull();
        held.interrupt();
        interrupted.countDown();
        assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(held.binding().hasVariable("ran")).as("the cell did not run").isFalse();
        assertThat(held.eval("1 + 1", GroovyEvaluator.CELL_CLASS_PREFIX + 2)).isEqualTo(2);
    }

    /** The kernel's own record of an interrupt (taken before the evaluator saw the cell) stops it before it runs. */
    @Test
    void aStopRequestedBeforeTheEvaluatorSawTheCellStopsItBeforeItRuns() {
        assertThatThrownBy(
                        () -> evaluator.eval("ran = true", GroovyEvaluator.CELL_CLASS_PREFIX + (++cells), () -> true))
                .isInstanceOf(InterruptedException.class);
        assertThat(evaluator.binding().hasVariable("ran")).isFalse();
        assertThat(evaluator.eval("1 + 1", GroovyEvaluator.CELL_CLASS_PREFIX + (++cells), () -> false))
                .isEqualTo(2);
    }

    @Test
    void groovySleepIsInterruptibleInCells() throws Exception {
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                eval("sleep(600000)");
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        while (evaluator.runningThread() == null) {
            Thread.sleep(10);
        }
        Thread.sleep(100);
        evaluator.interrupt();
        assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
    }

    @Test
    void runtimeTracesKeepCellFramesAndDropTheEvaluators() {
        Throwable failure = null;
        try {
            eval("def boom() { throw new IllegalStateException('no') }\nboom()");
        } catch (Throwable t) {
            failure = t;
        }
        CellError error = CellError.of(failure, "");
        assertThat(error.name()).isEqualTo("IllegalStateException");
        assertThat(error.traceback())
                .containsSequence(List.of(
                        "IllegalStateException: no",
                        "    at cell [" + cells + "], line 1 in boom()",
                        "    at cell [" + cells + "], line 2"));
        assertThat(String.join("\n", error.traceback()))
                .doesNotContain("io.livemig.kernel", "org.codehaus.groovy", "junit");
    }

    /**
     * Groovy parses the sources of one compilation in parallel on the common fork-join pool (a cell that uses
     * Groovy sources from an added jar is such a compilation), and the parser threads load classes through the
     * cell loader. So a compile must not hold the loader's monitor: it deadlocked the kernel in CI. Here a
     * customizer loads a class from another thread in the middle of a compile, as a parser thread would.
     */
    @Test
    void otherThreadsCanLoadClassesWhileACellCompiles() {
        CompilerConfiguration config = new CompilerConfiguration();
        GroovyEvaluator[] holder = new GroovyEvaluator[1];
        config.addCompilationCustomizers(new CompilationCustomizer(CompilePhase.CONVERSION) {
            @Override
            public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
                ExecutorService other = Executors.newSingleThreadExecutor();
                try {
                    other.submit(() -> holder[0].classLoader().loadClass("java.util.concurrent.atomic.LongAdder"))
                            .get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError("another thread could not load a class while a cell compiled", e);
                } finally {
                    other.shutdownNow();
                }
            }
        });
        holder[0] = Evaluators.withNotebookFunctions(config, getClass().getClassLoader());
        assertThat(holder[0].eval("6 * 7", GroovyEvaluator.CELL_CLASS_PREFIX + 1))
                .isEqualTo(42);
    }
}
