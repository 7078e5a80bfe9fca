package io.livemig.dsl.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.model.Prediction;
import io.livemig.model.ProposedModel;
import io.livemig.policy.XenLegacy;
import io.livemig.profile.LinearDirtyProfile;
import io.livemig.profile.Vm;
import io.livemig.units.DataRate;
import io.livemig.units.DataSize;
import java.util.List;
import java.util.stream.IntStream;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class RenderersTest {
    static final Vm ECLIPSE = Vm.of(
            "eclipse",
            DataSize.ofGiB(1),
            LinearDirtyProfile.paper(
                    8822, new double[] {2775, 1559, 1292, 839, 1038, 864, 743, 658, 592, 533}, 119435));

    static Prediction prediction() {
        return ProposedModel.defaults().predict(ECLIPSE, DataRate.ofMiBps(100), XenLegacy.xen4_x());
    }

    static Table numbers(int rows) {
        return Table.create(
                "numbers",
                IntColumn.create("n", IntStream.range(0, rows).toArray()),
                DoubleColumn.create(
                        "half",
                        IntStream.range(0, rows).mapToDouble(i -> i / 2.0).toArray()));
    }

    @Test
    void aTableIsCappedWithTheCountOfHiddenRows() {
        Rendered r = Renderers.render(numbers(25), 20).orElseThrow();
        assertThat(r.text())
                .contains("numbers")
                .contains("… 5 more rows")
                .contains("19")
                .doesNotContain("\n   20  ");
        assertThat(r.html())
                .startsWith("<table class=\"livemig-table\">")
                .contains("<caption>numbers</caption>")
                .contains("<th>half</th>")
                .contains("<td>9.5</td>")
                .contains("… 5 more rows")
                .doesNotContain("<td>20</td>");
        assertThat(r.svg()).isNull();
        assertThat(r.png()).isNull();
    }

    @Test
    void aShortTableShowsEveryRowAndNoMoreLine() {
        Rendered r = Renderers.render(numbers(3)).orElseThrow();
        assertThat(r.text()).doesNotContain("more row");
        assertThat(r.html()).doesNotContain("more row");
        assertThat(r.text().lines().count()).isEqualTo(1 + 2 + 3);
    }

    @Test
    void htmlEscapesCellText() {
        Table t = Table.create("a<b", StringColumn.create("s", List.of("<script>&")));
        assertThat(Renderers.render(t).orElseThrow().html())
                .contains("a&lt;b")
                .contains("&lt;script&gt;&amp;")
                .doesNotContain("<script>");
    }

    @Test
    void aPredictionHasItsSummaryTableAndChart() {
        Prediction p = prediction();
        Rendered r = Renderers.render(p).orElseThrow();
        assertThat(r.text()).startsWith(p.toString()).contains("sent_pages").contains("stop_and_copy");
        assertThat(r.html()).contains("<table").contains("<svg");
        assertThat(r.svg())
                .startsWith("<svg")
                .contains("proposed · eclipse @ 100 MiB/s")
                .contains("data (MiB)")
                .doesNotContain("<script")
                .doesNotContain("http://cdn")
                .doesNotContain("https://");
        assertPng(r.png());
    }

    @Test
    void aChartRendersAsSvgAndPng() {
        JFreeChart c = Charts.lines(
                "t", "x (s)", "y (MiB)", List.of(new Charts.Series("a", new double[] {1, 2}, new double[] {3, 4})));
        Rendered r = Renderers.render(c).orElseThrow();
        assertThat(r.text()).isEqualTo("chart: t");
        assertThat(r.svg()).startsWith("<svg").contains("x (s)").contains("y (MiB)");
        assertThat(r.html()).contains(r.svg());
        assertPng(r.png());
    }

    @Test
    void twoSvgsOnOnePageDoNotShareIds() {
        JFreeChart c =
                Charts.lines("t", "x", "y", List.of(new Charts.Series("a", new double[] {1, 2}, new double[] {3, 4})));
        String a = Charts.svg(c), b = Charts.svg(c);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void aVmAndAProfileRenderTheirDirtyCurve() {
        Rendered vm = Renderers.render(ECLIPSE).orElseThrow();
        assertThat(vm.text())
                .startsWith("vm 'eclipse': memory 1 GiB (262144 pages of 4096 B)")
                .contains("M_w = 119435 pages");
        assertThat(vm.svg()).contains("M_w (cap)");
        Rendered profile = Renderers.render(ECLIPSE.profile()).orElseThrow();
        assertThat(profile.text()).contains("interval_s").contains("… ");
    }

    @Test
    void aListOfPredictionsIsASummaryTable() {
        Prediction p = prediction();
        Rendered r = Renderers.render(List.of(p, p)).orElseThrow();
        assertThat(r.text()).contains("migration_s").contains("proposed");
    }

    @Test
    void aRenderableComposesSummaryTablesAndCharts() {
        Renderable mine = new Renderable() {
            @Override
            public String summary() {
                return "two tables";
            }

            @Override
            public Table toTable() {
                return numbers(2);
            }

            @Override
            public List<Table> tables() {
                return List.of(numbers(2), numbers(3).setName("more"));
            }
        };
        Rendered r = Renderers.render(mine).orElseThrow();
        assertThat(r.text()).startsWith("two tables\n\nnumbers").contains("\nmore\n");
        assertThat(r.html()).contains("<caption>more</caption>");
        assertThat(r.svg()).isNull();
    }

    @Test
    void valuesWithoutARenderingAreEmpty() {
        assertThat(Renderers.render("text")).isEmpty();
        assertThat(Renderers.render(null)).isEmpty();
        assertThat(Renderers.render(List.of())).isEmpty();
        assertThat(Renderers.text(42)).isEqualTo("42");
    }

    @Test
    void numbersPrintWithAtMostFourDecimals() {
        assertThat(Tables.number(3)).isEqualTo("3");
        assertThat(Tables.number(2.979611442)).isEqualTo("2.9796");
        assertThat(Tables.number(0.5)).isEqualTo("0.5");
        assertThat(Tables.number(Double.POSITIVE_INFINITY)).isEqualTo("∞");
        assertThat(Tables.number(1.5e-7)).isEqualTo("1.500e-07");
    }

    static void assertPng(byte[] png) {
        assertThat(png).isNotNull();
        assertThat(png.length).isGreaterThan(1000);
        assertThat(new byte[] {png[1], png[2], png[3]}).isEqualTo(new byte[] {'P', 'N', 'G'});
    }
}
