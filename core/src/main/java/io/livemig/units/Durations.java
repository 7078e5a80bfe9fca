package io.livemig.units;

import java.util.Locale;

/**
 * The one grammar of durations given as text (command-line options, trace headers): "100ms", "1.5s", "2min". Scripts
 * write durations with the DSL's unit extensions ({@code 100.ms}) instead.
 */
public final class Durations {
    private Durations() {}

    /** The duration {@code text} names, to the nanosecond. */
    public static java.time.Duration parse(String text) {
        return java.time.Duration.ofNanos(Math.round(parseSeconds(text) * 1e9));
    }

    /**
     * {@code text} in seconds.
     * @throws IllegalArgumentException naming the text when it has no unit, is not a number, or is not &gt; 0
     */
    public static double parseSeconds(String text) {
        if (text == null)
            throw new IllegalArgumentException("duration missing; expected a number and ms, s or min, such as 100ms");
        String t = text.trim().toLowerCase(Locale.ROOT);
        double factor;
        String number;
        if (t.endsWith("ms")) {
            factor = 1e-3;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("min")) {
            factor = 60;
            number = t.substring(0, t.length() - 3);
        } else if (t.endsWith("s")) {
            factor = 1;
            number = t.substring(0, t.length() - 1);
        } else
            throw new IllegalArgumentException(
                    "cannot read '" + text + "' as a duration; expected a number and ms, s or min, such as 100ms");
        try {
            double v = Double.parseDouble(number.trim()) * factor;
            if (!(v > 0) || Double.isInfinite(v))
                throw new IllegalArgumentException("duration must be > 0, got " + text);
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "cannot read '" + text + "' as a duration; expected a number and ms, s or min, such as 100ms");
        }
    }
}
