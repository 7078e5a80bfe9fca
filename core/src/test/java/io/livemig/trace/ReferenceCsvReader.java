package io.livemig.trace;

import io.livemig.TraceFormatException;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.roaringbitmap.RoaringBitmap;

/**
 * The line-at-a-time CSV reader that {@link CsvTraceReader} replaced (a String and a long[] per row), kept as the
 * reference its byte-level parser is compared with ({@code CsvReaderDifferentialProperties}). One difference is
 * known and intended: this one counts characters, not bytes, and says "at byte 0" for metadata lines, so its offsets
 * are compared only on ASCII rows with LF line ends.
 */
final class ReferenceCsvReader implements TraceReader {
    private final String name;
    private final boolean counts;
    private final BufferedReader in;
    private final boolean gzip;
    private TraceHeader header;
    private long lineNo;
    private long byteOffset;
    private String pending; // a line read ahead
    private long pendingLine, pendingOffset;
    private int nextUnit;
    private long lastUnitSeen = -1;
    private final long declaredUnits;

    ReferenceCsvReader(Path path, boolean counts, TraceHeader defaults) {
        this.name = String.valueOf(path.getFileName());
        this.counts = counts;
        InputStream raw;
        try {
            raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
            raw.mark(2);
            int b0 = raw.read(), b1 = raw.read();
            raw.reset();
            if (b0 < 0) {
                raw.close();
                // an empty file is more often a failed export than a trace of no units
                throw new TraceFormatException(
                        name,
                        "line 1",
                        0,
                        "empty file; expected a header row '" + (counts ? "unit,dirtied" : "unit,page")
                                + "' and one row per " + (counts ? "unit" : "dirtied page"));
            }
            gzip = b0 == 0x1f && b1 == 0x8b;
            if (gzip) raw = new GZIPInputStream(raw, 1 << 16);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(name + ": no such file");
        } catch (IOException e) {
            throw new TraceFormatException(name, "header", 0, "cannot open: " + e.getMessage());
        }
        in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8), 1 << 16);
        TraceHeader h = defaults;
        long units = -1;
        try {
            String line;
            while ((line = readLine()) != null) {
                String t = line.strip();
                if (t.startsWith("#")) {
                    for (String kv : t.substring(1).trim().split("\\s+")) {
                        int eq = kv.indexOf('=');
                        if (eq < 0) continue;
                        String k = kv.substring(0, eq), v = kv.substring(eq + 1);
                        try {
                            switch (k) {
                                case "unit_ms" ->
                                    h = new TraceHeader(
                                            h.pageSizeBytes(),
                                            h.memoryPages(),
                                            Double.parseDouble(v) / 1000,
                                            h.nonZeroPages());
                                case "page_size" ->
                                    h = new TraceHeader(
                                            Integer.parseInt(v), h.memoryPages(), h.unitSeconds(), h.nonZeroPages());
                                case "memory_pages" -> h = h.withMemoryPages(Long.parseLong(v));
                                case "nonzero_pages" -> h = h.withNonZeroPages(Long.parseLong(v));
                                case "units" -> units = Long.parseLong(v);
                                default -> {
                                    /* unknown keys are for other tools */
                                }
                            }
                        } catch (IllegalArgumentException e) {
                            throw fail("metadata '" + kv + "': " + e.getMessage());
                        }
                    }
                    continue;
                }
                if (t.isEmpty()) continue;
                if (Character.isLetter(t.charAt(0))) {
                    String expected = counts ? "unit,dirtied" : "unit,page";
                    if (!t.replace(" ", "").equalsIgnoreCase(expected)) {
                        throw fail("unexpected header row; expected '" + expected + "', got '" + abbreviate(t) + "'");
                    }
                    continue;
                }
                pending = line;
                pendingLine = lineNo;
                pendingOffset = byteOffset - line.length() - 1;
                break;
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        header = h;
        declaredUnits = units;
    }

    private String readLine() {
        try {
            String line = in.readLine();
            if (line != null) {
                lineNo++;
                byteOffset += line.length() + 1;
                // a spreadsheet's UTF-8 byte order mark: three bytes before the first line, not part of it
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                    byteOffset += 2;
                }
            }
            return line;
        } catch (ZipException e) {
            throw new TraceFormatException(name, "line " + (lineNo + 1), -1, "corrupt gzip stream: " + e.getMessage());
        } catch (java.io.EOFException e) {
            throw new TraceFormatException(name, "line " + (lineNo + 1), -1, "truncated gzip stream");
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": read failed: " + e.getMessage(), e);
        }
    }

    private TraceFormatException fail(String what) {
        return fail(lineNo, what);
    }

    private TraceFormatException fail(long line, String what) {
        return new TraceFormatException(name, "line " + line, gzip ? -1 : Math.max(0, byteOffsetOfLine), what);
    }

    private long byteOffsetOfLine;

    /** At most 40 characters, with invisible ones (control characters, BOMs, zero widths) shown as \\uXXXX. */
    private static String abbreviate(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        StringBuilder b = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> {
            int type = Character.getType(c);
            boolean invisible = Character.isISOControl(c)
                    || type == Character.FORMAT
                    || type == Character.UNASSIGNED
                    || (Character.isWhitespace(c) && c != ' ');
            if (invisible) b.append(String.format("\\u%04X", c));
            else b.appendCodePoint(c);
        });
        return b.toString();
    }

    @Override
    public TraceHeader header() {
        return header;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean hasPages() {
        return !counts;
    }

    /** Parses "a,b" into two non-negative longs, or fails naming the line. */
    private long[] parse(String line, long no, long offset) {
        byteOffsetOfLine = offset;
        int comma = line.indexOf(',');
        String what = counts ? "'unit,dirtied'" : "'unit,page'";
        if (comma < 0 || line.indexOf(',', comma + 1) >= 0) {
            throw fail(no, "expected " + what + " with two non-negative integers, got '" + abbreviate(line) + "'");
        }
        try {
            long a = Long.parseLong(line.substring(0, comma).strip());
            long b = Long.parseLong(line.substring(comma + 1).strip());
            // pages below 2^31 − 1, the most memory a trace can declare (TraceHeader)
            if (a < 0 || b < 0 || a > Integer.MAX_VALUE - 1 || b >= Integer.MAX_VALUE)
                throw new NumberFormatException();
            return new long[] {a, b};
        } catch (NumberFormatException e) {
            throw fail(no, "expected " + what + " with two non-negative integers, got '" + abbreviate(line) + "'");
        }
    }

    @Override
    public Unit next() {
        // Units with no rows between two rows (or up to the declared count) are empty.
        if (pending == null) {
            if (declaredUnits > nextUnit) return emptyUnit();
            return null;
        }
        long[] first = parse(pending, pendingLine, pendingOffset);
        if (first[0] > nextUnit) return emptyUnit();
        if (first[0] < nextUnit) {
            throw fail(
                    pendingLine,
                    "unit " + first[0] + " after unit " + lastUnitSeen + "; expected units in nondecreasing order");
        }
        int unit = nextUnit;
        RoaringBitmap pages = counts ? null : new RoaringBitmap();
        long dirtied = 0;
        long[] row = first;
        while (true) {
            if (counts) {
                if (dirtied > 0 || row != first)
                    throw fail(pendingLine, "unit " + unit + " appears twice; expected one row per unit");
                if (header.memoryKnown() && row[1] > header.memoryPages()) {
                    throw fail(
                            pendingLine,
                            row[1] + " pages dirtied in one unit beyond memory; expected at most "
                                    + header.memoryPages());
                }
                dirtied = row[1];
            } else {
                if (header.memoryKnown() && row[1] >= header.memoryPages()) {
                    throw fail(
                            pendingLine, "page " + row[1] + " beyond memory; expected pages < " + header.memoryPages());
                }
                pages.add((int) row[1]);
            }
            lastUnitSeen = unit;
            String line;
            do {
                line = readLine();
            } while (line != null && (line.isBlank() || line.startsWith("#")));
            if (line == null) {
                pending = null;
                break;
            }
            pending = line;
            pendingLine = lineNo;
            pendingOffset = byteOffset - line.length() - 1;
            row = parse(line, pendingLine, pendingOffset);
            if (row[0] != unit) {
                if (row[0] < unit)
                    throw fail(
                            pendingLine,
                            "unit " + row[0] + " after unit " + unit + "; expected units in nondecreasing order");
                break;
            }
        }
        nextUnit++;
        return new Unit(unit, pages, counts ? dirtied : pages.getLongCardinality());
    }

    private Unit emptyUnit() {
        return new Unit(nextUnit++, counts ? null : new RoaringBitmap(), 0);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            /* read-only */
        }
    }
}
