package io.livemig.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livemig.LivemigException;
import io.livemig.TraceFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

class TraceFormatsTest {
    @TempDir
    Path dir;

    private Trace small() {
        return Trace.ofPages(
                "s",
                new TraceHeader(4096, 100, 0.1),
                List.of(RoaringBitmap.bitmapOf(1, 2, 3), RoaringBitmap.bitmapOf(), RoaringBitmap.bitmapOf(3, 99)));
    }

    @Test
    void csvPageBeyondMemoryNamesTheLine() throws IOException {
        Path f = dir.resolve("x.csv");
        Files.writeString(f, "# livemig-trace unit_ms=100 memory_pages=10\nunit,page\n0,1\n0,2\n1,10\n");
        assertThatThrownBy(() -> Trace.read().csv(f))
                .isInstanceOf(TraceFormatException.class)
                .hasMessage("x.csv: line 5 at byte 62: page 10 beyond memory; expected pages < 10");
    }

    @Test
    void csvMalformedRowNamesTheLine() throws IOException {
        Path f = dir.resolve("x.csv");
        Files.writeString(f, "unit,page\n0,1\n0,abc\n");
        assertThatThrownBy(() -> Trace.read().csv(f))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith("x.csv: line 3")
                .hasMessageContaining("got '0,abc'");
    }

    @Test
    void csvDecreasingUnitIsAnError() throws IOException {
        Path f = dir.resolve("x.csv");
        Files.writeString(f, "unit,page\n2,1\n1,2\n");
        assertThatThrownBy(() -> Trace.read().csv(f))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("nondecreasing");
    }

    @Test
    void csvWithoutMetadataTakesMemoryFromTheLargestPage() throws IOException {
        Path f = dir.resolve("x.csv");
        Files.writeString(f, "0,1\n0,2\n3,7\n");
        Trace t = Trace.read().csv(f);
        assertThat(t.unitCount()).isEqualTo(4);
        assertThat(t.unit(1).isEmpty()).isTrue();
        assertThat(t.memoryPages()).isEqualTo(8);
        assertThat(Trace.read().fit(f).header().memoryPages()).isEqualTo(8);
    }

    @Test
    void frameLengthBeyondTheFileIsCaughtBeforeAllocating() throws IOException {
        Path f = dir.resolve("big.lmt");
        small().write(TraceFormat.LMT, f);
        byte[] b = Files.readAllBytes(f);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(LmtFormat.HEADER_BYTES, 0x7fff_fff0);
        Files.write(f, b);
        assertThatThrownBy(() -> Trace.read().lmt(f))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith(
                        "big.lmt: frame 0 at byte 44: frame length 2147483632 B beyond the end of the file");
    }

    @Test
    void binaryPageBeyondDeclaredMemoryIsAnError() throws IOException {
        Path f = dir.resolve("m.lmt");
        small().write(TraceFormat.LMT, f); // pages up to 99, memory 100
        byte[] b = Files.readAllBytes(f);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        bb.putLong(16, 50); // declare 50 pages and re-seal the header
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(b, 0, 40);
        bb.putInt(40, (int) crc.getValue());
        Files.write(f, b);
        assertThatThrownBy(() -> Trace.read().lmt(f))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith("m.lmt: frame 2 at byte")
                .hasMessageEndingWith("page 99 beyond memory; expected pages < 50");
    }

