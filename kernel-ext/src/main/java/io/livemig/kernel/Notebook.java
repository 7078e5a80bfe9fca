package io.livemig.kernel;

import org.dflib.jjava.jupyter.kernel.BaseNotebookStatics;

/**
 * Functions every cell can call without a prefix (the kernel imports them statically).
 */
public final class Notebook {
    private Notebook() {
    }

    /** Shows a value now, rendered like a cell result (tables, charts, text); returns the display id. */
    public static String display(Object value) {
        return BaseNotebookStatics.display(plain(value));
    }

    /** Shows a value as the given MIME types only, e.g. {@code display(p, 'text/plain')}. */
    public static String display(Object value, String... mimeTypes) {
        return BaseNotebookStatics.display(plain(value), mimeTypes);
    }

    /** Replaces what an earlier {@link #display(Object)} showed. */
    public static void updateDisplay(String displayId, Object value) {
        BaseNotebookStatics.updateDisplay(displayId, plain(value));
    }

    /** A GString as its text: jjava's renderer would hand the GString object itself to gson. */
    static Object plain(Object value) {
        return value instanceof CharSequence && !(value instanceof String) ? value.toString() : value;
    }

    /**
     * Sleeps, and stops when the cell is interrupted. Groovy's own {@code sleep} swallows interrupts, so a
     * notebook cell calling it could not be stopped.
     *
     * @throws InterruptedException when the cell is interrupted
     */
    public static void sleep(long milliseconds) throws InterruptedException {
        Thread.sleep(milliseconds);
    }
}
