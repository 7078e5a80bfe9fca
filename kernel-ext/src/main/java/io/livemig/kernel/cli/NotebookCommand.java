package io.livemig.kernel.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code livemig notebook}: opens the tutorials in JupyterLab (or the classic notebook) with the livemig kernel,
 * installed for this run only (under the build directory, through {@code JUPYTER_PATH}).
 */
@Command(
        name = "notebook",
        mixinStandardHelpOptions = true,
        description = "Opens the tutorial notebooks in Jupyter with the livemig kernel.")
public final class NotebookCommand implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR", description = "notebook directory (default: <repo>/notebooks)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Optional<List<String>> jupyter = findJupyter();
        if (jupyter.isEmpty()) {
            System.err.println(
                    "livemig notebook: Jupyter is not installed (no jupyter-lab or jupyter-notebook on PATH). "
                            + "Install it with 'sudo apt-get install jupyter-notebook' (Debian/Ubuntu) or 'pip install jupyterlab', "
                            + "then run ./livemig notebook again");
            return 1;
        }
        Path root = Path.of(System.getProperty("livemig.root", "."));
        Path notebooks = dir != null ? dir : root.resolve("notebooks");
        Path kernelHome = Files.createTempDirectory("livemig-jupyter");
        KernelSpec.write(kernelHome, KernelSpec.ownJar(), KernelSpec.currentJava());
        List<String> command = new ArrayList<>(jupyter.get());
        command.add("--notebook-dir=" + notebooks.toAbsolutePath());
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        String existing = System.getenv("JUPYTER_PATH");
        pb.environment()
                .put(
                        "JUPYTER_PATH",
                        kernelHome + (existing == null || existing.isBlank() ? "" : File.pathSeparator + existing));
        System.out.println("Opening " + notebooks.toAbsolutePath() + " with " + String.join(" ", jupyter.get()));
        return pb.start().waitFor();
    }

    private static Optional<List<String>> findJupyter() {
        for (String exe : List.of("jupyter-lab", "jupyter-notebook")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, exe))) {
                    return Optional.of(List.of(Path.of(dir, exe).toString()));
                }
            }
        }
        return Optional.empty();
    }
}