    @Test
    void truncatedBinaryNamesTheFrame() throws IOException {
        Path f = dir.resolve("t.lmt");
        small().write(TraceFormat.LMT, f);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 3));
        assertThatThrownBy(() -> Trace.read().lmt(f))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith("t.lmt: frame 2 at byte");
    }

    @Test
    void checksumMismatchNamesTheFrame() throws IOException {
        Path f = dir.resolve("c.lmt");
        small().write(TraceFormat.LMT, f);
        byte[] b = Files.readAllBytes(f);
        b[b.length - 1] ^= 1;
        Files.write(f, b);
        assertThatThrownBy(() -> Trace.read().lmt(f))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("frame 2")
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void theNonZeroPageCountSurvivesEveryPageFormatAndItsDamageIsNamed() throws IOException {
        Trace t = small().withNonZeroPages(40);
        Path lmt = dir.resolve("z.lmt"), csv = dir.resolve("z.csv");
        t.write(TraceFormat.LMT, lmt);
        assertThat(Trace.read().lmt(lmt).header().nonZeroPages()).isEqualTo(40);
        Trace.read().convert(lmt, csv, TraceFormat.PAGES_CSV);
        assertThat(Trace.read().csv(csv).header().nonZeroPages()).isEqualTo(40);
        Trace.read().convert(csv, dir.resolve("back.lmt"), TraceFormat.LMT);
        assertThat(Trace.read().lmt(dir.resolve("back.lmt")).fit().composition().nonZeroPages(100))
                .isEqualTo(40);

        byte[] b = Files.readAllBytes(lmt);
        small().write(TraceFormat.LMT, dir.resolve("plain.lmt"));
        assertThat(b.length).isEqualTo(Files.size(dir.resolve("plain.lmt")) + LmtFormat.NONZERO_BYTES);
        byte[] bad = b.clone();
        bad[LmtFormat.HEADER_BYTES] ^= 1;
        Files.write(lmt, bad);
        assertThatThrownBy(() -> Trace.read().lmt(lmt))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith("z.lmt: header at byte 52: non-zero page count: checksum mismatch");
        Files.write(lmt, java.util.Arrays.copyOf(b, LmtFormat.HEADER_BYTES + 5));
        assertThatThrownBy(() -> Trace.read().lmt(lmt))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith(
                        "z.lmt: header at byte 44: truncated: the header's flag 1 announces the non-zero page count");
    }

    @Test
    void aFileWithoutTheNonZeroCountIsByteForByteTheFirstLayout() throws IOException {
        Path lmt = dir.resolve("plain.lmt");
        small().write(TraceFormat.LMT, lmt);
        byte[] b = Files.readAllBytes(lmt);
        assertThat(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getShort(10))
                .isEqualTo((short) 0); // flags
        assertThat(Trace.read().lmt(lmt).header().nonZeroKnown()).isFalse();
    }

    @Test
    void failedWriteLeavesNoFile() {
        Path f = dir.resolve("half.lmt");
        TraceWriter w = TraceWriter.open(TraceFormat.LMT, f, new TraceHeader(4096, 10, 0.1));
        w.write(RoaringBitmap.bitmapOf(1));
        assertThatThrownBy(() -> w.write(RoaringBitmap.bitmapOf(10))).hasMessageContaining("beyond memory");
        w.abort();
        assertThat(f).doesNotExist();
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void conversionsStreamBetweenFormats() {
        Path lmt = dir.resolve("a.lmt"), csv = dir.resolve("a.csv.gz"), counts = dir.resolve("a.counts.csv");
        small().write(TraceFormat.LMT, lmt);
        Trace.read().convert(lmt, csv, TraceFormat.PAGES_CSV);
        Trace.read().convert(csv, counts, TraceFormat.COUNTS_CSV);
        assertThat(Trace.read().file(csv).unit(2)).isEqualTo(RoaringBitmap.bitmapOf(3, 99));
        Trace c = Trace.read().file(counts);
        assertThat(c.hasPages()).isFalse();
        assertThat(c.dirtied(0)).isEqualTo(3);
        assertThat(c.dirtied(1)).isEqualTo(0);
        assertThatThrownBy(() -> Trace.read().convert(counts, dir.resolve("b.lmt"), TraceFormat.LMT))
                .hasMessageContaining("counts-only");
        assertThat(dir.resolve("b.lmt")).doesNotExist();
    }

    @Test
    void countsTraceRefusesPageStatistics() {
        Trace c = Trace.ofCounts("c", TraceHeader.of(100), new long[] {3, 4, 5});
        TraceFit fit = c.fit();
        assertThat(fit.sPages()).isEqualTo(4.0);
        assertThatThrownBy(fit::sNewPages).isInstanceOf(LivemigException.class).hasMessageContaining("counts-only");
        assertThatThrownBy(fit::mwPages)
                .isInstanceOf(LivemigException.class)
                .hasMessageContaining("M_w needs page numbers");
    }

    @Test
    void summaryCountsNewAndCumulativePages() {
        var t = small().summary();
        assertThat(t.longColumn("new_since_start").asList()).containsExactly(3L, 0L, 1L);
        assertThat(t.longColumn("cumulative_unique").asList()).containsExactly(3L, 3L, 4L);
    }
}
