package io.livemig.dsl.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.model.Prediction;
import io.livemig.model.ProposedModel;
import io.livemig.policy.Qemu;
import io.livemig.units.DataRate;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** What a reader sees: rates in MB/s as typed, whole pages, charts small enough to keep in a notebook. */
class DisplayConventionsTest {

    /** The command line prints through Tablesaw's printer; readable() gives it a notebook's numbers, data kept. */
    @Test
    void tablesawsPrinterShowsANotebooksNumbersOnceReadable() {
        Table t = Table.create(
                "t",
                DoubleColumn.create("duration_s", 5.377499999999, 0.30000000000000004, Double.POSITIVE_INFINITY),
                DoubleColumn.create("sent_pages", 68831.79330468751, 2.5, 1e-7),
                DoubleColumn.create("tiny", 1e-7, 12, Double.NaN));
        String raw = t.printAll();
        assertThat(raw).contains("68831.79330468751").contains("0.30000000000000004");
        String shown = Tables.readable(t).printAll();
        assertThat(shown)
                .contains(" 5.3775 ")
                .contains(" 0.3 ")
                .contains(" ∞ ")
                .contains(" 68832 ")
                .contains(" 1.000e-07 ")
                .contains(" 12 ")
                .doesNotContain("68831.79")
                .doesNotContain("0.30000000000000004")
                .doesNotContain("NaN");
        assertThat(t.doubleColumn("sent_pages").get(0)).isEqualTo(68831.79330468751);
    }

    @Test
    void ratesAreShownInMegabytesPerSecondAndPagesWhole() {
        Table t = Table.create(
                "t",
                DoubleColumn.create("rate_MiB_s", DataRate.ofMBps(10).mibPerSecond()),
                DoubleColumn.create("sent_pages", 65519.4392));
        String text = Tables.text(t, 20);
        assertThat(text)
                .contains("rate_MB_s")
                .doesNotContain("MiB_s")
                .contains(" 10 ")
                .doesNotContain("9.5367");
        assertThat(text).contains("65519").doesNotContain("65519.4392");
        assertThat(Tables.html(t, 20))
                .contains("<th>rate_MB_s</th>")
                .contains("<td>10</td>")
                .contains("<td>65519</td>");
        // the data itself keeps its unit and its fractions (save() writes it as it is)
        assertThat(t.doubleColumn("rate_MiB_s").get(0))
                .isEqualTo(DataRate.ofMBps(10).mibPerSecond());
    }

    @Test
    void ratesGivenInMebibytesPerSecondStayInThem() {
        Table t = Table.create(
                "t",
                DoubleColumn.create(
                        "rate_MiB_s",
                        DataRate.ofMiBps(12.5).mibPerSecond(),
                        DataRate.ofMiBps(100).mibPerSecond()));
        assertThat(Tables.text(t, 20)).contains("rate_MiB_s").contains("12.5").contains("100");
        Table mixed = Table.create(
                "t",
                DoubleColumn.create(
                        "rate_MiB_s",
                        DataRate.ofMiBps(100).mibPerSecond(),
                        DataRate.ofMBps(100).mibPerSecond()));
        assertThat(Tables.text(mixed, 20))
                .contains("rate_MB_s")
                .contains("104.8576")
                .contains(" 100");
    }

    @Test
    void aSweepAxisEchoesTheUnitOfItsRates() {
        var vm = RenderersTest.ECLIPSE;
        var model = ProposedModel.defaults();
        var policy = new Qemu(Duration.ofMillis(300), DataRate.ofMBps(1000));
        String mb = Renderers.render(new io.livemig.dsl.Sweep(java.util.List.of(
                        model.predict(vm, DataRate.ofMBps(200), policy),
                        model.predict(vm, DataRate.ofMBps(300), policy))))
                .orElseThrow()
                .svg();
        assertThat(mb).contains("migration rate (MB/s)");
        String mib = Renderers.render(new io.livemig.dsl.Sweep(java.util.List.of(
                        model.predict(vm, DataRate.ofMiBps(200), policy),
                        model.predict(vm, DataRate.ofMiBps(300), policy))))
                .orElseThrow()
                .svg();
        assertThat(mib).contains("migration rate (MiB/s)");
    }

    @Test
    void longSeriesKeepTheirEnvelopeInAFewHundredPoints() {
        double[] y = new double[2433];
        for (int i = 0; i < y.length; i++) y[i] = i % 7 == 0 ? 100 : i % 5;
        y[1234] = 1000;
        int[] shown = Charts.shownPoints(y);
        assertThat(shown.length).isLessThanOrEqualTo(Charts.MAX_POINTS + 2);
        assertThat(shown).contains(0, 1234, y.length - 1);
        assertThat(Arrays.stream(shown).mapToDouble(i -> y[i]).max().orElseThrow())
                .isEqualTo(1000);
        assertThat(Charts.shownPoints(new double[50])).hasSize(50);
    }

    @Test
    void aChartOfAMigrationThatDoesNotConvergeSaysSoInsteadOfInfinity() {
        // notebook 01: eclipse at 20 MB/s under a 30 ms downtime limit never converges
        Prediction p = ProposedModel.defaults()
                .predict(
                        RenderersTest.ECLIPSE,
                        DataRate.ofMBps(20),
                        new Qemu(Duration.ofMillis(30), DataRate.ofMBps(20)));
        assertThat(p.converged()).isFalse();
        String svg = Renderers.render(p).orElseThrow().svg();
        assertThat(svg).contains("does not converge").doesNotContain("Infinity");
    }
}
