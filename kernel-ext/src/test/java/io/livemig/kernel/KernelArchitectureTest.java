package io.livemig.kernel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The kernel's packages form layers: {@code eval} (no Jupyter) under {@code insight}, {@code display},
 * {@code magic} and {@code channel}; the adapter {@code kernel} over them; {@code process} and {@code cli} on top.
 */
class KernelArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.livemig.kernel");

    @Test
    void packagesHaveNoCycles() {
        // every package is its own slice, the adapter package io.livemig.kernel included
        slices().matching("io.livemig.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void evaluationKnowsNothingOfJupyterOrTheAdapter() {
        noClasses()
                .that()
                .resideInAPackage("io.livemig.kernel.eval..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.dflib..",
                        "io.livemig.kernel",
                        "io.livemig.kernel.channel..",
                        "io.livemig.kernel.display..",
                        "io.livemig.kernel.magic..",
                        "io.livemig.kernel.insight..",
                        "io.livemig.kernel.process..")
                .check(classes);
    }

    @Test
    void onlyTheLauncherAndTheCommandLineSitAboveTheAdapter() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.livemig.kernel.channel..",
                        "io.livemig.kernel.display..",
                        "io.livemig.kernel.magic..",
                        "io.livemig.kernel.insight..",
                        "io.livemig.kernel.eval..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.livemig.kernel", "io.livemig.kernel.process..", "io.livemig.kernel.cli..")
                .check(classes);
    }
}
