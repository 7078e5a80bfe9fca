package io.livemig.cli;

import java.util.List;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code livemig} command line. Subcommands live beside this class; modules further down the chain
 * (the kernel) add theirs through {@link CommandPlugin}.
 */
@Command(
        name = "livemig",
        mixinStandardHelpOptions = true,
        version = "livemig 0.1.0",
        description = "Predicts what a pre-copy live migration of a VM costs (Nathan, Bellur, Kulkarni, SoCC 2015).")
public final class Main {

    /**
     * The built-in subcommands, in the order {@code --help} lists them. Not in the {@code @Command} annotation: picocli
     * would build every one of them (reflection over all their options) before running the one asked for. Each name is
     * written here as well as in its {@code @Command}: reading every command's annotation to find the one asked for
     * would parse them all (and load their nested subcommands) at start-up ({@code StartupPathTest} checks they agree).
     */
    static final List<BuiltIn> COMMANDS = List.of(
            new BuiltIn("predict", PredictCommand.class),
            new BuiltIn("run", RunCommand.class),
            new BuiltIn("validate", ValidateCommand.class),
            new BuiltIn("demo", DemoCommand.class),
            new BuiltIn("trace", TraceCommand.class),
            new BuiltIn("simulate", SimulateCommand.class),
            new BuiltIn("qemu-check", QemuCheckCommand.class),
            new BuiltIn("record", RecordCommand.class),
            new BuiltIn("advise", AdviseCommand.class),
            new BuiltIn("help", CommandLine.HelpCommand.class));

    /** A built-in subcommand: the name its {@code @Command} gives, and its class. */
    record BuiltIn(String name, Class<?> type) {}

