package io.livemig.dsl.units;

import io.livemig.units.DataRate;
import io.livemig.units.DataSize;
import java.time.Duration;

/**
 * Groovy extension methods (registered in {@code META-INF/groovy/org.codehaus.groovy.runtime.ExtensionModule}) that
 * give numbers units and units their arithmetic: {@code 512.MiB}, {@code 1.GiB}, {@code 100.MBps}, {@code 1.Gbps},
 * {@code 10.s}, {@code 300.ms}; {@code 1.GiB / 100.MBps} is a {@link Duration}, {@code 100.MBps * 10.s} a
 * {@link DataSize}. Sizes are {@link DataSize}, rates {@link DataRate}, times {@link Duration}. Only combinations with
 * a physical meaning exist, so {@code 1.GiB + 1.s} or {@code 1.GiB + 5} fails (a compile error under type checking,
 * a one-line error naming both units otherwise): units never mix silently.
 */
public final class UnitExtensions {
    private UnitExtensions() {}

    // sizes: binary (KiB = 1024 B) and decimal (kB = 1000 B)
    /** {@code 40.percent}: a share of memory that is not zero pages, for {@code nonZero}. */
    public static io.livemig.profile.MemoryComposition getPercent(Number self) {
        return io.livemig.profile.MemoryComposition.ofNonZeroFraction(self.doubleValue() / 100);
    }

    public static DataSize getB(Number self) {
        return DataSize.ofBytes(self.longValue());
    }

    public static DataSize getKiB(Number self) {
        return DataSize.ofKiB(self.doubleValue());
    }

    public static DataSize getMiB(Number self) {
        return DataSize.ofMiB(self.doubleValue());
    }

    public static DataSize getGiB(Number self) {
        return DataSize.ofGiB(self.doubleValue());
    }

    public static DataSize getTiB(Number self) {
        return DataSize.ofGiB(self.doubleValue() * 1024);
    }

    public static DataSize getKB(Number self) {
        return decimal(self, 1e3);
    }

    public static DataSize getMB(Number self) {
        return decimal(self, 1e6);
    }

    public static DataSize getGB(Number self) {
        return decimal(self, 1e9);
    }

    // rates: bytes per second (MBps = 10^6 B/s, MiBps = 2^20 B/s) and bits per second (Mbps, Gbps)
    public static DataRate getBps(Number self) {
        return rate(DataRate.ofBytesPerSecond(self.doubleValue()));
    }

    public static DataRate getKiBps(Number self) {
        return rate(DataRate.ofKiBps(self.doubleValue()));
    }

    public static DataRate getMiBps(Number self) {
        return rate(DataRate.ofMiBps(self.doubleValue()));
    }

    public static DataRate getGiBps(Number self) {
        return rate(DataRate.ofGiBps(self.doubleValue()));
    }

    public static DataRate getMBps(Number self) {
        return rate(DataRate.ofMBps(self.doubleValue()));
    }

    public static DataRate getGBps(Number self) {
        return rate(DataRate.ofGBps(self.doubleValue()));
    }

    public static DataRate getMbps(Number self) {
        return rate(DataRate.ofMbps(self.doubleValue()));
    }

    public static DataRate getGbps(Number self) {
        return rate(DataRate.ofGbps(self.doubleValue()));
    }

    // durations
    public static Duration getS(Number self) {
        return seconds(self.doubleValue());
    }

    public static Duration getMs(Number self) {
        return seconds(self.doubleValue() / 1e3);
    }

    public static Duration getMin(Number self) {
        return seconds(self.doubleValue() * 60);
    }

    public static Duration getH(Number self) {
        return seconds(self.doubleValue() * 3600);
    }

    // size arithmetic (plus and minus of two sizes are DataSize's own methods)
    public static DataSize multiply(DataSize self, Number factor) {
        return self.times(factor.doubleValue());
    }

    public static DataSize multiply(Number self, DataSize size) {
        return size.times(self.doubleValue());
    }

    public static DataSize div(DataSize self, Number divisor) {
        return self.times(1 / nonZero(divisor, "divide a size by"));
    }

    public static double div(DataSize self, DataSize other) {
        return self.bytes() / (double) other.bytes();
    }
    /** Size over rate: the time to send it. */
    public static Duration div(DataSize self, DataRate rate) {
        return seconds(rate.secondsFor(self));
    }
    /** Size over time: the rate that sends it in that time. */
    public static DataRate div(DataSize self, Duration time) {
        return DataRate.ofBytesPerSecond(self.bytes() / toSeconds(time));
    }

    /** {@code -5.MBps}: sizes and rates are never negative; say so instead of "no method negative". */
    public static DataSize negative(DataSize self) {
        throw new IllegalArgumentException("a size cannot be negative, got -" + self + "; expected e.g. "
                + self.toString().replace(" ", "."));
    }

    public static DataRate negative(DataRate self) {
        throw new IllegalArgumentException(
                "a rate cannot be negative, got -" + self + "; expected a rate > 0 such as 100.MBps");
    }

    /** Groovy has no unary minus for a {@link Duration}; a negative time is never meant. */
    public static Duration negative(Duration self) {
        throw new IllegalArgumentException("a time cannot be negative, got -"
                + self.toString().substring(2).toLowerCase() + "; expected a time > 0 such as 300.ms");
    }

    // rate arithmetic
    public static DataRate plus(DataRate self, DataRate other) {
        return DataRate.ofBytesPerSecond(self.bytesPerSecond() + other.bytesPerSecond());
    }

    public static DataRate minus(DataRate self, DataRate other) {
        return DataRate.ofBytesPerSecond(self.bytesPerSecond() - other.bytesPerSecond());
    }

    public static DataRate multiply(DataRate self, Number factor) {
        return self.times(factor.doubleValue());
    }

    public static DataRate multiply(Number self, DataRate rate) {
        return rate.times(self.doubleValue());
    }

    public static DataRate div(DataRate self, Number divisor) {
        return self.times(1 / nonZero(divisor, "divide a rate by"));
    }

    public static double div(DataRate self, DataRate other) {
        return self.bytesPerSecond() / other.bytesPerSecond();
    }
    /** Rate times time: the data sent. */
    public static DataSize multiply(DataRate self, Duration time) {
        return DataSize.ofBytes(Math.round(self.bytesPerSecond() * toSeconds(time)));
    }

    public static DataSize multiply(Duration self, DataRate rate) {
        return multiply(rate, self);
    }

    // duration arithmetic (plus and minus of two durations are Duration's own methods)
    public static Duration multiply(Duration self, Number factor) {
        return seconds(toSeconds(self) * factor.doubleValue());
    }

    public static Duration multiply(Number self, Duration d) {
        return multiply(d, self);
    }

    public static Duration div(Duration self, Number divisor) {
        return seconds(toSeconds(self) / nonZero(divisor, "divide a duration by"));
    }

    public static double div(Duration self, Duration other) {
        return toSeconds(self) / toSeconds(other);
    }

    /** A duration in seconds, as a double (nanosecond resolution). */
    public static double toSeconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** Seconds as a {@link Duration}, rounded to the nanosecond. */
    public static Duration seconds(double s) {
        if (!Double.isFinite(s)) throw new IllegalArgumentException("duration must be finite, got " + s + " s");
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    private static DataSize decimal(Number n, double unitBytes) {
        return DataSize.ofBytes(Math.round(n.doubleValue() * unitBytes));
    }

    private static DataRate rate(DataRate r) {
        return r;
    }

    private static double nonZero(Number n, String what) {
        double d = n.doubleValue();
        if (d == 0) throw new IllegalArgumentException("cannot " + what + " zero");
        return d;
    }
}
