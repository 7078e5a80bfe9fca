package io.livemig;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one place tests learn where the measured dataset is: {@code $LIVEMIG_DATASET}, else
 * {@code <repo root>/../shared/datasets/nathan-socc15}. When it is missing, tests fail under {@code CI=true} and are
 * aborted (skipped, with a message on stderr) otherwise.
 */
public final class TestData {
    private TestData() {}

    public static Path datasetDir() {
        String env = System.getenv("LIVEMIG_DATASET");
        Path dir;
        if (env != null && !env.isBlank()) {
            dir = Path.of(env);
        } else {
            String root = System.getProperty("livemig.root");
            Path base = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
            if (root == null && Files.isRegularFile(base.resolve("../pom.xml"))) base = base.resolve("..");
            dir = base.resolve("../shared/datasets/nathan-socc15").normalize();
        }
        if (!Files.isDirectory(dir)) {
            String msg = "measured dataset not found at " + dir + "; set LIVEMIG_DATASET or place it at ../shared/datasets/nathan-socc15";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new AssertionError(msg);
            System.err.println("SKIPPED: " + msg);
            Assumptions.abort(msg);
        }
        return dir;
    }
}
