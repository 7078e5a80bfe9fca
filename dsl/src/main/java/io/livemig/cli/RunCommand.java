package io.livemig.cli;

import groovy.lang.Binding;
import io.livemig.dsl.LivemigShell;
import io.livemig.dsl.ScriptFailure;
import io.livemig.dsl.render.Renderers;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code livemig run SCRIPT.groovy [args…]}: runs a planning script and prints its results as text. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a livemig Groovy script: the DSL verbs (vm, predict, compare, sweep, …) are preloaded.",
            "show(x) prints a result; the value of the last statement is printed too. Scripts run with your rights:",
            "Groovy is not a sandbox."
        })
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCRIPT", description = "the script file, e.g. examples/plan-deadline.groovy")
    Path script;

    @Parameters(
            index = "1..*",
            paramLabel = "ARG",
            description = "arguments, seen by the script as args[0], args[1], …")
    List<String> args = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return runScript(
                script,
                args,
                new Binding(),
                spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }

    /** Runs a script, prints its last value if it renders, and reports a failure as "file:line: message" (exit 1). */
    static int runScript(Path script, List<String> args, Binding binding, PrintWriter out, PrintWriter err) {
        if (!Files.isRegularFile(script)) {
            err.println("livemig run: " + script + ": no such script; expected a .groovy file");
            return 2;
        }
        binding.setProperty("out", out);
        try {
            Object last = LivemigShell.run(script, args, binding);
            if (last != null) Renderers.render(last).ifPresent(r -> out.println(r.text()));
            out.flush();
            return 0;
        } catch (ScriptFailure f) {
            out.flush();
            err.println(f.getMessage());
            err.flush();
            return 1;
        }
    }
}
