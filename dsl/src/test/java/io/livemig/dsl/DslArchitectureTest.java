package io.livemig.dsl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The DSL's packages (and the command line beside them) depend on each other without cycles. */
class DslArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.livemig.dsl", "io.livemig.cli");

    @Test
    void packagesHaveNoCycles() {
        // every package is its own slice: io.livemig.dsl, io.livemig.dsl.render, io.livemig.dsl.units, io.livemig.cli
        slices().matching("io.livemig.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void renderingAndUnitsDoNotReachBackIntoTheScriptLayer() {
        noClasses()
                .that()
                .resideInAnyPackage("io.livemig.dsl.render..", "io.livemig.dsl.units..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.livemig.cli..")
                .check(classes);
    }
}
