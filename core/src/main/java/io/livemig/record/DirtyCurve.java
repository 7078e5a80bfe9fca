package io.livemig.record;

import io.livemig.Check;
import io.livemig.profile.CurveDirtyProfile;
import io.livemig.profile.MemoryComposition;
import io.livemig.profile.Vm;
import io.livemig.units.DataSize;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A VM's dirty curve D(T) as measured live: for each window length T, the unique pages the guest dirtied in T, with
 * the interval the measurement allows ({@link Point#lowerPages()}, {@link Point#upperPages()}). The file format is
 * {@code docs/dirty-curve-format.md}; {@link DirtyCurveFile} reads and writes it, {@link DirtyRateRecorder} measures it.
 *
 * <p>{@link #profile(Bound)} turns the points into the {@link CurveDirtyProfile} the QEMU-accurate model reads: the
 * points on a grid of unit u (the greatest common divisor of the windows, so every measured window is a grid point),
 * linear in between and from 0 below the shortest window, and beyond the longest window the curve's saturating
 * extension towards M_w ({@link #mwPagesOrDefault()}).
 *
 * @param name         the VM's name
 * @param memoryBytes  guest memory ({@code query-memory-size-summary}: base + plugged), bytes
 * @param pageSizeBytes guest page size, bytes
 * @param nonZeroPages pages of memory that are not zero, when known (given by the user); empty otherwise
 * @param mwPages      M_w for the extension past the last window, pages, when given; empty: {@link #mwPagesOrDefault()}
 * @param source       how it was measured: QEMU version, mode, sample pages, time unit
 * @param startedAt    when the first window started
 * @param finishedAt   when the last window ended (or the measurement was interrupted)
 * @param partial      true when the measurement was interrupted: fewer windows or repeats than asked
 * @param notes        what a reader should know (seconds-only QEMU, interrupted, ...)
 * @param points       one per window length, ascending
 */
public record DirtyCurve(
        String name,
        long memoryBytes,
        int pageSizeBytes,
        Optional<Double> nonZeroPages,
        Optional<Double> mwPages,
        Source source,
        Instant startedAt,
        Instant finishedAt,
        boolean partial,
        List<String> notes,
        List<Point> points) {

    /** Which of the three curves a profile follows: the measured values or the ends of their intervals. */
    public enum Bound {
        LOWER,
        MEASURED,
        UPPER
    }

    /**
     * How QEMU measured.
     *
     * @param qemuVersion       QEMU's version from the QMP greeting, e.g. {@code 10.0.2}
     * @param mode              {@code page-sampling}, {@code dirty-bitmap} or {@code dirty-ring}
     * @param samplePagesPerGiB pages sampled per GiB of memory (page-sampling), 0 for the other modes
     * @param timeUnit          {@code millisecond} (QEMU ≥ 8.2) or {@code second}
     */
    public record Source(String qemuVersion, String mode, int samplePagesPerGiB, String timeUnit) {
        public Source {
            Check.notNull("qemu version", qemuVersion);
            Check.notNull("mode", mode);
            Check.notNull("time unit", timeUnit);
            Check.that(samplePagesPerGiB >= 0, "sample pages must be >= 0 per GiB, got " + samplePagesPerGiB);
        }

        /** True for page-sampling: the result is an estimate from a random sample of pages. */
        public boolean sampled() {
            return mode.equals("page-sampling");
        }
    }

    /**
     * One reading: QEMU's {@code dirty-rate} for one window (an integer, MiB/s, rounded down). QEMU divides by the time
     * it actually measured ({@code calcTimeMs}, a few ms over the window asked for), so rate × window is D(window)
     * scaled linearly from D(calc time).
     *
     * @param rateMiBps  QEMU's dirty rate, MiB/s
     * @param startedAt  when the window started (host clock, as seen by the recorder)
     * @param calcTimeMs the time QEMU measured ({@code calc-time} of {@code query-dirty-rate}), ms
     */
    public record Sample(long rateMiBps, Instant startedAt, long calcTimeMs) {
        public Sample {
            Check.that(rateMiBps >= 0, "dirty rate must be >= 0 MiB/s, got " + rateMiBps + " MiB/s");
            Check.notNull("sample start", startedAt);
            Check.that(calcTimeMs >= 0, "calc time must be >= 0 ms, got " + calcTimeMs + " ms");
        }
    }

    /**
     * D(T) at one window length T.
     *
     * @param windowSeconds   T, seconds
     * @param dirtiedPages    the mean over the samples of the D(T) each reading implies ({@link #of}), pages
     * @param lowerPages      the lowest D(T) the samples allow: the mean of their lower ends less two standard errors of the mean
     * @param upperPages      the highest: the mean of their upper ends plus two standard errors of the mean
     * @param resolutionPages the smallest step the measurement shows: 1 MiB/s × T, or one sampled page's share of memory
     *                        (page-sampling), whichever is larger
     * @param samples         the readings, in the order taken
     */
    public record Point(
            double windowSeconds,
            double dirtiedPages,
            double lowerPages,
            double upperPages,
            double resolutionPages,
            List<Sample> samples) {
        public Point {
            Check.positive("window", windowSeconds, "s");
            Check.nonNegative("D(T) at " + windowSeconds + " s", dirtiedPages, "pages");
            Check.that(
                    lowerPages >= 0 && lowerPages <= dirtiedPages && dirtiedPages <= upperPages,
                    "window " + windowSeconds + " s: expected 0 <= lower <= dirtied <= upper pages, got " + lowerPages
                            + ", " + dirtiedPages + ", " + upperPages);
            Check.nonNegative("resolution at " + windowSeconds + " s", resolutionPages, "pages");
            samples = List.copyOf(samples);
        }

        /**
         * The point the readings of one window make, with its interval. QEMU reports
         * r = floor(dirty samples × memory MiB × 1000 / (samples × ms)) (QEMU's {@code migration/dirtyrate.c}), ms
         * being the time it actually measured. Page-sampling hashes n = memory GiB × sample pages random pages (one
         * RAM block of the memory's size is assumed), so one dirty sample moves the rate by q = memory MiB / (n × s):
         * the readings r allow k_lo … k_hi dirty samples (all k with floor(k·q) = r), and D is their midpoint × memory / n;
         * the interval adds two standard errors, memory × √(p̃(1−p̃)/n) with p̃ = (k+2)/(n+4) (Agresti–Coull). The other
         * modes count every page: D = (r + ½) × s MiB, in [r·s, (r+1)·s). D at the measured time is scaled to the
         * window asked for (× window / measured time; a few ms apart). Over several readings the point is their mean,
         * its interval the mean of their rounding intervals widened by two standard errors of the mean: the larger of
         * the sampling error and the readings' own standard deviation, ÷ √readings (the guest's dirtying may vary from
         * one window to the next more than QEMU's sampling does).
         *
         * @throws IllegalArgumentException if there is no sample
         */
        public static Point of(
                double windowSeconds, List<Sample> samples, long memoryBytes, int pageSizeBytes, Source source) {
            Check.that(!samples.isEmpty(), "window " + windowSeconds + " s: no sample; expected at least one reading");
            double pagesPerMiB = DataSize.MIB / (double) pageSizeBytes;
            double memMiB = memoryBytes / (double) DataSize.MIB;
            double n = source.sampled()
                    ? Math.max(1, Math.floor(memoryBytes * (double) source.samplePagesPerGiB() / DataSize.GIB))
                    : 0;
            double sum = 0, sumSq = 0, sumLo = 0, sumHi = 0, sumSe = 0;
            for (Sample s : samples) {
                double calc = s.calcTimeMs() > 0 ? s.calcTimeMs() / 1000.0 : windowSeconds;
                double scale = windowSeconds / calc;
                double lo, mid, hi, se = 0;
                if (n > 0) {
                    double q = memMiB / (n * calc);
                    double kLo = Math.ceil(s.rateMiBps() / q - 1e-9),
                            kHi = Math.ceil((s.rateMiBps() + 1) / q - 1e-9) - 1;
                    if (kHi < kLo) kLo = kHi = Math.round(s.rateMiBps() / q);
                    kHi = Math.min(kHi, n);
                    kLo = Math.min(kLo, kHi);
                    double k = (kLo + kHi) / 2;
                    double p = (k + 2) / (n + 4);
                    se = memMiB * Math.sqrt(p * (1 - p) / n) * scale;
                    lo = kLo * memMiB / n * scale;
                    mid = k * memMiB / n * scale;
                    hi = kHi * memMiB / n * scale;
                } else {
                    lo = s.rateMiBps() * windowSeconds;
                    mid = (s.rateMiBps() + 0.5) * windowSeconds;
                    hi = (s.rateMiBps() + 1) * windowSeconds;
                }
                sum += mid;
                sumSq += mid * mid;
                sumLo += lo;
                sumHi += hi;
                sumSe += se;
            }
            int k = samples.size();
            // the mean of k readings: its rounding interval is the mean of theirs; its error is QEMU's sampling error
            // or,
            // when the readings disagree more than that (a guest whose dirtying has phases), their own spread, over √k
            double spread = k >= 2 ? Math.sqrt(Math.max(0, (sumSq - sum * sum / k) / (k - 1))) : 0;
            double twoSe = 2 * Math.max(sumSe / k, spread) / Math.sqrt(k);
            double lower = Math.max(0, sumLo / k - twoSe), upper = Math.min(memMiB, sumHi / k + twoSe);
            double mean = sum / samples.size();
            double resolutionMiB = Math.max(windowSeconds, n > 0 ? memMiB / n : 0);
            return new Point(
                    windowSeconds,
                    mean * pagesPerMiB,
                    Math.min(lower, mean) * pagesPerMiB,
                    Math.max(upper, mean) * pagesPerMiB,
                    resolutionMiB * pagesPerMiB,
                    samples);
        }

        double pages(Bound b) {
            return switch (b) {
                case LOWER -> lowerPages;
                case MEASURED -> dirtiedPages;
                case UPPER -> upperPages;
            };
        }
    }

    /** The smallest D(T) a profile may start from: a window read as 0 pages still dirtied something (the kernel's ~25 pages/s). */
    public static final double MIN_PAGES = 1;

    /** @throws IllegalArgumentException naming the field and its value */
    public DirtyCurve {
        Check.notNull("name", name);
        Check.that(memoryBytes > 0, "dirty curve '" + name + "': memory must be > 0 B, got " + memoryBytes + " B");
        Check.positive("page size", pageSizeBytes, "B");
        Check.notNull("non-zero pages", nonZeroPages);
        Check.notNull("M_w", mwPages);
        Check.notNull("source", source);
        Check.notNull("start", startedAt);
        Check.notNull("finish", finishedAt);
        notes = List.copyOf(notes);
        List<Point> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(Point::windowSeconds));
        for (int i = 1; i < sorted.size(); i++) {
            Check.that(
                    sorted.get(i).windowSeconds() != sorted.get(i - 1).windowSeconds(),
                    "dirty curve '" + name + "': window " + sorted.get(i).windowSeconds() + " s appears twice");
        }
        points = List.copyOf(sorted);
        double memPages = memoryBytes / (double) pageSizeBytes;
        nonZeroPages.ifPresent(v -> Check.that(
                v >= 0 && v <= memPages,
                "dirty curve '" + name + "': non-zero pages must be in [0, " + (long) memPages + "], got " + v));
        mwPages.ifPresent(v -> Check.that(
                v > 0 && v <= memPages,
                "dirty curve '" + name + "': M_w must be in (0, " + (long) memPages + "] pages, got " + v));
    }

    /** Memory in pages. */
    public double memoryPages() {
        return memoryBytes / (double) pageSizeBytes;
    }

    /**
     * M_w for the profile: as given, else the upper end of the longest window's interval: the most the measurement
     * allows the guest to have dirtied. Not the memory: the QEMU-accurate model takes every page within M_w to be
     * writable, hence non-zero, so M_w = memory would cancel the zero pages (and overstate a 256 MiB lab guest's
     * traffic twofold). A working set that still grows past the longest window needs a longer window or a given M_w.
     */
    public double mwPagesOrDefault() {
        return mwPages.orElseGet(() -> points.isEmpty()
                ? memoryPages()
                : Math.min(memoryPages(), points.get(points.size() - 1).upperPages()));
    }

    /** The composition the QEMU-accurate model reads: the non-zero pages if known, else every page non-zero. */
    public MemoryComposition composition() {
        return nonZeroPages.map(MemoryComposition::ofNonZeroPages).orElse(MemoryComposition.allNonZero());
    }

    /** The measured curve as a profile; {@link #profile(Bound)}. */
    public CurveDirtyProfile profile() {
        return profile(Bound.MEASURED);
    }

    /**
     * The points (of one bound) as a {@link CurveDirtyProfile}: unit u = gcd of the windows (whole milliseconds; the
     * shortest window when that would take more than 100 000 grid points), linear interpolation between measured
     * windows and from 0 below the shortest. A point below {@link #MIN_PAGES} counts as {@link #MIN_PAGES}.
     *
     * @throws IllegalArgumentException if the curve has no points
     */
    public CurveDirtyProfile profile(Bound bound) {
        Check.that(!points.isEmpty(), "dirty curve '" + name + "': no measured window; expected at least one point");
        double unit = unitSeconds();
        double last = points.get(points.size() - 1).windowSeconds();
        int n = Math.max(1, (int) Math.round(last / unit));
        double mw = Math.max(mwPagesOrDefault(), MIN_PAGES);
        double[] grid = new double[n];
        for (int i = 0; i < n; i++) grid[i] = Math.min(mw, Math.max(MIN_PAGES, interpolate(bound, (i + 1) * unit)));
        return new CurveDirtyProfile(unit, grid, mw, pageSizeBytes);
    }

    /** D(T) at {@code seconds} by linear interpolation between the points of {@code bound} (from 0 below the first, flat past the last). */
    public double interpolate(Bound bound, double seconds) {
        Point first = points.get(0);
        if (seconds <= first.windowSeconds()) return first.pages(bound) * seconds / first.windowSeconds();
        for (int i = 1; i < points.size(); i++) {
            Point a = points.get(i - 1), b = points.get(i);
            if (seconds <= b.windowSeconds()) {
                double f = (seconds - a.windowSeconds()) / (b.windowSeconds() - a.windowSeconds());
                return a.pages(bound) + f * (b.pages(bound) - a.pages(bound));
            }
        }
        return points.get(points.size() - 1).pages(bound);
    }

    double unitSeconds() {
        long g = 0;
        for (Point p : points) g = gcd(g, Math.max(1, Math.round(p.windowSeconds() * 1000)));
        double last = points.get(points.size() - 1).windowSeconds();
        double unit = g / 1000.0;
        return last / unit > 100_000 ? points.get(0).windowSeconds() : unit;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** The VM the QEMU-accurate model sees: this memory, the profile of {@code bound} and the composition. */
    public Vm vm(Bound bound) {
        return Vm.of(name, DataSize.ofBytes(memoryBytes), profile(bound)).withComposition(composition());
    }

    /** {@link #vm(Bound)} at the measured values. */
    public Vm vm() {
        return vm(Bound.MEASURED);
    }

    public DirtyCurve withName(String n) {
        return new DirtyCurve(
                n,
                memoryBytes,
                pageSizeBytes,
                nonZeroPages,
                mwPages,
                source,
                startedAt,
                finishedAt,
                partial,
                notes,
                points);
    }

    /** This curve with {@code pages} of its memory not zero pages (the constructor checks the value). */
    public DirtyCurve withNonZeroPages(double pages) {
        return new DirtyCurve(
                name,
                memoryBytes,
                pageSizeBytes,
                Optional.of(pages),
                mwPages,
                source,
                startedAt,
                finishedAt,
                partial,
                notes,
                points);
    }

    /** This curve with M_w, where D(T) stops growing past the longest window, set to {@code pages}. */
    public DirtyCurve withMwPages(double pages) {
        return new DirtyCurve(
                name,
                memoryBytes,
                pageSizeBytes,
                nonZeroPages,
                Optional.of(pages),
                source,
                startedAt,
                finishedAt,
                partial,
                notes,
                points);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(
                Locale.ROOT,
                "dirty curve '%s': %s, %d windows%s",
                name,
                DataSize.ofBytes(memoryBytes),
                points.size(),
                partial ? " (partial)" : ""));
        for (Point p : points) {
            sb.append(String.format(
                    Locale.ROOT,
                    "; D(%s s) = %.0f [%.0f, %.0f] pages",
                    fmt(p.windowSeconds()),
                    p.dirtiedPages(),
                    p.lowerPages(),
                    p.upperPages()));
        }
        return sb.toString();
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
