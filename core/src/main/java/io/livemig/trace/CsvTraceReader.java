package io.livemig.trace;

import io.livemig.TraceFormatException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.roaringbitmap.RoaringBitmap;

/**
 * Streams the CSV formats: {@code unit,page} rows (one per dirtied page per unit) or {@code unit,dirtied} counts, plain
 * or gzipped (recognised by the gzip magic bytes). Optional first lines starting with {@code #} carry metadata
 * ({@code # livemig-trace unit_ms=100 page_size=4096 memory_pages=262144}); a header row {@code unit,page} or
 * {@code unit,dirtied} is skipped. Units must not decrease; units with no rows are empty.
 *
 * <p>Speed: the file is parsed as bytes from a 1 MiB buffer. A row of two plain decimal numbers (the rows every writer
 * produces) is parsed in place, digit by digit, with no String or array per row, and a unit's pages are collected in
 * one {@code int[]} and added to its bitmap in one batch. Any other line (spaces, signs, comments, blank lines, other
 * characters) is decoded as UTF-8 and read by the general rules, so what is accepted and every message are those of a
 * line-by-line reader (the tests compare the two on random and malformed input). Lines end with LF, CR LF or CR.
 */
final class CsvTraceReader implements TraceReader {
    private static final int BUFFER_BYTES = 1 << 20;
    /** Plain rows have at most this many digits per number, so they need no range check beyond the memory's. */
    private static final int PLAIN_DIGITS = 9;

    private static final int END = 0, ROW = 1, TEXT = 2;

    private final String name;
    private final boolean counts;
    private final InputStream in;
    private final boolean gzip;
    private final TraceHeader header;
    private final long declaredUnits;

    private byte[] buf;
    private int pos, lim;
    private boolean eof;
    private long bufStart; // offset in the (uncompressed) stream of buf[0]

    private long lineNo; // lines started so far: the current line's number
    private long lineOffset; // the current line's first byte in the stream
    private boolean inLine; // a read stopped inside line lineNo (for gzip errors)
    private long rowUnit, rowValue; // the current line when it is a row
    private String text; // the current line when it is not a plain row

    private boolean hasPending; // a row read ahead: the first of the next unit
    private String pendingText; // the first data row, parsed when the first unit is asked for
    private long pendingUnit, pendingValue, pendingLine, pendingOffset;
    private int nextUnit;
    private long lastUnitSeen = -1;
    private int[] pages = new int[1024];

    CsvTraceReader(Path path, boolean counts, TraceHeader defaults) {
        this(path, counts, defaults, 0);
    }

