package io.livemig.lab;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one gate of the tests that need the real lab: what {@code livemig lab doctor} finds missing aborts the test
 * visibly (stderr) on a developer machine and fails it under {@code CI=true}, where lab/install.sh has run.
 */
final class LabTests {
    private LabTests() {}

    static void requireLab() {
        List<Doctor.Check> missing =
                Doctor.checks().stream().filter(c -> !c.ok()).toList();
        if (missing.isEmpty()) return;
        String msg = "livemig lab: cannot run here: "
                + missing.stream().map(Doctor.Check::line).collect(Collectors.joining("; "));
        if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(msg);
        System.err.println("*** " + msg + ": test aborted ***");
        Assumptions.abort(msg);
    }

    /** Fails under CI, aborts visibly elsewhere, when {@code tool} is missing. */
    static void requireTool(String tool) {
        if (Host.which(tool).isPresent()) return;
        String msg = "livemig lab: " + tool + " not found (bash lab/install.sh installs it)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(msg);
        System.err.println("*** " + msg + ": test aborted ***");
        Assumptions.abort(msg);
    }
}
