package io.livemig.kernel.eval;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SimpleMessage;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

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
        "jdk.internal.", "sun.reflect.", "io.livemig.kernel.", "io.livemig.dsl.", "org.dflib.jjava.",
        "java.util.concurrent.", "java.lang.Thread"
    };
    /** A run of repeated frames at least this long is folded into one copy and a count (deep recursion). */
    private static final int FOLD_AT_REPEATS = 3;
    /** The longest repeating group of frames looked for (mutual recursion of up to this many methods). */
    private static final int FOLD_MAX_PERIOD = 8;

    public CellError {
        traceback = List.copyOf(traceback);
    }

    /** Describes any failure of a cell. */
    public static CellError of(Throwable failure, String source) {
        // jjava wraps what a magic throws in "Exception occurred while running line magic ..."
        if (failure.getClass() == RuntimeException.class
                && failure.getCause() != null
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
            return new CellError(
                    "Interrupted", "the cell was interrupted", List.of("Interrupted: the cell was interrupted"));
        }
        if (failure instanceof ThreadDeath) {
            return new CellError(
                    "Interrupted",
                    "the cell was stopped: it ignored the interrupt for " + GroovyEvaluator.STOP_GRACE_MILLIS / 1000
                            + " s",
                    List.of("Interrupted: the cell ignored the interrupt and was stopped"));
        }
        if (failure instanceof ExitGuard.CellExit) {
            return new CellError("SystemExit", failure.getMessage(), List.of("SystemExit: " + failure.getMessage()));
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
        String line = null;
        while (current != null && seen.put(current, Boolean.TRUE) == null) {
            traceback.add(prefix + describe(current));
            List<StackTraceElement> frames = userFrames(current.getStackTrace(), isInputError(current));
            if (line == null) {
                line = where(frames);
            }
            for (String text : folded(frames)) {
                traceback.add("    " + text);
            }
            prefix = "Caused by: ";
            current = current.getCause();
        }
        String message = failure.getMessage();
        String value = message == null ? "" : oneLine(message);
        // the value is what a front end shows in one line: say where, as the traceback does
        return new CellError(failure.getClass().getSimpleName(), line == null ? value : line + value, traceback);
    }

    /**
     * "line 2: " for the innermost cell frame, or "cell [3], line 2: " when that frame is in an earlier cell (a method
     * defined there) than the cell that ran; null without a cell frame.
     */
    private static String where(List<StackTraceElement> frames) {
        List<StackTraceElement> cells =
                frames.stream().filter(CellError::isCellFrame).toList();
        if (cells.isEmpty()) {
            return null;
        }
        StackTraceElement inner = cells.get(0);
        String innerCell = cellNumber(inner);
        String where = innerCell.equals(cellNumber(cells.get(cells.size() - 1))) ? "" : "cell [" + innerCell + "], ";
        return where + "line " + inner.getLineNumber() + ": ";
    }

    private static String cellNumber(StackTraceElement frame) {
        Matcher m = CELL_FILE.matcher(frame.getFileName());
        return m.matches() ? m.group(1) : "";
    }

    /**
     * Mistakes in what the user wrote (a bad argument, a DSL error) carry a message written for the user, so the
     * frames inside livemig that checked it say nothing the message does not.
     */
    private static boolean isInputError(Throwable t) {
        return t instanceof IllegalArgumentException || t instanceof io.livemig.LivemigException;
    }

    /** Frames as text, with runs of a repeated group of frames (recursion) shown once and counted. */
    static List<String> folded(List<StackTraceElement> frames) {
        List<String> text = new ArrayList<>();
        int i = 0;
        while (i < frames.size()) {
            int bestPeriod = 0;
            int bestRepeats = 1;
            for (int period = 1; period <= FOLD_MAX_PERIOD && i + 2 * period <= frames.size(); period++) {
                int repeats = 1;
                while (i + (repeats + 1) * period <= frames.size()
                        && sameRun(frames, i, i + repeats * period, period)) {
                    repeats++;
                }
                if (repeats >= FOLD_AT_REPEATS && repeats * period > bestRepeats * Math.max(bestPeriod, 1)) {
                    bestPeriod = period;
                    bestRepeats = repeats;
                }
            }
            if (bestPeriod == 0) {
                text.add("at " + format(frames.get(i)));
                i++;
                continue;
            }
            for (int k = 0; k < bestPeriod; k++) {
                text.add("at " + format(frames.get(i + k)));
            }
            text.add("... " + (bestPeriod == 1 ? "the frame above" : "the " + bestPeriod + " frames above")
                    + " repeated " + (bestRepeats - 1) + " more times");
            i += bestRepeats * bestPeriod;
        }
        return text;
    }

    private static boolean sameRun(List<StackTraceElement> frames, int a, int b, int length) {
        for (int k = 0; k < length; k++) {
            if (!frames.get(a + k).equals(frames.get(b + k))) {
                return false;
            }
        }
        return true;
    }

    /** Frames below the outermost cell frame belong to the kernel; Groovy's dispatch frames are noise. */
    static List<StackTraceElement> userFrames(StackTraceElement[] frames, boolean inputError) {
        int last = frames.length - 1;
        for (int i = frames.length - 1; i >= 0; i--) {
            if (isCellFrame(frames[i])) {
                last = i;
                break;
            }
        }
        List<StackTraceElement> kept = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            if (!hidden(frames[i].getClassName())
                    && !(inputError && frames[i].getClassName().startsWith("io.livemig."))) {
                kept.add(frames[i]);
            }
        }
        return kept;
    }

    private static boolean isCellFrame(StackTraceElement frame) {
        return frame.getFileName() != null
                && CELL_FILE.matcher(frame.getFileName()).matches();
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
            String where =
                    method.equals("run") ? "" : method.equals("doCall") ? " in a closure" : " in " + method + "()";
            return "cell [" + cell.group(1) + "], line " + frame.getLineNumber() + where;
        }
        return frame.toString();
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
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
