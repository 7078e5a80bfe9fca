package io.livemig.units;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits "12.5 MiB/s" into a number and a unit word; one place for the grammar of quantities. */
final class UnitParser {
    private static final Pattern QUANTITY =
            Pattern.compile("\\s*([+-]?[0-9]*\\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\\s*([A-Za-z/]*)\\s*");

    private UnitParser() {}

    record Quantity(double number, String unit) {}

    static Quantity split(String text, String what, String examples) {
        if (text == null) throw new IllegalArgumentException(what + " must be given, got null");
        Matcher m = QUANTITY.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "cannot read '" + text + "' as " + what + "; expected a number and a unit such as " + examples);
        }
        return new Quantity(Double.parseDouble(m.group(1)), m.group(2));
    }

    static String normal(String unit) {
        return unit.toLowerCase(Locale.ROOT);
    }
}
