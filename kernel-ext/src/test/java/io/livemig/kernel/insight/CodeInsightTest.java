package io.livemig.kernel.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.kernel.Evaluators;
import io.livemig.kernel.eval.GroovyEvaluator;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.junit.jupiter.api.Test;

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
        assertThat(insight.inspect("rates", 5, false)
                        .getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN))
                .asString()
                .contains("java.util.ArrayList (2 elements)", "[1, 2]");
        assertThat(insight.inspect("predict", 7, false)
                        .getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN))
                .asString()
                .startsWith("predict (livemig DSL)");
    }

    @Test
    void completesClassNamesUnitsAndMembersWithoutGroovyInternals() {
        assertThat(insight.complete("new Strin", 9).getReplacements()).contains("String", "StringBuilder");
        assertThat(insight.complete("Tabl", 4).getReplacements()).contains("Table");
        assertThat(insight.complete("100.M", 5).getReplacements()).contains("MB", "MBps", "MiB", "MiBps", "Mbps");
        assertThat(insight.complete("10.", 3).getReplacements())
                .contains("s", "ms", "min", "percent")
                .doesNotContain("S", "plus", "leftShift", "isCase", "getMetaClass", "with", "identity");
        evaluator.eval("def web = vm('web') { memory 1.GiB; profile { s 8822; sNew 2775; mw 119435 } }", "Cell2");
        assertThat(insight.complete("web.", 4).getReplacements())
                .contains("memory", "profile", "name")
                .doesNotContain("getMetaClass", "invokeMethod", "with", "identity", "hashCode", "wait")
                .hasSizeLessThan(20);
    }

    @Test
    void inspectsScriptClassAndCellMethodsAndRecordFigures() {
        assertThat(text(insight.inspect("println", 7, false))).contains("println(Object) -> void");
        assertThat(text(insight.inspect("Math.max", 8, false))).contains("max(int, int) -> int");
        evaluator.eval("def twice(int n) { n * 2 }", "Cell3");
        assertThat(text(insight.inspect("twice", 5, false))).contains("twice(int) -> Object");
        evaluator.eval(
                "def web = vm('web') { memory 1.GiB; profile { s 8822; sNew 2775; mw 119435 } }\n"
                        + "p = predict web, at: 100.MBps, on: xen()",
                "Cell4");
        assertThat(text(insight.inspect("p.migrationSeconds()", 18, false)))
                .contains("migrationSeconds() -> double")
                .containsPattern("= \\d+\\.\\d+");
        assertThat(insight.help("predict")).startsWith("predict (livemig DSL)");
    }

    private static String text(org.dflib.jjava.jupyter.kernel.display.DisplayData data) {
        return String.valueOf(data.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
    }
}
