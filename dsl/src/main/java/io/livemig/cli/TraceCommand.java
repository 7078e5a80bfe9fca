package io.livemig.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.livemig.Check;
import io.livemig.dsl.render.Tables;
import io.livemig.trace.DirtyRateEstimator;
import io.livemig.trace.Trace;
import io.livemig.trace.TraceFit;
import io.livemig.trace.TraceFormat;
import io.livemig.trace.TraceGenerator;
import io.livemig.trace.TraceHeader;
import io.livemig.trace.TraceReader;
import io.livemig.trace.TraceReaders;
import io.livemig.trace.TwinTarget;
import io.livemig.trace.Workload;
import io.livemig.units.DataSize;
import io.livemig.units.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

/** {@code livemig trace info|fit|convert|generate|summary}: dirty-page traces from the command line. */
@Command(
        name = "trace",
        mixinStandardHelpOptions = true,
        description = "Reads, fits, converts and generates dirty-page traces.")
final class TraceCommand implements Callable<Integer> {

    /**
     * The subcommands, in the order {@code --help} lists them; not in the {@code @Command} annotation, for the reason
     * {@link Main#COMMANDS} gives: {@code Main} adds only the one the arguments name, else all of them.
     */
    static final List<Main.BuiltIn> SUBCOMMANDS = List.of(
            new Main.BuiltIn("info", Info.class),
            new Main.BuiltIn("fit", Fit.class),
            new Main.BuiltIn("convert", Convert.class),
            new Main.BuiltIn("generate", Generate.class),
            new Main.BuiltIn("summary", Summary.class));

    @Override
    public Integer call() {
        throw new IllegalArgumentException(
                "expected a subcommand: info, fit, convert, generate or summary (see livemig trace --help)");
    }

    /** Options for CSV files that carry no metadata line. */
    static final class CsvDefaults {
        @Option(
                names = "--unit",
                defaultValue = "100ms",
                description = "unit of a CSV without metadata (default: ${DEFAULT-VALUE})")
        String unit;

        @Option(names = "--memory-pages", description = "memory of a CSV without metadata, pages")
        Long memoryPages;

        TraceReaders readers() {
            TraceReaders r = Trace.read().unitMillis(Durations.parseSeconds(unit) * 1000);
            return memoryPages != null ? r.memoryPages(memoryPages) : r;
        }
    }

    static Path existing(Path p) {
        TraceReaders.requireFile(p);
        return p;
    }

    /** Where the measured dataset is: $LIVEMIG_DATASET, else &lt;repo root&gt;/../shared/datasets/nathan-socc15. */
    static Path datasetDir() {
        return io.livemig.validate.Dataset.defaultLocation();
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    @Command(
            name = "info",
            mixinStandardHelpOptions = true,
            description = "Header and size of a trace, read without loading it.")
    static final class Info implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @picocli.CommandLine.Mixin
        CsvDefaults csv = new CsvDefaults();

        @Override
        public Integer call() throws Exception {
            existing(file);
            long units = 0, events = 0, maxPage = -1;
            TraceHeader h;
            boolean pages;
            try (TraceReader r = csv.readers().open(file)) {
                h = r.header();
                pages = r.hasPages();
                for (TraceReader.Unit u = r.next(); u != null; u = r.next()) {
                    units++;
                    events += u.dirtied();
                    if (u.pages() != null && !u.pages().isEmpty())
                        maxPage = Math.max(
                                maxPage, Integer.toUnsignedLong(u.pages().last()));
                }
            }
            long memory = h.memoryKnown() ? h.memoryPages() : maxPage + 1;
            if (json) {
                JsonObject o = new JsonObject();
                o.addProperty("file", String.valueOf(file.getFileName()));
                o.addProperty("format", TraceFormat.of(file).cliName());
                o.addProperty("unit_ms", h.unitSeconds() * 1000);
                o.addProperty("units", units);
                o.addProperty("memory_pages", memory);
                o.addProperty("page_size", h.pageSizeBytes());
                o.addProperty("events", events);
                o.addProperty("has_pages", pages);
                if (h.nonZeroKnown()) o.addProperty("nonzero_pages", h.nonZeroPages());
                o.addProperty("bytes", Files.size(file));
                System.out.println(new GsonBuilder().create().toJson(o));
            } else {
                System.out.printf(
                        Locale.ROOT,
                        "%s: %s trace, %d units of %s ms (%.1f s), memory %d pages of %d B (%s)%s%s, "
                                + "%d dirtied-page events, %s on disk%n",
                        file.getFileName(),
                        TraceFormat.of(file).cliName(),
                        units,
                        fmt(h.unitSeconds() * 1000),
                        units * h.unitSeconds(),
                        memory,
                        h.pageSizeBytes(),
                        DataSize.ofBytes(memory * h.pageSizeBytes()),
                        h.memoryKnown() ? "" : " (from the largest page)",
                        h.nonZeroKnown()
                                ? String.format(
                                        Locale.ROOT,
                                        ", %d non-zero (%.1f %%)",
                                        h.nonZeroPages(),
                                        100.0 * h.nonZeroPages() / memory)
                                : "",
                        events,
                        DataSize.ofBytes(Files.size(file)),
                        pages ? "" : ", counts only");
            }
            return 0;
        }
    }

