package io.livemig.cli;

import java.util.Locale;

/** Reads "100ms", "1.5s", "2min" as seconds. */
final class Durations {
    private Durations() {}

    static double parseSeconds(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        double factor;
        String number;
        if (t.endsWith("ms")) { factor = 1e-3; number = t.substring(0, t.length() - 2); }
        else if (t.endsWith("min")) { factor = 60; number = t.substring(0, t.length() - 3); }
        else if (t.endsWith("s")) { factor = 1; number = t.substring(0, t.length() - 1); }
        else throw new IllegalArgumentException("cannot read '" + text + "' as a duration; expected a number and ms, s or min, such as 100ms");
        try {
            double v = Double.parseDouble(number.trim()) * factor;
            if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException("duration must be > 0, got " + text);
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cannot read '" + text + "' as a duration; expected a number and ms, s or min, such as 100ms");
        }
    }
}
