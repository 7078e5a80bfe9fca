package io.livemig.record;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.livemig.TraceFormatException;
import io.livemig.trace.AtomicOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes a {@link DirtyCurve} as the JSON document of {@code docs/dirty-curve-format.md}. Writing goes
 * through {@link AtomicOutput}: a reader never sees half a file, and an interrupted measurement is written whole with
 * {@code "partial": true}. A malformed file is a {@link TraceFormatException} naming the file and the JSON field.
 */
public final class DirtyCurveFile {
    /** The value of the {@code format} field. */
    public static final String FORMAT = "livemig-dirty-curve";
    /** The format version this code writes and reads. */
    public static final int VERSION = 1;

    private DirtyCurveFile() {}

    /** True if {@code file} looks like a dirty-curve file by name ({@code .curve.json}) or by its {@code format} field. */
    public static boolean isCurveFile(Path file) {
        if (file.getFileName().toString().endsWith(".curve.json")) return true;
        if (!file.getFileName().toString().endsWith(".json") || !Files.isRegularFile(file)) return false;
        try {
            JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            return e.isJsonObject()
                    && e.getAsJsonObject().has("format")
                    && FORMAT.equals(e.getAsJsonObject().get("format").getAsString());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The curve as a JSON document. */
    public static JsonObject toJson(DirtyCurve c) {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("version", VERSION);
        o.addProperty("name", c.name());
        o.addProperty("partial", c.partial());
        o.addProperty("memory_bytes", c.memoryBytes());
        o.addProperty("page_size_bytes", c.pageSizeBytes());
        o.add(
                "non_zero_pages",
                c.nonZeroPages()
                        .<JsonElement>map(v -> new com.google.gson.JsonPrimitive(v))
                        .orElse(JsonNull.INSTANCE));
        o.add(
                "m_w_pages",
                c.mwPages()
                        .<JsonElement>map(v -> new com.google.gson.JsonPrimitive(v))
                        .orElse(JsonNull.INSTANCE));
        JsonObject q = new JsonObject();
        q.addProperty("version", c.source().qemuVersion());
        q.addProperty("mode", c.source().mode());
        q.addProperty("sample_pages_per_gib", c.source().samplePagesPerGiB());
        q.addProperty("time_unit", c.source().timeUnit());
        o.add("qemu", q);
        o.addProperty("started_at", c.startedAt().toString());
        o.addProperty("finished_at", c.finishedAt().toString());
        JsonArray notes = new JsonArray();
        c.notes().forEach(notes::add);
        o.add("notes", notes);
        JsonArray points = new JsonArray();
        for (DirtyCurve.Point p : c.points()) {
            JsonObject po = new JsonObject();
            po.addProperty("window_s", p.windowSeconds());
            po.addProperty("dirtied_pages", p.dirtiedPages());
            po.addProperty("lower_pages", p.lowerPages());
            po.addProperty("upper_pages", p.upperPages());
            po.addProperty("resolution_pages", p.resolutionPages());
            JsonArray samples = new JsonArray();
            for (DirtyCurve.Sample s : p.samples()) {
                JsonObject so = new JsonObject();
                so.addProperty("rate_mib_s", s.rateMiBps());
                so.addProperty("started_at", s.startedAt().toString());
                so.addProperty("calc_time_ms", s.calcTimeMs());
                samples.add(so);
            }
            po.add("samples", samples);
            points.add(po);
        }
        o.add("points", points);
        return o;
    }

    /** Writes {@code curve} to {@code file} through a temporary file renamed at the end. */
    public static void write(DirtyCurve curve, Path file) {
        String text =
                new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(toJson(curve)) + "\n";
        AtomicOutput.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a dirty-curve file.
     *
     * @throws TraceFormatException naming the file and the field when it is not a dirty curve or a field is wrong
     * @throws UncheckedIOException if it cannot be read
     */
    public static DirtyCurve read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(file + ": no such dirty-curve file", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject())
                throw new TraceFormatException(file, "document", -1, "expected a JSON object, got " + kind(e));
            o = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new TraceFormatException(file, "document", -1, "not JSON: " + firstLine(e.getMessage()));
        }
        return new Reader(file, o).curve();
    }

    private static final class Reader {
        private final Path file;
        private final JsonObject root;

        Reader(Path file, JsonObject root) {
            this.file = file;
            this.root = root;
        }

        DirtyCurve curve() {
            String format = string(root, "format", "format");
            if (!FORMAT.equals(format)) throw bad("format", "expected \"" + FORMAT + "\", got \"" + format + "\"");
            long version = (long) number(root, "version", "version");
            if (version != VERSION)
                throw bad("version", "expected " + VERSION + ", got " + version + " (written by a newer livemig?)");
            String name = root.has("name") ? string(root, "name", "name") : stem(file);
            long memory = (long) number(root, "memory_bytes", "memory_bytes");
            if (memory <= 0) throw bad("memory_bytes", "expected a size > 0 B, got " + memory);
            int page = root.has("page_size_bytes") ? (int) number(root, "page_size_bytes", "page_size_bytes") : 4096;
            if (page <= 0) throw bad("page_size_bytes", "expected a size > 0 B, got " + page);
            Optional<Double> nonZero = optionalNumber(root, "non_zero_pages");
            Optional<Double> mw = optionalNumber(root, "m_w_pages");
            JsonObject q = root.has("qemu") && root.get("qemu").isJsonObject()
                    ? root.getAsJsonObject("qemu")
                    : new JsonObject();
            DirtyCurve.Source source = new DirtyCurve.Source(
                    q.has("version") ? string(q, "version", "qemu.version") : "unknown",
                    q.has("mode") ? string(q, "mode", "qemu.mode") : "unknown",
                    q.has("sample_pages_per_gib")
                            ? (int) number(q, "sample_pages_per_gib", "qemu.sample_pages_per_gib")
                            : 0,
                    q.has("time_unit") ? string(q, "time_unit", "qemu.time_unit") : "unknown");
            boolean partial = root.has("partial") && bool(root, "partial", "partial");
            Instant started = root.has("started_at") ? instant(root, "started_at", "started_at") : Instant.EPOCH;
            Instant finished = root.has("finished_at") ? instant(root, "finished_at", "finished_at") : started;
            List<String> notes = new ArrayList<>();
            if (root.has("notes")) {
                JsonArray a = array(root, "notes", "notes");
                for (int i = 0; i < a.size(); i++) notes.add(stringValue(a.get(i), "notes[" + i + "]"));
            }
            JsonArray pa = array(root, "points", "points");
            if (pa.isEmpty()) throw bad("points", "expected at least one point, got none");
            List<DirtyCurve.Point> points = new ArrayList<>();
            for (int i = 0; i < pa.size(); i++) points.add(point(pa.get(i), "points[" + i + "]", memory, page, source));
            try {
                return new DirtyCurve(
                        name, memory, page, nonZero, mw, source, started, finished, partial, notes, points);
            } catch (IllegalArgumentException e) {
                throw bad("document", e.getMessage());
            }
        }

        /**
         * A point as stored; when it keeps its readings and the mode is known, its values are recomputed from them
         * ({@link DirtyCurve.Point#of}), so a file recorded by an older livemig gets the current estimator.
         */
        private DirtyCurve.Point point(JsonElement e, String where, long memory, int page, DirtyCurve.Source source) {
            if (!e.isJsonObject()) throw bad(where, "expected an object, got " + kind(e));
            JsonObject p = e.getAsJsonObject();
            double w = number(p, "window_s", where + ".window_s");
            if (!(w > 0)) throw bad(where + ".window_s", "expected a window > 0 s, got " + w);
            double d = number(p, "dirtied_pages", where + ".dirtied_pages");
            if (!(d >= 0)) throw bad(where + ".dirtied_pages", "expected pages >= 0, got " + d);
            double lo = p.has("lower_pages") ? number(p, "lower_pages", where + ".lower_pages") : d;
            double hi = p.has("upper_pages") ? number(p, "upper_pages", where + ".upper_pages") : d;
            double res = p.has("resolution_pages") ? number(p, "resolution_pages", where + ".resolution_pages") : 0;
            List<DirtyCurve.Sample> samples = new ArrayList<>();
            if (p.has("samples")) {
                JsonArray sa = array(p, "samples", where + ".samples");
                for (int i = 0; i < sa.size(); i++) {
                    String sw = where + ".samples[" + i + "]";
                    if (!sa.get(i).isJsonObject()) throw bad(sw, "expected an object, got " + kind(sa.get(i)));
                    JsonObject so = sa.get(i).getAsJsonObject();
                    double rate = number(so, "rate_mib_s", sw + ".rate_mib_s");
                    if (rate < 0 || rate != Math.rint(rate))
                        throw bad(sw + ".rate_mib_s", "expected a whole number of MiB/s >= 0, got " + rate);
                    long calc = so.has("calc_time_ms")
                            ? (long) number(so, "calc_time_ms", sw + ".calc_time_ms")
                            : Math.round(w * 1000);
                    if (calc < 0) throw bad(sw + ".calc_time_ms", "expected a time >= 0 ms, got " + calc);
                    samples.add(new DirtyCurve.Sample(
                            (long) rate,
                            so.has("started_at") ? instant(so, "started_at", sw + ".started_at") : Instant.EPOCH,
                            calc));
                }
            }
            try {
                if (!samples.isEmpty()
                        && List.of("page-sampling", "dirty-bitmap", "dirty-ring")
                                .contains(source.mode())
                        && (!source.sampled() || source.samplePagesPerGiB() > 0)) {
                    return DirtyCurve.Point.of(w, samples, memory, page, source);
                }
                return new DirtyCurve.Point(w, d, lo, hi, res, samples);
            } catch (IllegalArgumentException ex) {
                throw bad(where, ex.getMessage());
            }
        }

        private TraceFormatException bad(String where, String what) {
            return new TraceFormatException(file, where, -1, what);
        }

        private JsonElement member(JsonObject o, String key, String where) {
            JsonElement e = o.get(key);
            if (e == null || e.isJsonNull()) throw bad(where, "missing");
            return e;
        }

        private double number(JsonObject o, String key, String where) {
            JsonElement e = member(o, key, where);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber())
                throw bad(where, "expected a number, got " + kind(e));
            double v = e.getAsDouble();
            if (!Double.isFinite(v)) throw bad(where, "expected a finite number, got " + v);
            return v;
        }

        private Optional<Double> optionalNumber(JsonObject o, String key) {
            JsonElement e = o.get(key);
            if (e == null || e.isJsonNull()) return Optional.empty();
            return Optional.of(number(o, key, key));
        }

        private String string(JsonObject o, String key, String where) {
            return stringValue(member(o, key, where), where);
        }

        private String stringValue(JsonElement e, String where) {
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString())
                throw bad(where, "expected a string, got " + kind(e));
            return e.getAsString();
        }

        private boolean bool(JsonObject o, String key, String where) {
            JsonElement e = member(o, key, where);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean())
                throw bad(where, "expected true or false, got " + kind(e));
            return e.getAsBoolean();
        }

        private JsonArray array(JsonObject o, String key, String where) {
            JsonElement e = member(o, key, where);
            if (!e.isJsonArray()) throw bad(where, "expected an array, got " + kind(e));
            return e.getAsJsonArray();
        }

        private Instant instant(JsonObject o, String key, String where) {
            String s = string(o, key, where);
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                throw bad(where, "expected a UTC time such as 2026-01-31T08:00:00Z, got \"" + s + "\"");
            }
        }
    }

    private static String kind(JsonElement e) {
        if (e == null || e.isJsonNull()) return "null";
        if (e.isJsonArray()) return "an array";
        if (e.isJsonObject()) return "an object";
        String s = e.toString();
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** {@code web} for {@code web.curve.json}. */
    static String stem(Path file) {
        String n = file.getFileName().toString();
        if (n.endsWith(".curve.json")) return n.substring(0, n.length() - ".curve.json".length());
        if (n.endsWith(".json")) return n.substring(0, n.length() - ".json".length());
        return n;
    }
}
