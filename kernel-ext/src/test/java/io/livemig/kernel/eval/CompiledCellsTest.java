package io.livemig.kernel.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livemig.kernel.Evaluators;
import java.nio.file.Path;
import java.util.List;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A repeated cell reuses its bytecode and must behave exactly as a fresh compile of it would. */
class CompiledCellsTest {

    /** Counts the scripts the compiler sees, i.e. the cells that were really compiled. */
    private static final class CompileCounter extends CompilationCustomizer {
        int scripts;

        CompileCounter() {
            super(CompilePhase.CONVERSION);
        }

        @Override
        public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
            if (classNode.isScript()) {
                scripts++;
            }
        }
    }

    private final CompileCounter counter = new CompileCounter();
    private final GroovyEvaluator evaluator = evaluator(counter);
    private int cells;

    private static GroovyEvaluator evaluator(CompileCounter counter) {
        CompilerConfiguration config = new CompilerConfiguration();
        config.addCompilationCustomizers(counter);
        return Evaluators.withNotebookFunctions(config, CompiledCellsTest.class.getClassLoader());
    }

    private Object eval(String code) {
        return evaluator.eval(code, GroovyEvaluator.CELL_CLASS_PREFIX + (++cells));
    }

    @Test
    void aRepeatedCellRunsAgainWithoutCompiling() {
        eval("counter = 0");
        for (int i = 0; i < 3; i++) {
            eval("counter = counter + 1");
        }
        assertThat(eval("counter")).isEqualTo(3);
        assertThat(counter.scripts).isEqualTo(3);
    }

    @Test
    void aRepeatedCellIsNamedLikeAFreshCompileOfTheCurrentCell() {
        String code = "[this.class.name, new Throwable().stackTrace.find { it.fileName?.startsWith('Cell') }.fileName,"
                + " ({ -> 1 }).getClass().name, this.class.declaredMethods*.name.findAll { it == 'helper' }]\n"
                + "def helper() { 1 }";
        eval(code);
        eval(code);
        Object reused = evaluator.eval(code, "Cell7");
        assertThat(counter.scripts).isEqualTo(1);
        Object fresh = evaluator(new CompileCounter()).eval(code, "Cell7");
        assertThat(reused)
                .isEqualTo(fresh)
                .isEqualTo(List.of("Cell7", "Cell7.groovy", "Cell7$_run_closure2", List.of("helper")));
    }

    @Test
    void aRepeatedCellsErrorNamesTheCurrentCell() {
        String code = "def f = { noSuchThing }\nf()";
        assertThatThrownBy(() -> eval(code)).hasMessageContaining("Cell1");
        Throwable second = org.assertj.core.api.Assertions.catchThrowable(() -> eval(code));
        assertThat(second).hasMessageContaining("Cell2").hasMessageNotContaining("Cell1");
        assertThat(CellError.of(second, code).traceback())
                .anyMatch(line -> line.contains("cell [2], line 1 in a closure"))
                .noneMatch(line -> line.contains("cell [1]"));
        assertThat(counter.scripts).isEqualTo(1);
    }

    @Test
    void aRepeatedCellStartsWithFreshStaticState() {
        String code = "import groovy.transform.Field\n@Field static int runs = 0\nruns++\nruns";
        assertThat(eval(code)).isEqualTo(1);
        assertThat(eval(code)).isEqualTo(1);
    }

    @Test
    void aDeclaredClassMakesCellsCompileAgain() {
        String code = "Thing.NAME";
        assertThatThrownBy(() -> eval(code)).hasMessageContaining("Thing");
        eval("class Thing { static String NAME = 'thing' }");
        assertThat(eval(code)).isEqualTo("thing");
    }

    @Test
    void aNewImportMakesCellsCompileAgain() {
        String code = "AtomicLong.simpleName";
        assertThatThrownBy(() -> eval(code)).hasMessageContaining("AtomicLong");
        eval("import java.util.concurrent.atomic.AtomicLong");
        assertThat(eval(code)).isEqualTo("AtomicLong");
    }

    @Test
    void aJarOrDirectoryJoiningTheClassPathMakesCellsCompileAgain(@TempDir Path classes) {
        String code = "Helper.NAME";
        assertThatThrownBy(() -> eval(code)).hasMessageContaining("Helper");
        CompilerConfiguration config = new CompilerConfiguration();
        config.setTargetDirectory(classes.toFile());
        CompilationUnit unit = new CompilationUnit(config);
        unit.addSource("Helper.groovy", "class Helper { static String NAME = 'helper' }");
        unit.compile();
        evaluator.addClasspath(classes);
        assertThat(eval(code)).isEqualTo("helper");
    }

    @Test
    void codeRunByMagicsCompilesEachTime() {
        evaluator.eval("1", "helper_1");
        evaluator.eval("1", "helper_1");
        assertThat(counter.scripts).isEqualTo(2);
    }

    @Test
    void onlyNotebookCellNamesAreKept() {
        assertThat(CompiledCells.isCellName("Cell12")).isTrue();
        assertThat(CompiledCells.isCellName("Cell")).isFalse();
        assertThat(CompiledCells.isCellName("Cell1a")).isFalse();
        assertThat(CompiledCells.isCellName("load_x_1")).isFalse();
    }
}
