package io.livemig.dsl;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import groovy.lang.Script;
import groovy.transform.ThreadInterrupt;
import io.livemig.LivemigException;
import io.livemig.units.DataRate;
import io.livemig.units.DataSize;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;
import org.codehaus.groovy.control.customizers.ImportCustomizer;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.runtime.InvokerInvocationException;
import org.codehaus.groovy.syntax.SyntaxException;

/**
 * The one way livemig compiles Groovy: scripts from {@code livemig run} and notebook cells in the kernel share
 * {@link #configuration()} (base class {@link LivemigScript}, the DSL and core packages imported, loops
 * interruptible), so a script behaves the same in both. Failures become a {@link ScriptFailure} naming the script's
 * file and line.
 *
 * <p>Groovy is not a sandbox: scripts run with the rights of the user who runs them.
 */
public final class LivemigShell {
    /** Packages every script sees without an import. */
    public static final List<String> STAR_IMPORTS = List.of(
            "io.livemig",
            "io.livemig.units",
            "io.livemig.profile",
            "io.livemig.policy",
            "io.livemig.model",
            "io.livemig.plan",
            "io.livemig.trace",
            "io.livemig.sim",
            "io.livemig.evaluate",
            "io.livemig.validate",
            "io.livemig.qmp",
            "io.livemig.record",
            "io.livemig.dsl",
            "io.livemig.dsl.render",
            "tech.tablesaw.api");
    /** Single classes imported into every script. */
    public static final List<String> CLASS_IMPORTS =
            List.of("java.time.Duration", "java.nio.file.Path", "java.nio.file.Files");
    /** The verbs of {@link LivemigScript}, listed when a script calls one that does not exist. */
    public static final List<String> VERBS = List.of(
            "vm",
            "predict",
            "compare",
            "sweep",
            "margin",
            "qemu",
            "xen",
            "xenNoSkip",
            "xenV2",
            "allModels",
            "model",
            "trace",
            "fit",
            "rateFor",
            "choose",
            "simulate",
            "validate",
            "workload",
            "show",
            "size",
            "rate",
            "dirtyCurve",
            "checkCurve",
            "labDataset");

    private LivemigShell() {}

    /** A fresh configuration (the object is mutable, so each caller gets its own): base class, imports, interrupts. */
    public static CompilerConfiguration configuration() {
        CompilerConfiguration cc = new CompilerConfiguration();
        cc.setScriptBaseClass(LivemigScript.class.getName());
        ImportCustomizer imports = new ImportCustomizer();
        imports.addStarImports(STAR_IMPORTS.toArray(String[]::new));
        imports.addImports(CLASS_IMPORTS.toArray(String[]::new));
        cc.addCompilationCustomizers(imports, new ASTTransformationCustomizer(ThreadInterrupt.class));
        cc.setSourceEncoding(StandardCharsets.UTF_8.name());
        return cc;
    }

    /** A shell over {@code binding} with {@link #configuration()}, loading classes through the DSL's class loader. */
    public static GroovyShell shell(Binding binding) {
        return new GroovyShell(LivemigShell.class.getClassLoader(), binding, configuration());
    }

    /**
     * Compiles and runs a script file; {@code args} are the script's {@code args} variable.
     * @return the value of the script's last statement
     * @throws ScriptFailure naming the file and line, for compile errors and every exception the script raises
     */
    public static Object run(Path script, List<String> args, Binding binding) {
        String name = script.getFileName().toString();
        String source;
        try {
            source = Files.readString(script, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException | java.nio.charset.UnmappableCharacterException e) {
            throw new ScriptFailure(
                    script.toString(),
                    0,
                    "not UTF-8 text" + firstBadByte(script) + "; expected a script saved as UTF-8",
                    e);
        } catch (IOException e) {
            throw new ScriptFailure(script.toString(), 0, "cannot read the script: " + e.getMessage(), e);
        }
        binding.setVariable("args", args.toArray(String[]::new));
        Path dir = script.toAbsolutePath().getParent();
        if (dir != null) binding.setVariable("scriptDir", dir.toString());
        return run(source, name, binding);
    }

    /** Compiles and runs source text named {@code fileName} (the name messages and stack frames carry). */
    public static Object run(String source, String fileName, Binding binding) {
        Script compiled = compile(source, fileName, binding);
        try {
            return compiled.run();
        } catch (Throwable t) {
            throw failure(t, fileName);
        }
    }

    /** Compiles without running. @throws ScriptFailure for a compile error */
    public static Script compile(String source, String fileName, Binding binding) {
        try {
            return shell(binding).parse(source, fileName);
        } catch (Throwable t) {
            throw withinSource(failure(t, fileName), source);
        }
    }

    /**
     * The parser reports an unfinished script (a missing brace, a dangling operator) one line past its end; point at
     * the last line instead, and say why.
     */
    static ScriptFailure withinSource(ScriptFailure f, String source) {
        long lines = Math.max(1, source.lines().count());
        if (f.line() <= lines) return f;
        return new ScriptFailure(
                f.file(), (int) lines, f.detail() + " (the script ends here: something is not closed)", f.getCause());
    }

    /** Where a file stops being UTF-8, for the message: " (byte 17: 0xe9)". */
    private static String firstBadByte(Path script) {
        try {
            byte[] b = Files.readAllBytes(script);
            var in = java.nio.ByteBuffer.wrap(b);
            var r = StandardCharsets.UTF_8.newDecoder().decode(in, java.nio.CharBuffer.allocate(b.length), true);
            if (r.isError())
                return String.format(
                        java.util.Locale.ROOT, " (byte %d: 0x%02x)", in.position(), b[in.position()] & 0xff);
        } catch (IOException ignored) {
            /* the message stays without the offset */
        }
        return "";
    }

    /**
     * Turns anything a script threw into a one-line failure at the script's line: the first stack frame in
     * {@code fileName} for runtime errors, the compiler's position for compile errors. Errors are translated into the
     * DSL's words (an unknown verb lists the verbs, mixed units say so).
     */
    public static ScriptFailure failure(Throwable t, String fileName) {
        if (t instanceof ScriptFailure f) return f;
        while ((t instanceof InvokerInvocationException || t instanceof java.lang.reflect.InvocationTargetException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof MultipleCompilationErrorsException mce) {
            for (Message m : mce.getErrorCollector().getErrors()) {
                if (m instanceof SyntaxErrorMessage sem) {
                    SyntaxException se = sem.getCause();
                    return new ScriptFailure(fileName, se.getLine(), compileMessage(se.getOriginalMessage()), t);
                }
                if (m instanceof ExceptionMessage em && em.getCause() != null) {
                    return new ScriptFailure(fileName, 0, em.getCause().getMessage(), t);
                }
            }
            return new ScriptFailure(
                    fileName, 0, mce.getMessage().lines().findFirst().orElse("compile error"), t);
        }
        return new ScriptFailure(fileName, lineIn(t, fileName), describe(t, fileName), t);
    }

    /** The line of the first (innermost) stack frame in the script, following causes; 0 if none. */
    static int lineIn(Throwable t, String fileName) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            for (StackTraceElement e : c.getStackTrace()) {
                if (fileName.equals(e.getFileName()) && e.getLineNumber() > 0) return e.getLineNumber();
            }
        }
        return 0;
    }

