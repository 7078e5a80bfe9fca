package io.livemig.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executes every notebook in {@code notebooks/} with nbclient on the kernel; a notebook that raises, or whose tagged
 * tables and {@code image/svg+xml} charts are missing, or that does not export to HTML with its charts, fails.
 */
class NotebooksIT {

    @Test
    void everyTutorialNotebookRunsAndShowsItsTablesAndCharts(@TempDir Path tmp) throws Exception {
        JupyterClients.requireModules("nbclient", "nbformat", "nbconvert");
        Path notebooks = JupyterClients.root().resolve("notebooks");
        assertThat(notebooks).isDirectory();
        long count;
        try (var files = Files.list(notebooks)) {
            count = files.filter(p -> p.toString().endsWith(".ipynb")).count();
        }
        String out = JupyterClients.run(
                JupyterClients.kernelspecHome(tmp),
                tmp,
                1800,
                "run_notebooks.py",
                notebooks.toString(),
                tmp.resolve("executed").toString());
        assertThat(out).contains("executed " + count + " notebooks");
    }
}
