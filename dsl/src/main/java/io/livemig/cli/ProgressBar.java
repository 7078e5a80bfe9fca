package io.livemig.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress line on stderr: redrawn in place ({@code \r}) on a terminal, else a new line at most once a second, so a
 * log file gets a readable trace instead of thousands of carriage returns.
 */
final class ProgressBar {
    private static final int WIDTH = 24;
    private final PrintWriter err;
    private final boolean quiet;
    private final boolean terminal;
    private String last = "";
    private long lastPrinted;
    private int drawn;

    ProgressBar(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
        this.terminal = System.console() != null;
    }

    /** @param fraction done, 0…1, or negative when unknown (then no bar, just the text) */
    void show(double fraction, String text) {
        if (quiet) return;
        String line = fraction < 0 ? text : bar(fraction) + " " + text;
        if (terminal) {
            String pad = line.length() < drawn ? " ".repeat(drawn - line.length()) : "";
            err.print("\r" + line + pad);
            err.flush();
            drawn = line.length();
            return;
        }
        long now = System.nanoTime();
        if (line.equals(last) || (now - lastPrinted < 1_000_000_000L && fraction < 1)) return;
        err.println(line);
        last = line;
        lastPrinted = now;
    }

    void note(String note) {
        if (quiet) return;
        if (terminal && drawn > 0) {
            err.println();
            drawn = 0;
        }
        err.println("note: " + note);
    }

    void done() {
        if (!quiet && terminal && drawn > 0) err.println();
        drawn = 0;
    }

    static String bar(double fraction) {
        double f = Math.max(0, Math.min(1, fraction));
        int full = (int) Math.round(f * WIDTH);
        return "[" + "#".repeat(full) + "-".repeat(WIDTH - full) + "] "
                + String.format(Locale.ROOT, "%3.0f%%", f * 100);
    }
}
