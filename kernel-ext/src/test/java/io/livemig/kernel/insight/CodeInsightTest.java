package io.livemig.kernel.insight;

import io.livemig.kernel.Evaluators;
import io.livemig.kernel.eval.GroovyEvaluator;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CodeInsightTest {
    private final GroovyEvaluator evaluator = Evaluators.livemig();
    private final CodeInsight insight = new CodeInsight(evaluator, new MagicsRegistry());

    @Test
    void classifiesCompleteUnfinishedAndInvalidCells() {
        assertThat(insight.isComplete("def x = 1\nx + 1")).isEqualTo(BaseKernel.IS_COMPLETE_YES);
        assertThat(insight.isComplete("vm('web') {\n  memory 1.GiB")).isEqualTo("    ");
        assertThat(insight.isComplete("def s = '''abc")).isEqualTo("    ");
        assertThat(insight.isComplete("def total = 1 +")).isEqualTo("    ");
        assertThat(insight.isComplete("foo())")).isEqualTo(BaseKernel.IS_COMPLETE_BAD);
        assertThat(insight.isComplete("1 +* 2")).isEqualTo(BaseKernel.IS_COMPLETE_BAD);
    }

    @Test
    void completesVariablesDslVerbsAndMembers() {
        evaluator.eval("def webVm = 'w'", "Cell1");
        assertThat(insight.complete("web", 3).getReplacements()).contains("webVm");
        assertThat(insight.complete("pred", 4).getReplacements()).contains("predict");
        assertThat(insight.complete("xen", 3).getReplacements()).contains("xen", "xenNoSkip", "xenV2");
        assertThat(insight.complete("webVm.toUpp", 11).getReplacements()).containsExactly("toUpperCase");
    }

    @Test
    void inspectsAValueAndADslVerb() {
        evaluator.eval("def rates = [1, 2]", "Cell1");
        assertThat(insight.inspect("rates", 5, false).getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN))
                .asString().contains("java.util.ArrayList (2 elements)", "[1, 2]");
        assertThat(insight.inspect("predict", 7, false).getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN))
                .asString().startsWith("predict (livemig DSL)");
    }
}
