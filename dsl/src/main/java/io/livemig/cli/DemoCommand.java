package io.livemig.cli;

import groovy.lang.Binding;
import io.livemig.LivemigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code livemig demo}: runs the bundled example script {@code examples/demo.groovy} (predictions, a planner query,
 * a model comparison, a sweep) and writes its charts to a folder it names.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs examples/demo.groovy: predictions, a planner query and a model comparison on the paper's",
            "workloads; prints the results and writes the charts (SVG, PNG, HTML, CSV) to a folder it names."
        })
final class DemoCommand implements Callable<Integer> {
    static final String SCRIPT = "examples/demo.groovy";

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "where to write the charts (default: a new temporary folder)")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path dir = out != null ? out : Files.createTempDirectory("livemig-demo-");
        Files.createDirectories(dir);
        if (!Files.isWritable(dir))
            throw new IllegalArgumentException(
                    "--out " + dir + ": permission denied; expected a folder you can write to");
        Path script = locate();
        spec.commandLine()
                .getOut()
                .println("livemig demo: running " + script + "; charts go to " + dir.toAbsolutePath());
        spec.commandLine().getOut().println();
        return RunCommand.runScript(
                script,
                List.of(dir.toAbsolutePath().toString()),
                new Binding(),
                spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }

    /** The script in the livemig folder (so edits show at once), else the copy bundled in the jar. */
    static Path locate() throws IOException {
        String root = System.getProperty("livemig.root");
        if (root != null) {
            Path p = Path.of(root).resolve(SCRIPT);
            if (Files.isRegularFile(p)) return p;
        }
        try (InputStream in = DemoCommand.class.getResourceAsStream("/" + SCRIPT)) {
            if (in == null)
                throw new LivemigException("demo: " + SCRIPT + " is neither under the livemig folder nor in the jar");
            Path tmp = Files.createTempDirectory("livemig-demo-script-").resolve("demo.groovy");
            Files.copy(in, tmp);
            tmp.toFile().deleteOnExit();
            tmp.getParent().toFile().deleteOnExit();
            return tmp;
        }
    }
}