    /**
     * Adds a command's own subcommands: only the one the second argument names (as for the first level), else all, so
     * the command's help and its "expected a subcommand" error are unchanged.
     */
    private static void addSubcommands(CommandLine parent, List<BuiltIn> subcommands, String[] arguments) {
        String only = arguments.length > 1 ? arguments[1] : null;
        boolean named = false;
        for (BuiltIn c : subcommands) named |= c.name().equals(only);
        for (BuiltIn c : subcommands) if (!named || c.name().equals(only)) parent.addSubcommand(c.type());
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        Thread tables = initTablesInBackground(args);
        CommandLine cli = commandLine(args);
        if (tables != null) {
            // the command starts only once Tablesaw is initialised: two threads initialising its classes in a
            // different order could deadlock on their class-initialisation locks
            try {
                tables.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli passes errors through; the heap is free again once the command's frames are gone
            cli.getErr().println("livemig: " + outOfMemory(e));
            return 3;
        }
    }

    /** Commands whose text output is a Tablesaw table. */
    private static final java.util.Set<String> PRINT_TABLES = java.util.Set.of("simulate", "qemu-check");

    /**
     * Tablesaw's {@code Table} scans the class path for its readers when first used (ClassGraph over the whole jar,
     * 0.3–0.6 s on a loaded machine, bench/README.md); for a command that will print a table, that runs on another core
     * while picocli builds the command line. Null when the command will not need it ({@code predict} prints its
     * columns through {@link TextTable} and creates no table).
     */
    private static Thread initTablesInBackground(String[] args) {
        if (args.length == 0 || !PRINT_TABLES.contains(args[0])) return null;
        for (String a : args) if (a.equals("--json") || a.equals("--help") || a.equals("-h")) return null;
        Thread t = new Thread(
                () -> {
                    try {
                        Class.forName("tech.tablesaw.api.Table", true, Main.class.getClassLoader());
                    } catch (ClassNotFoundException | LinkageError e) {
                        // the command itself will report it when it needs the class
                    }
                },
                "livemig-tables-init");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * The one line a failed command prints, or null when the failure is a bug (then the stack trace is the report):
     * user errors, malformed files, I/O errors with their reason (permission denied, is a folder, no space), and
     * running out of memory with what to do.
     */
    static String userMessage(Throwable ex) {
        if (ex instanceof IllegalArgumentException || ex instanceof io.livemig.LivemigException) return ex.getMessage();
        if (ex instanceof java.io.UncheckedIOException u) {
            String m = u.getMessage();
            String cause = userMessage(u.getCause());
            if (m == null || m.equals(u.getCause().toString())) return cause;
            String reason = io.livemig.trace.AtomicOutput.reason(u.getCause());
            return m.contains(reason) ? m : m + " (" + reason + ")";
        }
        if (ex instanceof java.io.IOException failed) {
            String file = failed instanceof java.nio.file.FileSystemException f && f.getFile() != null
                    ? f.getFile() + ": "
                    : "";
            return file + io.livemig.trace.AtomicOutput.reason(failed);
        }
        if (ex instanceof OutOfMemoryError oom) return outOfMemory(oom);
        return null;
    }

    /**
     * picocli reports missing required options before an unknown one, so "--sped 1" would only say that --rate is
     * missing: name the options the command does not know first.
     */
    private static String unknownOptions(CommandLine c, String[] args) {
        java.util.List<String> unknown = new java.util.ArrayList<>();
        for (String a : args) {
            if (!a.startsWith("--")) continue;
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (c.getCommandSpec().findOption(name) == null && !unknown.contains(name)) unknown.add(name);
        }
        return unknown.isEmpty()
                ? ""
                : "unknown option" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown) + "; ";
    }

    private static String outOfMemory(OutOfMemoryError e) {
        return "out of memory (" + e.getMessage() + ", heap limit "
                + Runtime.getRuntime().maxMemory() / (1 << 20)
                + " MiB); give the JVM more with LIVEMIG_JAVA_OPTS=-Xmx4g, or a smaller input";
    }

    /** The whole command line, every subcommand built. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for these arguments: when the first one names a subcommand, only that subcommand is built (what
     * it prints, its errors and its help are the same; the others would only cost start-up time), else all of them.
     */
    static CommandLine commandLine(String[] arguments) {
        // picocli probes for Groovy closures in annotations by initialising groovy.lang.Closure, which starts Groovy's
        // whole runtime (extension modules included) even for plain Java commands; livemig's annotations have none
        if (System.getProperty("picocli.disable.closures") == null)
            System.setProperty("picocli.disable.closures", "true");
        String only = arguments.length > 0 && !arguments[0].equals("help") ? arguments[0] : null;
        CommandLine cli = new CommandLine(new Main());
        boolean found = false;
        for (BuiltIn c : COMMANDS) {
            if (only == null || only.equals(c.name())) {
                cli.addSubcommand(c.type());
                found = true;
            }
        }
        CommandLine trace = cli.getSubcommands().get("trace");
        if (trace != null) addSubcommands(trace, TraceCommand.SUBCOMMANDS, only != null ? arguments : new String[0]);
        // The plugin scan reads META-INF/services through the jar's URL connection: only when the command is not a
        // built-in one (a plugin named like a built-in would be refused by picocli as a duplicate anyway).
        if (only == null || !found) {
            for (CommandPlugin plugin : ServiceLoader.load(CommandPlugin.class)) {
                if (only == null || only.equals(plugin.name())) {
                    cli.addSubcommand(plugin.name(), plugin.command());
                    found = true;
                }
            }
        }
        if (only != null && !found) return commandLine(new String[0]); // an unknown command: the full list in the error
        // Named classes, not lambdas: the start-up archive holds them, while a lambda's class is spun at run time.
        cli.setExecutionExceptionHandler(new UserErrors());
        cli.setParameterExceptionHandler(new MistypedOptions());
        return cli;
    }

    /** A user error is one line on stderr, not a stack trace. */
    private static final class UserErrors implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parsed)
                throws Exception {
            String message = userMessage(ex);
            if (message == null) throw ex;
            commandLine.getErr().println("livemig " + commandLine.getCommandName() + ": " + message);
            return 2;
        }
    }

    /** A mistyped option is one line too, with where to look. */
    private static final class MistypedOptions implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            CommandLine c = ex.getCommandLine();
            c.getErr()
                    .println("livemig " + c.getCommandName() + ": " + unknownOptions(c, args) + ex.getMessage()
                            + " (see --help)");
            return 2;
        }
    }
}
