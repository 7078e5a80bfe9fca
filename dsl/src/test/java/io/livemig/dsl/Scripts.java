package io.livemig.dsl;

import groovy.lang.Binding;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs DSL source in tests the way {@code livemig run} does, capturing what the script prints. */
final class Scripts {
    private Scripts() {}

    record Outcome(Object value, String out) {}

    static Outcome run(String source) {
        StringWriter sw = new StringWriter();
        Binding b = new Binding();
        b.setProperty("out", new PrintWriter(sw, true));
        Object v = LivemigShell.run(source, "test.groovy", b);
        return new Outcome(v, sw.toString());
    }

    static Object eval(String source) {
        return run(source).value();
    }

    /** The failure a script raises; fails the test if it runs cleanly. */
    static ScriptFailure failure(String source) {
        try {
            run(source);
        } catch (ScriptFailure f) {
            return f;
        }
        throw new AssertionError("expected the script to fail:\n" + source);
    }

    static final String ECLIPSE = """
            def web = vm('web') {
                memory 1.GiB
                profile { s 8822; sNew 2775, 1559, 1292, 839, 1038, 864, 743, 658, 592, 533; mw 119435 }
            }
            """;
}
