package io.livemig.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.TraceFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.roaringbitmap.RoaringBitmap;

/**
 * The byte-level CSV reader accepts what the line-by-line reader it replaced accepts, yields the same units, and
 * refuses the rest with the same message ({@link ReferenceCsvReader}), on random files mixing plain rows with every
 * kind of odd line (spaces, signs, comments, blank lines, invisible characters, numbers out of range, three columns,
 * decreasing units, pages beyond memory), LF, CR LF and CR line ends, a byte order mark, gzip, and read through
 * buffers of a few bytes so that lines straddle every refill. Where the new reader gives a byte offset, it is the
 * line's first byte in the file (the old one counted characters).
 */
class CsvReaderDifferentialProperties {

    private static final String[] ODD = {
        "",
        "   ",
        "# a comment",
        " #not a comment",
        "\t",
        "3, 4",
        " 3,4 ",
        "+3,4",
        "-0,5",
        "3,4,5",
        "3;4",
        "3",
        ",",
        "3,",
        ",4",
        "3,-1",
        "3,2147483647",
        "3,2147483646",
        "2147483647,1",
        "2147483646,1",
        "99999999999,1",
        "1,99999999999999999999",
        "0012,07",
        "3,\u200B4",
        "é,1",
        "3,4\u00a0",
        "unit,page",
        "1e3,4",
        "0x1,2",
        "1234567890,1",
        "123456789,1",
        "1,1234567890"
    };

    @Property(tries = 300)
    void sameUnitsAndSameMessages(
            @ForAll long seed,
            @ForAll boolean counts,
            @ForAll boolean gzip,
            @ForAll @IntRange(min = 1, max = 40) int bufferBytes)
            throws IOException {
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>();
        int memory = 1 + r.nextInt(5000);
        if (r.nextInt(3) > 0) {
            lines.add("# livemig-trace unit_ms=" + (r.nextBoolean() ? "100" : "50.0") + " page_size=4096"
                    + (r.nextInt(4) > 0 ? " memory_pages=" + memory : "")
                    + (r.nextInt(5) == 0 ? " units=" + r.nextInt(40) : "")
                    + (r.nextInt(8) == 0 ? " unit_ms=zero" : ""));
        }
        if (r.nextBoolean()) lines.add(counts ? "unit,dirtied" : r.nextInt(6) == 0 ? " Unit , Page " : "unit,page");
        int unit = 0, rows = r.nextInt(60);
        double odd = r.nextInt(3) == 0 ? 0 : 0.1;
        for (int i = 0; i < rows; i++) {
            if (r.nextDouble() < odd) {
                lines.add(ODD[r.nextInt(ODD.length)]);
                continue;
            }
            unit += r.nextInt(10) < 6 ? 0 : r.nextInt(3);
            if (r.nextInt(60) == 0) unit = Math.max(0, unit - 1 - r.nextInt(2)); // a decreasing unit
            // sometimes at the memory's edge, or beyond it
            int value = r.nextInt(20) == 0 ? Math.max(0, memory - 1 + r.nextInt(3)) : r.nextInt(memory);
            if (counts && r.nextInt(5) > 0) unit++; // one row per unit, mostly
            lines.add(unit + "," + value);
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        boolean bom = r.nextInt(8) == 0;
        if (bom) text.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        List<Long> lineStarts = new ArrayList<>();
        String[] ends = {"\n", "\n", "\n", "\r\n", "\r"};
        for (int i = 0; i < lines.size(); i++) {
            lineStarts.add((long) text.size());
            text.write(lines.get(i).getBytes(StandardCharsets.UTF_8));
            boolean last = i == lines.size() - 1;
            String end = ends[r.nextInt(ends.length)];
            // a CR before an empty line would read as one CR LF
            if (end.equals("\r") && !last && lines.get(i + 1).isEmpty()) end = "\n";
            if (!last || r.nextBoolean()) text.write(end.getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = text.toByteArray();
        if (gzip) {
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(z)) {
                out.write(bytes);
            }
            bytes = z.toByteArray();
        }
        Path dir = Files.createTempDirectory("csvdiff");
        Path f = dir.resolve(counts ? "t.counts.csv" : "t.csv");
        try {
            Files.write(f, bytes);
            TraceHeader defaults = TraceHeader.of(0);
            Outcome expected = read(() -> new ReferenceCsvReader(f, counts, defaults));
            Outcome actual = read(() -> new CsvTraceReader(f, counts, defaults, bufferBytes));
            assertThat(actual.text()).as(String.join("⏎", lines)).isEqualTo(expected.text());
            if (actual.offset() >= 0) {
                int line = Integer.parseInt(actual.record().substring("line ".length()));
                long start = lineStarts.isEmpty() ? 0 : lineStarts.get(line - 1); // an empty file: line 1 at byte 0
                assertThat(actual.offset())
                        .as("byte offset of %s", actual.record())
                        .isEqualTo(start);
            }
        } finally {
            Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
        }
    }

    /** What reading gives: the header and every unit, or the message without its byte offset. */
    record Outcome(String text, String record, long offset) {}

    private static Outcome read(java.util.function.Supplier<TraceReader> open) {
        StringBuilder b = new StringBuilder();
        try (TraceReader r = open.get()) {
            b.append(r.header()).append(" pages=").append(r.hasPages()).append('\n');
            // a valid unit of 10^9 means 10^9 empty units before it: compare the first few hundred
            int n = 0;
            for (TraceReader.Unit u = r.next(); u != null && n++ < 500; u = r.next()) {
                RoaringBitmap p = u.pages();
                b.append(u.index())
                        .append(' ')
                        .append(u.dirtied())
                        .append(' ')
                        .append(p)
                        .append('\n');
            }
            return new Outcome(b.toString(), "", -1);
        } catch (TraceFormatException e) {
            return new Outcome(e.getMessage().replaceFirst(" at byte \\d+:", ":"), e.record(), e.byteOffset());
        } catch (RuntimeException e) {
            return new Outcome(e.getClass().getSimpleName() + ": " + e.getMessage(), "", -1);
        }
    }
}
