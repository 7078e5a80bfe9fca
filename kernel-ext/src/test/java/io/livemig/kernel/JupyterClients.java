package io.livemig.kernel;

import static org.junit.jupiter.api.Assertions.fail;

import io.livemig.kernel.cli.KernelSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the Python scripts under {@code src/test/python} with Debian's Jupyter stack ({@code /usr/bin/python3})
 * against the built {@code livemig-all.jar}, installed as a kernelspec in a temporary {@code JUPYTER_PATH}.
 * Without Python or the Jupyter packages the tests fail under {@code CI=true} and are skipped otherwise.
 */
final class JupyterClients {
    static final Path PYTHON = Path.of(System.getenv().getOrDefault("LIVEMIG_PYTHON", "/usr/bin/python3"));

    private JupyterClients() {}

    static Path jar() {
        Path jar = Path.of(System.getProperty("livemig.jar", "target/livemig-all.jar"));
        if (!Files.isRegularFile(jar)) {
            fail("the shaded jar " + jar.toAbsolutePath()
                    + " is missing; run mvn verify (failsafe runs after package)");
        }
        return jar;
    }

    static Path scripts() {
        return Path.of(System.getProperty("livemig.python.dir", "src/test/python"));
    }

    static Path root() {
        return Path.of(System.getProperty("livemig.root", ".."))
                .toAbsolutePath()
                .normalize();
    }

    /** Checks that python and the modules exist; else fails under CI and skips (with a visible message) otherwise. */
    static void requireModules(String... modules) throws IOException, InterruptedException {
        String why = null;
        if (!Files.isExecutable(PYTHON)) {
            why = PYTHON + " not found";
        } else {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import " + String.join(", ", modules))
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                why = "python modules missing (" + String.join(", ", modules) + "): " + out.strip();
            }
        }
        if (why == null) {
            return;
        }
        String message = "Jupyter client tests need Debian's jupyter-client python3-nbclient jupyter-nbconvert "
                + "python3-nbformat python3-jupyter-kernel-test: " + why;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message);
    }

    /** Installs the kernelspec into a fresh directory and returns the value for JUPYTER_PATH. */
    static Path kernelspecHome(Path tmp) throws IOException {
        Path home = tmp.resolve("jupyter");
        KernelSpec.write(home, jar(), KernelSpec.currentJava());
        return home;
    }

    /** Runs a script (or {@code -m module}) and fails with its output unless it exits with 0. */
    static String run(Path jupyterPath, Path tmp, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(PYTHON.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb =
                new ProcessBuilder(command).directory(scripts().toFile()).redirectErrorStream(true);
        pb.environment().put("JUPYTER_PATH", jupyterPath.toString());
        pb.environment().put("JUPYTER_RUNTIME_DIR", tmp.resolve("runtime").toString());
        pb.environment().put("JUPYTER_DATA_DIR", tmp.resolve("data").toString());
        pb.environment().put("LIVEMIG_ROOT", root().toString());
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Path log = tmp.resolve("python-output.txt");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            String threads = kernelThreadDumps(p);
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail(String.join(" ", args) + " did not finish in " + timeoutSeconds + " s:\n" + Files.readString(log)
                    + threads);
        }
        String output = Files.readString(log);
        System.out.println(output);
        if (p.exitValue() != 0) {
            fail(String.join(" ", args) + " failed (exit " + p.exitValue() + "):\n" + output);
        }
        return output;
    }

    /** The thread dumps of the kernels a hung script started: what a hang in CI needs to be understood. */
    private static String kernelThreadDumps(Process script) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        StringBuilder dumps = new StringBuilder();
        script.descendants()
                .filter(h -> h.info()
                        .arguments()
                        .map(a -> List.of(a).contains(io.livemig.kernel.process.KernelLauncher.class.getName()))
                        .orElse(false))
                .forEach(kernel -> {
                    dumps.append("\n--- threads of kernel process ")
                            .append(kernel.pid())
                            .append(" ---\n");
                    try {
                        Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(kernel.pid()), "Thread.print")
                                .redirectErrorStream(true)
                                .start();
                        dumps.append(new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                        dump.waitFor(30, TimeUnit.SECONDS);
                    } catch (IOException | InterruptedException e) {
                        dumps.append("(no thread dump: ").append(e).append(")\n");
                    }
                });
        return dumps.toString();
    }
}
