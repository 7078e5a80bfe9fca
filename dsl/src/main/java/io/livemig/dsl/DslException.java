package io.livemig.dsl;

import io.livemig.LivemigException;

/**
 * A mistake in a script caught by the DSL: an unknown keyword, a missing setting, a value of the wrong unit.
 * The message is one line, "where: what; expected X, got Y"; {@link LivemigShell} prefixes the script's file and line.
 */
public class DslException extends LivemigException {
    public DslException(String message) {
        super(message);
    }

    /** "got Integer 100", "got String 'abc'", "got nothing": how messages show a value the script gave. */
    public static String got(Object value) {
        if (value == null) return "got nothing";
        String type = value.getClass().getSimpleName();
        return value instanceof CharSequence ? "got " + type + " '" + value + "'" : "got " + type + " " + value;
    }
}