    @Command(
            name = "fit",
            mixinStandardHelpOptions = true,
            description = "Fits S, S_new^T (T = 1…10 s) and M_w in one streaming pass; S and S_new in pages per unit.")
    static final class Fit implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(
                names = "--json",
                description =
                        "print {\"unit_ms\",\"s\",\"s_new\":[...],\"m_w\",\"pages\",\"units\",\"d_t\":[...],\"nonzero_pages\"}; d_t is the empirical D(T) for T = 1…N units")
        boolean json;

        @Option(names = "--curve", description = "also print the empirical D(T) beside the fitted one")
        boolean curve;

        @Option(
                names = "--estimators",
                description = "also print every existing dirty-rate estimator (loads the trace)")
        boolean estimators;

        @picocli.CommandLine.Mixin
        CsvDefaults csv = new CsvDefaults();

        @Override
        public Integer call() {
            existing(file);
            TraceFit f;
            try (TraceReader r = csv.readers().open(file)) {
                f = TraceFit.of(r);
            }
            if (json) {
                JsonObject o = new JsonObject();
                o.addProperty("unit_ms", f.header().unitSeconds() * 1000);
                o.addProperty("s", f.sPages());
                if (f.hasPages()) {
                    JsonArray a = new JsonArray();
                    for (double v : f.sNewPages()) a.add(v);
                    o.add("s_new", a);
                    o.addProperty("m_w", f.mwPages());
                    JsonArray d = new JsonArray();
                    for (double v : f.empiricalD()) d.add(v);
                    o.add("d_t", d);
                } else {
                    o.add("s_new", JsonNull.INSTANCE);
                    o.add("m_w", JsonNull.INSTANCE);
                    o.add("d_t", JsonNull.INSTANCE);
                }
                if (f.header().nonZeroKnown())
                    o.addProperty("nonzero_pages", f.header().nonZeroPages());
                else o.add("nonzero_pages", JsonNull.INSTANCE);
                o.addProperty("pages", f.header().memoryPages());
                o.addProperty("units", f.units());
                System.out.println(new GsonBuilder()
                        .serializeNulls()
                        .serializeSpecialFloatingPointValues()
                        .create()
                        .toJson(o));
                return 0;
            }
            System.out.println(Tables.readable(f.toTable()).printAll());
            if (!f.hasPages()) System.out.println("counts-only trace: S_new and M_w need page numbers");
            if (curve && f.hasPages())
                System.out.println(Tables.readable(f.curveTable()).printAll());
            if (estimators) {
                Trace t = csv.readers().file(file);
                System.out.println("dirty-rate estimators (pages/s):");
                for (DirtyRateEstimator e : DirtyRateEstimator.defaults()) {
                    System.out.println("  " + e.name() + ": "
                            + (e.supports(t) ? fmt(e.pagesPerSecond(t)) : "n/a (needs page numbers)"));
                }
            }
            return 0;
        }
    }

    @Command(
            name = "convert",
            mixinStandardHelpOptions = true,
            description = "Converts between formats, streaming, through a temporary file renamed at the end.")
    static final class Convert implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "IN")
        Path in;

        @Parameters(index = "1", paramLabel = "OUT")
        Path out;

        @Option(names = "--to", description = "pages, counts or lmt (default: from OUT's name)")
        String to;

        @picocli.CommandLine.Mixin
        CsvDefaults csv = new CsvDefaults();

        @Override
        public Integer call() {
            existing(in);
            TraceFormat f = to != null ? TraceFormat.named(to) : TraceFormat.of(out);
            csv.readers().convert(in, out, f);
            System.out.println("wrote " + out);
            return 0;
        }
    }

    @Command(
            name = "generate",
            mixinStandardHelpOptions = true,
            description = "Writes a seeded synthetic trace: a workload shape, or the twin of a measured workload.")
    static final class Generate implements Callable<Integer> {
        @Parameters(paramLabel = "OUT", description = "output file; .lmt, .csv, .csv.gz or .counts.csv")
        Path out;

        @Option(
                names = "--shape",
                defaultValue = "uniform",
                description = "uniform, hot-cold, scan, phases, growing-heap or twin (default: ${DEFAULT-VALUE})")
        String shape;

        @Option(names = "--twin", description = "workload of the dataset's params.csv to twin (implies --shape twin)")
        String twin;

        @Option(names = "--params", description = "params.csv (default: the dataset's)")
        Path params;

        @Option(
                names = "--memory",
                defaultValue = "1GiB",
                description = "VM memory (default: ${DEFAULT-VALUE}; a twin has its workload's)")
        String memory;

        @Option(
                names = "--units",
                defaultValue = "600",
                description = "number of 100 ms units (default: ${DEFAULT-VALUE}; a twin has its own length)")
        int units;

        @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--working-set", description = "uniform/scan: working set or region, pages")
        Long workingSet;

        @Option(names = "--per-unit", description = "uniform/scan: pages dirtied per unit")
        Long perUnit;

        @Option(
                names = "--nonzero",
                description =
                        "memory that is not zero pages (52000, 0.4 or 40%%), written to the trace's header; the pages the trace never dirties are the zero ones")
        String nonZero;

        @Override
        public Integer call() {
            String name = String.valueOf(out.getFileName()).replaceAll("\\..*$", "");
            if (twin != null || shape.equals("twin")) {
                if (twin == null)
                    throw new IllegalArgumentException(
                            "--shape twin needs --twin WORKLOAD, e.g. --twin dacapo-eclipse");
                Path p = params != null ? params : datasetDir().resolve("params.csv");
                io.livemig.trace.AtomicOutput.refuseInputs(out, p);
                // a twin is bounded (TraceGenerator.TWIN_EVENT_BUDGET) and built whole: its M_w burst goes in unit 0
                Trace t = TraceGenerator.twin(TwinTarget.fromParams(p, twin), seed)
                        .withName(name);
                if (nonZero != null) t = t.withNonZeroPages(nonZeroPages(t.memoryPages()));
                t.write(TraceFormat.of(out), out);
                System.out.println(wrote(out, t.unitCount(), t.header()));
                return 0;
            }
            Check.positive("--units", units, "units");
            long m = DataSize.parse(memory).pages(4096);
            if (m <= 0) throw new IllegalArgumentException("--memory must be at least one page, got " + memory);
            TraceHeader h = new TraceHeader(4096, m, 0.1);
            if (nonZero != null) h = h.withNonZeroPages(nonZeroPages(m));
            // streamed: a long trace never sits in memory
            TraceGenerator.write(shape(m), h, units, seed, TraceFormat.of(out), out);
            System.out.println(wrote(out, units, h));
            return 0;
        }

        /** One line for a shape and a twin alike: what was written, in the header's terms. */
        private static String wrote(Path out, int units, TraceHeader h) {
            return "wrote " + out + ": " + units + " units of " + fmt(h.unitSeconds() * 1000) + " ms, "
                    + h.memoryPages() + " pages of " + h.pageSizeBytes() + " B"
                    + (h.nonZeroKnown() ? ", " + h.nonZeroPages() + " non-zero" : "");
        }

        private long nonZeroPages(long memoryPages) {
            return Math.round(io.livemig.profile.MemoryComposition.parse(nonZero)
                    .checkFits("--nonzero", memoryPages)
                    .nonZeroPages(memoryPages));
        }

        private Workload shape(long m) {
            return Workload.named(shape, m, workingSet, perUnit);
        }
    }

    @Command(
            name = "summary",
            mixinStandardHelpOptions = true,
            description =
                    "Per-unit summary (unit, time, dirtied, new since start, cumulative unique) and the D(T) curve.")
    static final class Summary implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--rows", defaultValue = "20", description = "rows to print (default: ${DEFAULT-VALUE})")
        int rows;

        @Option(names = "--csv", description = "write the full per-unit table to this CSV file")
        Path csvOut;

        @picocli.CommandLine.Mixin
        CsvDefaults csv = new CsvDefaults();

        @Override
        public Integer call() {
            Check.that(rows >= 0, "--rows must be >= 0, got " + rows);
            if (csvOut != null) io.livemig.trace.AtomicOutput.refuseInputs(csvOut, file); // before any work
            Trace t = csv.readers().file(existing(file));
            Table s = t.summary();
            System.out.println(
                    s.rowCount() > rows
                            ? Tables.readable(s.first(rows)).printAll() + "\n… " + (s.rowCount() - rows) + " more rows"
                            : Tables.readable(s).printAll());
            if (t.hasPages()) {
                Table c = t.dirtyCurve();
                Table every10 =
                        c.where(c.intColumn(io.livemig.trace.TraceFit.UNITS).eval(v -> v == 1 || v % 10 == 0));
                System.out.println(Tables.readable(every10).printAll());
            }
            if (csvOut != null) {
                io.livemig.dsl.render.ResultFiles.writeCsv(s, csvOut, file);
            }
            return 0;
        }
    }
}
