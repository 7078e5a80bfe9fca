package io.livemig.kernel;

import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SimpleMessage;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a notebook user sees of a failed cell: an error name, a one-line value and traceback lines. Compile
 * errors name the cell line and column and point at the source; runtime errors keep the user's frames (cell
 * code, the DSL, the core) and drop the kernel's and Groovy's dispatch frames.
 *
 * @param name      the Jupyter {@code ename}
 * @param value     the Jupyter {@code evalue}, one line
 * @param traceback lines, without newlines
 */
public record CellError(String name, String value, List<String> traceback) {

    private static final Pattern CELL_FILE = Pattern.compile(GroovyEvaluator.CELL_CLASS_PREFIX + "(\\d+)\\.groovy");
    private static final String[] HIDDEN_PREFIXES = {
            "org.codehaus.groovy.", "org.apache.groovy.", "groovy.lang.", "java.lang.reflect.", "java.lang.invoke.",
            "jdk.internal.", "sun.reflect.", "io.livemig.kernel.", "org.dflib.jjava.", "java.util.concurrent.",
            "java.lang.Thread"};

    public CellError {
        traceback = List.copyOf(traceback);
    }

    /** Describes any failure of a cell. */
    public static CellError of(Throwable failure, String source) {
        // jjava wraps what a magic throws in "Exception occurred while running line magic ..."
        if (failure.getClass() == RuntimeException.class && failure.getCause() != null
                && String.valueOf(failure.getMessage()).startsWith("Exception occurred while running")) {
            failure = failure.getCause();
        }
        if (failure instanceof MultipleCompilationErrorsException) {
            return compileError((MultipleCompilationErrorsException) failure, source);
        }
        if (failure instanceof CompilationFailedException) {
            return new CellError("CompilationError", oneLine(failure.getMessage()), List.of(failure.getMessage()));
        }
        if (failure instanceof InterruptedException) {
            return new CellError("Interrupted", "the cell was interrupted", List.of("Interrupted: the cell was interrupted"));
        }
        if (failure instanceof ThreadDeath) {
            return new CellError("Interrupted", "the cell was stopped: it ignored the interrupt for "
                    + GroovyKernel.STOP_GRACE_MILLIS / 1000 + " s", List.of("Interrupted: the cell ignored the interrupt and was stopped"));
        }
        return runtimeError(failure);
    }

    private static CellError compileError(MultipleCompilationErrorsException failure, String source) {
        String[] lines = source.split("\\R", -1);
        List<String> traceback = new ArrayList<>();
        String first = null;
        for (Message message : failure.getErrorCollector().getErrors()) {
            String text;
            if (message instanceof SyntaxErrorMessage) {
                SyntaxException syntax = ((SyntaxErrorMessage) message).getCause();
                int line = syntax.getStartLine();
                int column = syntax.getStartColumn();
                text = "line " + line + ", column " + column + ": " + oneLine(syntax.getOriginalMessage());
                traceback.add("CompilationError: " + text);
                if (line >= 1 && line <= lines.length) {
                    traceback.add("    " + lines[line - 1]);
                    traceback.add("    " + " ".repeat(Math.max(0, column - 1)) + "^");
                }
            } else if (message instanceof ExceptionMessage) {
                Exception cause = ((ExceptionMessage) message).getCause();
                text = oneLine(String.valueOf(cause.getMessage()));
                traceback.add("CompilationError: " + text);
            } else if (message instanceof SimpleMessage) {
                text = oneLine(((SimpleMessage) message).getMessage());
                traceback.add("CompilationError: " + text);
            } else {
                text = message.toString();
                traceback.add("CompilationError: " + text);
            }
            if (first == null) {
                first = text;
            }
        }
        return new CellError("CompilationError", first == null ? oneLine(failure.getMessage()) : first, traceback);
    }

    private static CellError runtimeError(Throwable failure) {
        List<String> traceback = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable current = failure;
        String prefix = "";
        while (current != null && seen.put(current, Boolean.TRUE) == null) {
            traceback.add(prefix + describe(current));
            for (StackTraceElement frame : userFrames(current.getStackTrace())) {
                traceback.add("    at " + format(frame));
            }
            prefix = "Caused by: ";
            current = current.getCause();
        }
        String message = failure.getMessage();
        return new CellError(failure.getClass().getSimpleName(), message == null ? "" : oneLine(message), traceback);
    }

    /** Frames below the outermost cell frame belong to the kernel; Groovy's dispatch frames are noise. */
    static List<StackTraceElement> userFrames(StackTraceElement[] frames) {
        int last = frames.length - 1;
        for (int i = frames.length - 1; i >= 0; i--) {
            if (isCellFrame(frames[i])) {
                last = i;
                break;
            }
        }
        List<StackTraceElement> kept = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            if (!hidden(frames[i].getClassName())) {
                kept.add(frames[i]);
            }
        }
        return kept;
    }

    private static boolean isCellFrame(StackTraceElement frame) {
        return frame.getFileName() != null && CELL_FILE.matcher(frame.getFileName()).matches();
    }

    private static boolean hidden(String className) {
        for (String prefix : HIDDEN_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String format(StackTraceElement frame) {
        String file = frame.getFileName();
        Matcher cell = file == null ? null : CELL_FILE.matcher(file);
        if (cell != null && cell.matches()) {
            String method = frame.getMethodName();
            String where = method.equals("run") ? "" : method.equals("doCall") ? " in a closure" : " in " + method + "()";
            return "cell [" + cell.group(1) + "], line " + frame.getLineNumber() + where;
        }
        return frame.toString();
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getName() + (message == null ? "" : ": " + message);
    }

    private static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }
}
