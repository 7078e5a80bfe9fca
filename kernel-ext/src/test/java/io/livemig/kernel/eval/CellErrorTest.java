package io.livemig.kernel.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.livemig.kernel.Evaluators;
import java.util.ArrayList;
import java.util.List;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.junit.jupiter.api.Test;

class CellErrorTest {
    private final GroovyEvaluator evaluator = Evaluators.withNotebookFunctions(
            new CompilerConfiguration(), getClass().getClassLoader());

    @Test
    void repeatedGroupsOfFramesAreShownOnceWithACount() {
        List<StackTraceElement> frames = new ArrayList<>();
        frames.add(new StackTraceElement("Cell3", "top", "Cell3.groovy", 9));
        for (int i = 0; i < 50; i++) {
            frames.add(new StackTraceElement("Cell3", "ping", "Cell3.groovy", 1));
            frames.add(new StackTraceElement("Cell3", "pong", "Cell3.groovy", 2));
        }
        frames.add(new StackTraceElement("Cell3", "run", "Cell3.groovy", 3));
        assertThat(CellError.folded(frames))
                .containsExactly(
                        "at cell [3], line 9 in top()",
                        "at cell [3], line 1 in ping()",
                        "at cell [3], line 2 in pong()",
                        "... the 2 frames above repeated 49 more times",
                        "at cell [3], line 3");
    }

    @Test
    void infiniteRecursionGivesAShortTracebackAndTheLine() {
        Throwable failure = catchThrowable(() -> evaluator.eval("def down(n) { down(n + 1) }\ndown(0)", "Cell7"));
        CellError error = CellError.of(failure, "");
        assertThat(error.name()).isEqualTo("StackOverflowError");
        assertThat(error.value()).startsWith("line 1: ");
        assertThat(error.traceback())
                .hasSizeLessThan(10)
                .anyMatch(l -> l.matches("\\s*\\.\\.\\. the frame above repeated \\d+ more times"));
    }

    @Test
    void theMessageNamesTheEarlierCellWhereAMethodFailed() {
        evaluator.eval("def boom() {\n  throw new IllegalArgumentException('rate must be > 0, got 0 B/s')\n}", "Cell4");
        Throwable failure = catchThrowable(() -> evaluator.eval("def x = 1\nboom()", "Cell5"));
        assertThat(CellError.of(failure, "").value()).isEqualTo("cell [4], line 2: rate must be > 0, got 0 B/s");
        Throwable here =
                catchThrowable(() -> evaluator.eval("def y = 1\nthrow new IllegalStateException('no')", "Cell6"));
        assertThat(CellError.of(here, "").value()).isEqualTo("line 2: no");
    }

    @Test
    void anExitCallFailsTheCellInsteadOfEndingTheJvm() {
        for (String code : List.of(
                "System.exit(0)",
                "def s = System\ns.exit(1)",
                "Runtime.runtime.halt(2)",
                // statically compiled code calls the JDK directly: the exit call is rewritten when the cell compiles
                "@groovy.transform.CompileStatic\nvoid quit() { System.exit(3) }\nquit()",
                "@groovy.transform.CompileStatic\nvoid stop() { Runtime.getRuntime().halt(4) }\nstop()",
                "import static java.lang.System.exit\n@groovy.transform.CompileStatic\nvoid bye() { exit(5) }\nbye()")) {
            Throwable failure = catchThrowable(() -> evaluator.eval(code, "Cell8"));
            assertThat(failure).isInstanceOf(ExitGuard.CellExit.class);
            assertThat(CellError.of(failure, code).name()).isEqualTo("SystemExit");
        }
    }
}
