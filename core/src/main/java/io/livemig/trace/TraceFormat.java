package io.livemig.trace;

import java.nio.file.Path;
import java.util.Locale;

/** The three trace formats (docs/trace-format.md). */
public enum TraceFormat {
    /** {@code unit,page} CSV, one row per dirtied page per unit, optionally gzipped. */
    PAGES_CSV("pages"),
    /** {@code unit,dirtied} CSV: counts only, enough for the average-rate estimators. */
    COUNTS_CSV("counts"),
    /** The project's binary format: versioned header, one checksummed RoaringBitmap frame per unit. */
    LMT("lmt");

    private final String cliName;

    TraceFormat(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** {@code .lmt} is binary; {@code .counts.csv} (optionally {@code .gz}) counts; any other CSV pages. */
    public static TraceFormat of(Path file) {
        String n = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) n = n.substring(0, n.length() - 3);
        if (n.endsWith(".lmt")) return LMT;
        if (n.endsWith(".counts.csv")) return COUNTS_CSV;
        if (n.endsWith(".csv")) return PAGES_CSV;
        throw new IllegalArgumentException(file.getFileName()
                + ": unknown trace format; expected a name ending in .lmt, " + ".csv, .csv.gz or .counts.csv");
    }

    /** A format by its command-line name: pages, counts, lmt. */
    public static TraceFormat named(String name) {
        for (TraceFormat f : values())
            if (f.cliName.equalsIgnoreCase(name) || f.name().equalsIgnoreCase(name)) return f;
        throw new IllegalArgumentException("unknown trace format '" + name + "'; expected one of pages, counts, lmt");
    }
}
