package io.livemig.kernel;

import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ImportCustomizer;

/** The evaluator the kernel runs: the DSL's compiler configuration plus the notebook functions. */
public final class Evaluators {
    private Evaluators() {
    }

    public static GroovyEvaluator livemig() {
        return withNotebookFunctions(new CompilerConfiguration());
    }

    /** Adds {@link Notebook}'s functions ({@code display}, an interruptible {@code sleep}) to a configuration. */
    public static GroovyEvaluator withNotebookFunctions(CompilerConfiguration config) {
        ImportCustomizer notebook = new ImportCustomizer();
        notebook.addStaticStars(Notebook.class.getName());
        config.addCompilationCustomizers(notebook);
        return new GroovyEvaluator(config, Evaluators.class.getClassLoader());
    }
}
