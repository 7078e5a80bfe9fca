package io.livemig.kernel.cli;

import io.livemig.kernel.process.KernelLauncher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code livemig kernel install|run}. */
@Command(
        name = "kernel",
        mixinStandardHelpOptions = true,
        description = "The livemig Jupyter kernel.",
        subcommands = {KernelCommand.Install.class, KernelCommand.Run.class})
public final class KernelCommand {

    @Command(
            name = "install",
            mixinStandardHelpOptions = true,
            description = "Installs the kernelspec '" + KernelSpec.NAME + "' (default: for this user).")
    static final class Install implements Callable<Integer> {
        @ArgGroup(exclusive = true)
        Where where = new Where();

        static final class Where {
            @Option(names = "--user", description = "into the user's Jupyter data directory (default)")
            boolean user;

            @Option(
                    names = "--sys-prefix",
                    description = "into the Python environment's prefix (sys.prefix of python3)")
            boolean sysPrefix;

            @Option(names = "--prefix", paramLabel = "DIR", description = "into DIR/share/jupyter")
            Path prefix;
        }

        @Override
        public Integer call() throws IOException, InterruptedException {
            Path dataDir;
            if (where.prefix != null) {
                dataDir = where.prefix.resolve("share").resolve("jupyter");
            } else if (where.sysPrefix) {
                dataDir = Path.of(pythonSysPrefix()).resolve("share").resolve("jupyter");
            } else {
                dataDir = userDataDir();
            }
            Path dir = KernelSpec.write(dataDir, KernelSpec.ownJar(), KernelSpec.currentJava());
            System.out.println("Installed kernelspec " + KernelSpec.NAME + " in " + dir);
            return 0;
        }

        private static String pythonSysPrefix() throws IOException, InterruptedException {
            String python = System.getenv().getOrDefault("PYTHON", "python3");
            Process p;
            try {
                p = new ProcessBuilder(python, "-c", "import sys; print(sys.prefix)")
                        .redirectErrorStream(true)
                        .start();
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "kernel install --sys-prefix: cannot run " + python + " to find sys.prefix; use --prefix DIR");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() != 0 || out.isEmpty()) {
                throw new IllegalArgumentException("kernel install --sys-prefix: " + python + " failed: " + out);
            }
            return out;
        }
    }

    /** Jupyter's per-user data directory ({@code JUPYTER_DATA_DIR}, else the platform default). */
    static Path userDataDir() {
        String env = System.getenv("JUPYTER_DATA_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path home = Path.of(System.getProperty("user.home"));
        String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Jupyter");
        }
        if (os.contains("win")) {
            return Path.of(System.getenv().getOrDefault("APPDATA", home.toString()))
                    .resolve("jupyter");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank()
                        ? Path.of(xdg)
                        : home.resolve(".local").resolve("share"))
                .resolve("jupyter");
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Runs the kernel (Jupyter starts this).")
    static final class Run implements Callable<Integer> {
        @Parameters(paramLabel = "CONNECTION_FILE", description = "the connection file Jupyter wrote")
        Path connectionFile;

        @Override
        public Integer call() throws Exception {
            KernelLauncher.run(connectionFile);
            return 0;
        }
    }
}