    private static String compileMessage(String m) {
        String first = m.lines().findFirst().orElse(m).trim();
        return first.startsWith("unable to resolve class")
                ? first + "; expected a class on the classpath or one of the preloaded packages"
                : first;
    }

    private static final Map<String, String> OPERATORS =
            Map.of("plus", "add", "minus", "subtract", "multiply", "multiply", "div", "divide", "compareTo", "compare");

    static String describe(Throwable t, String fileName) {
        if (t instanceof MissingMethodException mme) {
            Class<?> type = mme.getType();
            Object[] args = mme.getArguments();
            String op = OPERATORS.get(mme.getMethod());
            if (op != null && type != null && isUnit(type) && args.length == 1) {
                return "cannot " + op + " " + unitName(args[0]) + " and " + unitName(type)
                        + ": units never mix; expected " + unitName(type)
                        + (op.equals("multiply") || op.equals("divide")
                                ? " with a number or a matching unit"
                                : " with another " + unitName(type).substring("a ".length()));
            }
            if (type != null && Script.class.isAssignableFrom(type)) {
                return "unknown verb '" + mme.getMethod() + "' with " + argTypes(args) + "; expected one of "
                        + String.join(", ", VERBS);
            }
            return "no method " + mme.getMethod() + "(" + argTypes(args) + ") on "
                    + (type == null ? "null" : type.getSimpleName());
        }
        if (t instanceof MissingPropertyException mpe) {
            Class<?> type = mpe.getType();
            if (type != null && Number.class.isAssignableFrom(type)) {
                return "unknown unit '" + mpe.getProperty()
                        + "'; expected one of B, KiB, MiB, GiB, TiB, kB, MB, GB (sizes), "
                        + "Bps, KiBps, MiBps, GiBps, MBps, GBps, Mbps, Gbps (rates), ms, s, min, h (times), percent (non-zero memory)";
            }
            if (type != null && Script.class.isAssignableFrom(type)) {
                return "unknown name '" + mpe.getProperty() + "'; expected a variable defined earlier in " + fileName;
            }
            return "no property '" + mpe.getProperty() + "' on " + (type == null ? "null" : type.getSimpleName());
        }
        if (t instanceof LivemigException || t instanceof IllegalArgumentException)
            return String.valueOf(t.getMessage());
        if (t instanceof NullPointerException)
            return "a value is missing (null)" + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return t.getClass().getSimpleName()
                + (t.getMessage() == null
                        ? ""
                        : ": " + t.getMessage().lines().findFirst().orElse(""));
    }

    private static boolean isUnit(Class<?> type) {
        return type == DataSize.class || type == DataRate.class || Duration.class.isAssignableFrom(type);
    }

    private static String unitName(Object value) {
        if (value == null) return "nothing";
        Class<?> type = value instanceof Class<?> c ? c : value.getClass();
        if (type == DataSize.class) return "a size";
        if (type == DataRate.class) return "a rate";
        if (Duration.class.isAssignableFrom(type)) return "a time";
        if (Number.class.isAssignableFrom(type))
            return "a unit-less number" + (value instanceof Number ? " (" + value + ")" : "");
        return "a " + type.getSimpleName();
    }

    private static String argTypes(Object[] args) {
        if (args == null || args.length == 0) return "no arguments";
        StringBuilder sb = new StringBuilder();
        for (Object a : args) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(a == null ? "null" : a.getClass().getSimpleName());
        }
        return sb.toString();
    }
}
