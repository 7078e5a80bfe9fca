package io.livemig;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The core's declared structure (docs/architecture.md): a package depends only on packages above it. */
class ArchitectureTest {
    /** The declared order, top first: the same table as docs/architecture.md. */
    static final List<String> ORDER = List.of(
            "io.livemig",
            "io.livemig.units",
            "io.livemig.qmp",
            "io.livemig.profile",
            "io.livemig.policy",
            "io.livemig.model",
            "io.livemig.trace",
            "io.livemig.sim",
            "io.livemig.plan",
            "io.livemig.evaluate",
            "io.livemig.record",
            "io.livemig.validate");

    static JavaClasses core;

    @BeforeAll
    static void load() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.livemig");
    }

    @Test
    void corePackagesHaveNoCycles() {
        slices().matching("io.livemig.(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void everyCorePackageHasAPlaceInTheDeclaredOrder() {
        Set<String> packages = new TreeSet<>();
        for (JavaClass c : core) packages.add(c.getPackageName());
        assertThat(ORDER)
                .as("add new core packages to ArchitectureTest.ORDER and docs/architecture.md")
                .containsAll(packages);
    }

    @Test
    void aPackageDependsOnlyOnPackagesAboveIt() {
        for (int i = 0; i < ORDER.size(); i++) {
            String[] below = ORDER.subList(i + 1, ORDER.size()).toArray(String[]::new);
            if (below.length == 0) continue;
            noClasses()
                    .that()
                    .resideInAPackage(ORDER.get(i))
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(below)
                    .because("docs/architecture.md declares " + ORDER.get(i) + " above " + String.join(", ", below))
                    .check(core);
        }
    }

    @Test
    void theCoreHasNoGroovyAndNoJupyter() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("groovy..", "org.codehaus.groovy..", "org.apache.groovy..", "org.dflib.jjava..")
                .check(core);
    }
}
