package io.livemig.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.TestData;
import io.livemig.dsl.render.Rendered;
import io.livemig.dsl.render.Renderers;
import io.livemig.profile.Vm;
import io.livemig.validate.Dataset;
import io.livemig.validate.MeasuredRun;
import io.livemig.validate.Validation;
import io.livemig.validate.ValidationResult;
import io.livemig.validate.Variants;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code validate} and {@code workload} on the measured dataset give what the core gives, and render. */
class ValidateGoldenTest {
    static Path dataset;
    static String dir;

    @BeforeAll
    static void locate() {
        dataset = TestData.datasetDir();
        dir = dataset.toString().replace("\\", "/");
    }

    @Test
    void validateRunsTheCoreValidation() {
        ValidationResult r = (ValidationResult) Scripts.eval(
                "validate dataset: '" + dir + "', variants: ['proposed_noskip', 'existing_kvm_infocom_pacer10']");
        ValidationResult expected = Validation.run(
                Dataset.load(dataset),
                List.of(Variants.named("proposed_noskip"), Variants.named("existing_kvm_infocom_pacer10")));
        assertThat(r.summary().toString()).isEqualTo(expected.summary().toString());
        assertThat(r.referenceMatch()).isEqualTo(expected.referenceMatch());

        Rendered shown = Renderers.render(r).orElseThrow();
        assertThat(shown.text())
                .startsWith("validation: 2 variants over ")
                .contains("p90_time_pct")
                .contains("… ");
        assertThat(shown.svg())
                .contains("Predicted against measured migration time")
                .contains("proposed_noskip");
        assertThat(shown.html()).contains("Error CDF: relative error of migration time");
    }

    @Test
    void workloadIsTheDatasetsVm() {
        Vm vm = (Vm) Scripts.eval("workload 'dacapo-eclipse'");
        MeasuredRun run = Dataset.load(dataset).runs().stream()
                .filter(r -> r.workload().equals("dacapo-eclipse"))
                .findFirst()
                .orElseThrow();
        assertThat(vm).isEqualTo(Variants.vm(run, Variants.paperProfile(run.params())));
    }

    @Test
    void anUnknownWorkloadNamesSomeKnownOnes() {
        ScriptFailure f = Scripts.failure("def a = 1\nworkload 'dacapo-eclipes'");
        assertThat(f.getMessage())
                .startsWith(
                        "test.groovy:2: workload(): unknown workload 'dacapo-eclipes'; expected one of dacapo-avrora, ");
    }
}
