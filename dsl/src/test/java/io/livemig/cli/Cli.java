package io.livemig.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the command line in-process and captures what it prints. */
final class Cli {
    private Cli() {}

    record Result(int exitCode, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** The repository root: surefire passes it as {@code livemig.root}. */
    static Path root() {
        String r = System.getProperty("livemig.root");
        return r != null ? Path.of(r) : Path.of("..").toAbsolutePath().normalize();
    }
}
