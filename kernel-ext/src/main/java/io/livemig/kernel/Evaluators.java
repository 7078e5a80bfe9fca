package io.livemig.kernel;

import io.livemig.dsl.LivemigScript;
import io.livemig.dsl.LivemigShell;
import io.livemig.kernel.display.Notebook;
import io.livemig.kernel.eval.GroovyEvaluator;
import java.util.function.Consumer;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ImportCustomizer;

/** The evaluator the kernel runs: the DSL's compiler configuration plus the notebook functions. */
public final class Evaluators {
    private Evaluators() {}

    /** Cells compile exactly like {@code livemig run} scripts ({@link LivemigShell#configuration()}), plus notebook functions. */
    public static GroovyEvaluator livemig() {
        GroovyEvaluator evaluator =
                withNotebookFunctions(LivemigShell.configuration(), LivemigShell.class.getClassLoader());
        evaluator.noteImports(LivemigShell.STAR_IMPORTS, LivemigShell.CLASS_IMPORTS);
        // the DSL's show(x) displays through the notebook instead of printing text
        Consumer<Object> show = Notebook::display;
        evaluator.binding().setVariable(LivemigScript.DISPLAY_VARIABLE, show);
        return evaluator;
    }

    /** Adds {@link Notebook}'s functions ({@code display}, an interruptible {@code sleep}) to a configuration. */
    public static GroovyEvaluator withNotebookFunctions(CompilerConfiguration config, ClassLoader parent) {
        ImportCustomizer notebook = new ImportCustomizer();
        notebook.addStaticStars(Notebook.class.getName());
        config.addCompilationCustomizers(notebook);
        return new GroovyEvaluator(config, parent);
    }
}
