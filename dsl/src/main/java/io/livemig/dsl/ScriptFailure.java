package io.livemig.dsl;

import io.livemig.LivemigException;

/**
 * A script (or notebook cell) that failed to compile or run, pointed at its line:
 * {@code plan.groovy:12: predict(): 'at' expects a rate such as 100.MBps, got Integer 100}.
 *
 * @see LivemigShell#failure(Throwable, String)
 */
public final class ScriptFailure extends LivemigException {
    private final String file;
    private final int line;
    private final String detail;

    public ScriptFailure(String file, int line, String detail, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + detail, cause);
        this.file = file;
        this.line = line;
        this.detail = detail;
    }

    /** The script's file name (or the kernel's cell name) as given to the compiler. */
    public String file() {
        return file;
    }

    /** 1-based line in the script, or 0 when no line of the script is involved. */
    public int line() {
        return line;
    }

    /** The message without the file and line. */
    public String detail() {
        return detail;
    }
}
