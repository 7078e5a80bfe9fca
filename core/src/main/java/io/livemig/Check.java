package io.livemig;

/**
 * Precondition helpers. Every message names the parameter and the offending value with its unit,
 * so "rate must be > 0, got 0 B/s" reaches the user instead of a NaN three calls later.
 */
public final class Check {
    private Check() {}

    /** @throws IllegalArgumentException if {@code value} is NaN, infinite or not strictly positive */
    public static double positive(String name, double value, String unit) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be > 0, got " + format(value, unit));
        }
        return value;
    }

    /** @throws IllegalArgumentException if {@code value} is NaN, infinite or negative */
    public static double nonNegative(String name, double value, String unit) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + format(value, unit));
        }
        return value;
    }

    /** @throws IllegalArgumentException if {@code value} is NaN or infinite */
    public static double finite(String name, double value, String unit) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + format(value, unit));
        }
        return value;
    }

    public static long positive(String name, long value, String unit) {
        if (value <= 0) throw new IllegalArgumentException(name + " must be > 0, got " + value + unitSuffix(unit));
        return value;
    }

    public static int positive(String name, int value, String unit) {
        if (value <= 0) throw new IllegalArgumentException(name + " must be > 0, got " + value + unitSuffix(unit));
        return value;
    }

    public static <T> T notNull(String name, T value) {
        if (value == null) throw new IllegalArgumentException(name + " must be given, got null");
        return value;
    }

    public static void that(boolean condition, String message) {
        if (!condition) throw new IllegalArgumentException(message);
    }

    /** A number with its unit as messages print it: whole numbers without a fraction. */
    public static String format(double value, String unit) {
        String v = (value == Math.rint(value) && Math.abs(value) < 1e15)
                ? Long.toString((long) value)
                : Double.toString(value);
        return v + unitSuffix(unit);
    }

    private static String unitSuffix(String unit) {
        return unit == null || unit.isEmpty() ? "" : " " + unit;
    }
}
