package io.livemig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.livemig.validate.MeasuredRun;
import io.livemig.validate.Validation;
import io.livemig.validate.ValidationResult;
import io.livemig.validate.Variants;
import io.livemig.validate.WorkloadParams;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValidateCommandTest {
    static final WorkloadParams ECLIPSE = new WorkloadParams(
            "dacapo-eclipse",
            8822,
            new double[] {2775, 1559, 1292, 839, 1038, 864, 743, 658, 592, 533},
            20000,
            3000,
            2000,
            8000,
            1500,
            119435,
            4000,
            4000);

    @Test
    void jsonHasTheDocumentedShape() {
        List<MeasuredRun> runs = List.of(
                new MeasuredRun("dacapo-eclipse", "DaCapo", 1024, 413, 50, false, 10, 40, 30, true, true, ECLIPSE),
                new MeasuredRun("dacapo-eclipse", "DaCapo", 1024, 720, 87.5, false, 10, 20, 10, true, false, ECLIPSE));
        ValidationResult r = Validation.run(runs, Map.of(), List.of(Variants.proposedNoSkip(1, 0)), Set.of());
        JsonObject o = JsonParser.parseString(ValidateCommand.toJson(r)).getAsJsonObject();
        assertThat(o.keySet()).containsExactly("variants", "reference_match");
        JsonObject v = o.getAsJsonArray("variants").get(0).getAsJsonObject();
        assertThat(v.keySet())
                .containsExactly(
                        "name",
                        "hypervisor",
                        "rows",
                        "p90_time_pct",
                        "p90_time_s",
                        "p90_traffic_mb",
                        "p90_downtime_s",
                        "cross_validated");
        assertThat(v.get("name").getAsString()).isEqualTo("proposed_noskip_eff");
        assertThat(v.get("rows").getAsInt()).isEqualTo(361);
        assertThat(o.getAsJsonArray("variants")).hasSize(2); // the 361- and the 371-row set
    }

    @Test
    void missingDatasetIsAOneLineUsageError() {
        Cli.Result r = Cli.run("validate", "--dataset", "no-such-dir", "--json");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no-such-dir").doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void predictJsonIsOneDocumentWithTotalsAndRows() {
        Cli.Result r = Cli.run(
                "predict",
                "--memory",
                "1GiB",
                "--rate",
                "100MBps",
                "--policy",
                "xen-noskip",
                "--s",
                "8822",
                "--s-new",
                "2775,1559,1292,839,1038,864,743,658,592,533",
                "--mw",
                "119435",
                "--json");
        assertThat(r.exitCode()).isZero();
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertThat(o.get("policy").getAsString()).isEqualTo("xen-legacy(no skip)");
        assertThat(o.getAsJsonArray("rows").size())
                .isEqualTo(o.get("iterations").getAsInt() + 1);
        assertThat(o.get("migration_s").getAsDouble()).isPositive();
    }

    @Test
    void predictRejectsANonPositiveRateNamingIt() {
        Cli.Result r =
                Cli.run("predict", "--memory", "1GiB", "--rate", "0MBps", "--s", "10", "--s-new", "1", "--mw", "100");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("rate");
    }
}
