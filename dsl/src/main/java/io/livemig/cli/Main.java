package io.livemig.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.ServiceLoader;

/**
 * The {@code livemig} command line. Subcommands live beside this class; modules further down the chain
 * (the kernel) add theirs through {@link CommandPlugin}.
 */
@Command(name = "livemig", mixinStandardHelpOptions = true, version = "livemig 0.1.0",
        description = "Predicts what a pre-copy live migration of a VM costs (Nathan, Bellur, Kulkarni, SoCC 2015).",
        subcommands = {PredictCommand.class, RunCommand.class, ValidateCommand.class, DemoCommand.class,
                TraceCommand.class, SimulateCommand.class, QemuCheckCommand.class, RecordCommand.class, AdviseCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        CommandLine cli = commandLine();
        return cli.execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        for (CommandPlugin plugin : ServiceLoader.load(CommandPlugin.class)) {
            cli.addSubcommand(plugin.name(), plugin.command());
        }
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // A user error is one line on stderr, not a stack trace.
            if (ex instanceof IllegalArgumentException || ex instanceof io.livemig.LivemigException
                    || ex instanceof java.io.UncheckedIOException) {
                commandLine.getErr().println("livemig " + commandLine.getCommandName() + ": " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        // A mistyped option is one line too, with where to look.
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("livemig " + c.getCommandName() + ": " + ex.getMessage() + " (see --help)");
            return 2;
        });
        return cli;
    }
}
