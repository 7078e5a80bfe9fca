package io.livemig.kernel.magic;

import io.livemig.kernel.eval.GroovyEvaluator;

/**
 * What the magics need from the kernel: its evaluator and a way to run code inside the current cell. The kernel
 * implements it, so the magics do not depend on the kernel's package (which registers them).
 */
public interface MagicHost {

    /** The evaluator cells run in. */
    GroovyEvaluator evaluator();

    /**
     * Runs code from a magic or {@code %load} inside the current cell, in the same binding.
     *
     * @param label names the code in stack traces, e.g. the file it came from
     */
    Object evalNested(String source, String label);
}