    /** With a buffer of {@code bufferBytes} to start with (0: chosen by the file's size), for the tests. */
    CsvTraceReader(Path path, boolean counts, TraceHeader defaults, int bufferBytes) {
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
            // small files (tests, fuzzing) need no 1 MiB buffer; one that a line outgrows doubles
            long size = Files.size(path);
            buf = new byte
                    [bufferBytes > 0
                            ? bufferBytes
                            : (int) Math.max(1 << 12, Math.min(BUFFER_BYTES, (gzip ? 8 : 1) * size + 16))];
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(name + ": no such file");
        } catch (IOException e) {
            throw new TraceFormatException(name, "header", 0, "cannot open: " + e.getMessage());
        }
        in = raw;
        TraceHeader h = defaults;
        long units = -1;
        try {
            // a spreadsheet's UTF-8 byte order mark: three bytes before the first line, not part of it
            while (lim < 3 && more()) {}
            if (lim >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) pos = 3;
            int kind;
            while ((kind = readLine()) != END) {
                if (kind == ROW) {
                    hasPending = true;
                    pendingUnit = rowUnit;
                    pendingValue = rowValue;
                    pendingLine = lineNo;
                    pendingOffset = lineOffset;
                    break;
                }
                String t = text.strip();
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
                            throw fail(lineNo, lineOffset, "metadata '" + kv + "': " + e.getMessage());
                        }
                    }
                    continue;
                }
                if (t.isEmpty()) continue;
                if (Character.isLetter(t.charAt(0))) {
                    String expected = counts ? "unit,dirtied" : "unit,page";
                    if (!t.replace(" ", "").equalsIgnoreCase(expected)) {
                        throw fail(
                                lineNo,
                                lineOffset,
                                "unexpected header row; expected '" + expected + "', got '" + abbreviate(t) + "'");
                    }
                    continue;
                }
                // parsed (and refused if malformed) when the first unit is asked for, as any later row
                hasPending = true;
                pendingText = text;
                pendingLine = lineNo;
                pendingOffset = lineOffset;
                break;
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        header = h;
        declaredUnits = units;
    }

    /**
     * Moves the unread bytes to the front of the buffer (growing it when a line fills it) and reads more.
     *
     * @return false at the end of the stream
     */
    private boolean more() {
        if (eof) return false;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            bufStart += pos;
            lim -= pos;
            pos = 0;
        }
        if (lim == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
        try {
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) {
                eof = true;
                return false;
            }
            lim += n;
            return true;
        } catch (ZipException e) {
            throw new TraceFormatException(name, "line " + gzipLine(), -1, "corrupt gzip stream: " + e.getMessage());
        } catch (java.io.EOFException e) {
            throw new TraceFormatException(name, "line " + gzipLine(), -1, "truncated gzip stream");
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": read failed: " + e.getMessage(), e);
        }
    }

    private long gzipLine() {
        return inLine ? lineNo : lineNo + 1;
    }

    /**
     * Reads the next line: {@link #ROW} for two plain decimal numbers (in {@link #rowUnit}, {@link #rowValue}),
     * {@link #TEXT} for any other line (in {@link #text}), {@link #END} at the end of the stream.
     */
    private int readLine() {
        if (pos >= lim && !more()) return END;
        lineNo++;
        lineOffset = bufStart + pos;
        return plainRow() ? ROW : textLine();
    }

    /** Parses the line at {@code pos} in place when it is "digits,digits" and whole in the buffer. */
    private boolean plainRow() {
        byte[] b = buf;
        int l = lim, i = pos, start = i, d;
        long u = 0, v = 0;
        while (i < l && (d = b[i] - '0') >= 0 && d <= 9) {
            u = u * 10 + d;
            i++;
        }
        if (i == start || i - start > PLAIN_DIGITS || i >= l || b[i] != ',') return false;
        start = ++i;
        while (i < l && (d = b[i] - '0') >= 0 && d <= 9) {
            v = v * 10 + d;
            i++;
        }
        if (i == start || i - start > PLAIN_DIGITS) return false;
        int end;
        if (i < l && b[i] == '\n') end = i + 1;
        else if (i + 1 < l && b[i] == '\r') end = b[i + 1] == '\n' ? i + 2 : i + 1;
        else if (eof && i == l) end = i;
        else if (eof && i + 1 == l && b[i] == '\r') end = l;
        else return false; // another character, or the line goes on past the buffer
        rowUnit = u;
        rowValue = v;
        pos = end;
        return true;
    }

    /** The line at {@code pos} once whole in the buffer: a plain row after all, or its text. */
    private int textLine() {
        int e = pos;
        boolean moved = false;
        while (true) {
            while (e < lim && buf[e] != '\n' && buf[e] != '\r') e++;
            // whole: an LF, a CR with the byte after it known (CR LF is one line end), or the end of the stream
            if (e < lim && (buf[e] == '\n' || e + 1 < lim) || eof) break;
            int before = pos;
            inLine = true;
            more();
            inLine = false;
            e -= before - pos;
            moved = true;
        }
        if (moved && plainRow()) return ROW;
        text = new String(buf, pos, e - pos, StandardCharsets.UTF_8);
        if (e >= lim) pos = lim;
        else if (buf[e] == '\r' && e + 1 < lim && buf[e + 1] == '\n') pos = e + 2;
        else pos = e + 1;
        return TEXT;
    }

    private TraceFormatException fail(long line, long offset, String what) {
        return new TraceFormatException(name, "line " + line, gzip ? -1 : offset, what);
    }

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

    /** Parses a line that is not a plain row as "a,b", two non-negative integers, into the row fields, or fails. */
    private void parseText(String line, long no, long offset) {
        int comma = line.indexOf(',');
        String what = counts ? "'unit,dirtied'" : "'unit,page'";
        if (comma < 0 || line.indexOf(',', comma + 1) >= 0) {
            throw fail(
                    no, offset, "expected " + what + " with two non-negative integers, got '" + abbreviate(line) + "'");
        }
        try {
            long a = Long.parseLong(line.substring(0, comma).strip());
            long b = Long.parseLong(line.substring(comma + 1).strip());
            // pages below 2^31 − 1, the most memory a trace can declare (TraceHeader)
            if (a < 0 || b < 0 || a > Integer.MAX_VALUE - 1 || b >= Integer.MAX_VALUE)
                throw new NumberFormatException();
            rowUnit = a;
            rowValue = b;
        } catch (NumberFormatException e) {
            throw fail(
                    no, offset, "expected " + what + " with two non-negative integers, got '" + abbreviate(line) + "'");
        }
    }

    /** Reads on to the next row, skipping blank and comment lines; false at the end. */
    private boolean nextRow() {
        while (true) {
            int kind = readLine();
            if (kind == END) return false;
            if (kind == ROW) return true;
            if (text.isBlank() || text.startsWith("#")) continue;
            parseText(text, lineNo, lineOffset);
            return true;
        }
    }

    @Override
    public Unit next() {
        // Units with no rows between two rows (or up to the declared count) are empty.
        if (!hasPending) {
            if (declaredUnits > nextUnit) return emptyUnit();
            return null;
        }
        if (pendingText != null) {
            parseText(pendingText, pendingLine, pendingOffset);
            pendingText = null;
            pendingUnit = rowUnit;
            pendingValue = rowValue;
        }
        if (pendingUnit > nextUnit) return emptyUnit();
        if (pendingUnit < nextUnit) {
            throw fail(
                    pendingLine,
                    pendingOffset,
                    "unit " + pendingUnit + " after unit " + lastUnitSeen + "; expected units in nondecreasing order");
        }
        int unit = nextUnit;
        long memory = header.memoryKnown() ? header.memoryPages() : Long.MAX_VALUE;
        long value = pendingValue, line = pendingLine, offset = pendingOffset;
        long dirtied = 0;
        int n = 0;
        int[] p = pages;
        while (true) {
            if (counts) {
                if (n > 0) throw fail(line, offset, "unit " + unit + " appears twice; expected one row per unit");
                if (value > memory) {
                    throw fail(
                            line,
                            offset,
                            value + " pages dirtied in one unit beyond memory; expected at most "
                                    + header.memoryPages());
                }
                dirtied = value;
                n = 1;
            } else {
                if (value >= memory)
                    throw fail(line, offset, "page " + value + " beyond memory; expected pages < " + memory);
                if (n == p.length) p = pages = Arrays.copyOf(p, n * 2);
                p[n++] = (int) value;
            }
            lastUnitSeen = unit;
            if (!counts) {
                n = sameUnitRows(unit, memory, n);
                p = pages;
            }
            if (!nextRow()) {
                hasPending = false;
                break;
            }
            value = rowValue;
            line = lineNo;
            offset = lineOffset;
            if (rowUnit != unit) {
                if (rowUnit < unit)
                    throw fail(
                            line,
                            offset,
                            "unit " + rowUnit + " after unit " + unit + "; expected units in nondecreasing order");
                pendingUnit = rowUnit;
                pendingValue = value;
                pendingLine = line;
                pendingOffset = offset;
                break;
            }
        }
        nextUnit++;
        if (counts) return new Unit(unit, null, dirtied);
        // one batch: addN appends runs of increasing pages to each container, and takes any order
        RoaringBitmap bitmap = new RoaringBitmap();
        bitmap.addN(p, 0, n);
        return new Unit(unit, bitmap, bitmap.getLongCardinality());
    }

    /**
     * Takes the rows that follow in the buffer while they are plain, end in LF, belong to {@code unit} and lie in
     * memory, appending their pages after the first {@code n}; stops before any other line, which the general path
     * then reads (and, if it must, refuses). The same as calling {@link #nextRow()} per row, without the calls.
     *
     * @return the pages collected so far
     */
    private int sameUnitRows(long unit, long memory, int n) {
        byte[] b = buf;
        int l = lim, i = pos, d;
        int[] p = pages;
        long lines = lineNo;
        // the unit's text and comma as one little-endian word (last digit first in, so first digit in the lowest
        // byte), compared with the row 8 bytes at a time; units below 10^7
        int prefixLength = unit < 10_000_000 ? Long.toString(unit).length() + 1 : 0;
        long prefixMask = prefixLength == 0 ? 0 : -1L >>> (64 - 8 * prefixLength), prefix = ',';
        for (long rest = unit, k = 0; prefixLength > 0 && k < prefixLength - 1; k++, rest /= 10)
            prefix = prefix << 8 | ('0' + rest % 10);
        if (prefixLength == 0) prefix = 0;
        while (true) {
            if (prefixLength > 0 && i + prefixLength + 8 <= l && ((long) LE.get(b, i) & prefixMask) == prefix) {
                long page = pageAndLf((long) LE.get(b, i + prefixLength));
                int digits = (int) (page >>> 32);
                page &= 0xFFFF_FFFFL;
                if (digits > 0 && page < memory) {
                    i += prefixLength + digits + 1;
                    if (n == p.length) p = pages = Arrays.copyOf(p, n * 2);
                    p[n++] = (int) page;
                    lines++;
                    continue;
                }
            }
            int line = i, start = i;
            long u = 0, v = 0;
            while (i < l && (d = b[i] - '0') >= 0 && d <= 9) {
                u = u * 10 + d;
                i++;
            }
            if (u != unit || i == start || i - start > PLAIN_DIGITS || i >= l || b[i] != ',') {
                i = line;
                break;
            }
            start = ++i;
            while (i < l && (d = b[i] - '0') >= 0 && d <= 9) {
                v = v * 10 + d;
                i++;
            }
            if (i == start || i - start > PLAIN_DIGITS || i >= l || b[i] != '\n' || v >= memory) {
                i = line;
                break;
            }
            i++;
            if (n == p.length) p = pages = Arrays.copyOf(p, n * 2);
            p[n++] = (int) v;
            lines++;
        }
        pos = i;
        lineNo = lines;
        return n;
    }

    private static final VarHandle LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L, HIGHS = 0x8080808080808080L, LFS = 0x0A0A0A0A0A0A0A0AL;
    private static final long ZEROS = 0x3030303030303030L, NIBBLES = 0xF0F0F0F0F0F0F0F0L, SIXES = 0x0606060606060606L;

    /**
     * Reads "digits LF" from the 8 bytes of {@code w} (little-endian) without a loop: the first LF by the zero-byte
     * test, the bytes before it checked to be '0'–'9', and their value by three multiplications (the known SWAR
     * decimal parse).
     *
     * @return the digit count (1–7) in the high 32 bits and the value in the low ones, or 0 when the word does not
     *     start with 1–7 digits and an LF
     */
    private static long pageAndLf(long w) {
        long t = w ^ LFS;
        long lf = (t - ONES) & ~t & HIGHS;
        if (lf == 0) return 0;
        int n = Long.numberOfTrailingZeros(lf) >>> 3;
        if (n == 0) return 0;
        long m = (1L << (n << 3)) - 1, x = w & m;
        // every byte 0x30–0x3F, then (adding 6 carries 0x3A–0x3F out of the nibble) every byte 0x30–0x39
        if ((x & NIBBLES & m) != (ZEROS & m) || ((x + (SIXES & m)) & NIBBLES & m) != (ZEROS & m)) return 0;
        long v = (x - (ZEROS & m)) << ((8 - n) << 3);
        v = v * 10 + (v >>> 8);
        v = (((v & 0x000000FF000000FFL) * (100 + (1000000L << 32)))
                        + (((v >>> 16) & 0x000000FF000000FFL) * (1 + (10000L << 32))))
                >>> 32;
        return ((long) n << 32) | v;
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
