package io.livemig.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livemig.LivemigException;
import io.livemig.TraceFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/** Small files that declare or hold more than they should: refused with a reason, never an OutOfMemoryError. */
class HostileTraceTest {
    @TempDir
    Path dir;

    private Path lmt(String name, TraceHeader h, RoaringBitmap... units) {
        Path f = dir.resolve(name);
        TraceWriter w = TraceWriter.open(TraceFormat.LMT, f, h);
        for (RoaringBitmap u : units) w.write(u);
        w.close();
        return f;
    }

    @Test
    void aHeaderDeclaring2To31PagesCostsOnlyThePagesTouched() {
        Path f = lmt(
                "huge.lmt",
                TraceHeader.of(Integer.MAX_VALUE),
                RoaringBitmap.bitmapOf(1, 2, 3),
                RoaringBitmap.bitmapOf(2, 3, 4));
        TraceFit fit = Trace.read().fit(f);
        assertThat(fit.mwPages()).isEqualTo(4);
        assertThat(fit.header().memoryPages()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aFewPagesNearTheTopCostOnlyTheirBlocks() {
        // the fitter once needed 4 B per page up to the largest page: 8 GiB here
        Path f = lmt(
                "top.lmt",
                TraceHeader.of(Integer.MAX_VALUE),
                RoaringBitmap.bitmapOf(5, Integer.MAX_VALUE - 2),
                RoaringBitmap.bitmapOf(5, 1 << 30, Integer.MAX_VALUE - 2));
        TraceFit fit = Trace.read().fit(f);
        assertThat(fit.mwPages()).isEqualTo(3);
        assertThat(fit.sPages()).isEqualTo(2.5);
    }

    @Test
    void aMicrosecondUnitIsRefusedUpFront() {
        Path f = lmt("fast.lmt", new TraceHeader(4096, 1000, 1e-6), RoaringBitmap.bitmapOf(1));
        assertThatThrownBy(() -> Trace.read().fit(f))
                .isInstanceOf(LivemigException.class)
                .hasMessageStartingWith("fast.lmt: cannot fit: units of 0.001 ms need")
                .hasMessageContaining("window histograms");
    }

    /** The file of one unit {1, 5, 9} with its three array-container values replaced, CRC recomputed. */
    private Path forged(String name, short a, short b, short c) throws Exception {
        Path f = lmt(name, TraceHeader.of(1000), RoaringBitmap.bitmapOf(1, 5, 9));
        byte[] bytes = Files.readAllBytes(f);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int payloadAt = LmtFormat.HEADER_BYTES + LmtFormat.FRAME_HEADER_BYTES;
        int len = buf.getInt(LmtFormat.HEADER_BYTES);
        assertThat(payloadAt + len).isEqualTo(bytes.length);
        int values = bytes.length - 6;
        assertThat(buf.getShort(values)).isEqualTo((short) 1);
        buf.putShort(values, a).putShort(values + 2, b).putShort(values + 4, c);
        CRC32C crc = new CRC32C();
        crc.update(bytes, payloadAt, len);
        buf.putInt(LmtFormat.HEADER_BYTES + 4, (int) crc.getValue());
        Files.write(f, bytes);
        return f;
    }

    /** A one-unit file of these pages with the last bytes of its payload replaced, CRC recomputed. */
    private Path forgedTail(String name, RoaringBitmap pages, byte[] tail) throws Exception {
        Path f = lmt(name, TraceHeader.of(1 << 16), pages);
        byte[] bytes = Files.readAllBytes(f);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int payloadAt = LmtFormat.HEADER_BYTES + LmtFormat.FRAME_HEADER_BYTES;
        int len = buf.getInt(LmtFormat.HEADER_BYTES);
        System.arraycopy(tail, 0, bytes, bytes.length - tail.length, tail.length);
        CRC32C crc = new CRC32C();
        crc.update(bytes, payloadAt, len);
        buf.putInt(LmtFormat.HEADER_BYTES + 4, (int) crc.getValue());
        Files.write(f, bytes);
        return f;
    }

    private static byte[] shorts(int... values) {
        ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) b.putShort((short) v);
        return b.array();
    }

    @Test
    void bitmapAndRunContainersThatDoNotHoldWhatTheyClaimAreRejected() throws Exception {
        // a bitmap container (5000 even pages) with one bit more than its header's cardinality
        RoaringBitmap even = new RoaringBitmap();
        for (int p = 0; p < 10_000; p += 2) even.add(p);
        byte[] lastWord = ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(1L << 63)
                .array();
        assertThatThrownBy(() -> Trace.read().lmt(forgedTail("card.lmt", even.clone(), lastWord)))
                .isInstanceOf(TraceFormatException.class)
                .hasMessage(
                        "card.lmt: frame 0 at byte 44: bitmap claims 5000 pages but holds 5001; expected a well-formed RoaringBitmap");
        assertThat(Trace.read()
                        .lmt(forgedTail("even.lmt", even.clone(), new byte[0]))
                        .unit(0))
                .isEqualTo(even);
        // a run container {10..19, 30..39}: its last 10 bytes are the run count and (start, length - 1) pairs
        RoaringBitmap runs = new RoaringBitmap();
        runs.add(10L, 20L);
        runs.add(30L, 40L);
        assertThat(Trace.read()
                        .lmt(forgedTail("runs.lmt", runs.clone(), shorts(2, 10, 9, 30, 9)))
                        .unit(0))
                .isEqualTo(runs);
        assertThatThrownBy(() -> Trace.read().fit(forgedTail("overlap.lmt", runs.clone(), shorts(2, 10, 9, 15, 9))))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("pages out of order or repeated (page 15 after 19)");
        assertThatThrownBy(() -> Trace.read().lmt(forgedTail("backwards.lmt", runs.clone(), shorts(2, 30, 9, 10, 9))))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("(page 10 after 39)");
        // touching runs are not Roaring's canonical form but hold each page once, in order: read as before
        RoaringBitmap touching = new RoaringBitmap();
        touching.add(10L, 30L);
        RoaringBitmap read = Trace.read()
                .lmt(forgedTail("touching.lmt", runs.clone(), shorts(2, 10, 9, 20, 9)))
                .unit(0);
        assertThat(read.toArray()).isEqualTo(touching.toArray()); // RoaringBitmap.equals compares containers
        assertThat(read.getLongCardinality()).isEqualTo(20);
    }

    @Test
    void aFrameWithUnsortedOrRepeatedPagesAndAValidChecksumIsRejected() throws Exception {
        assertThat(Trace.read()
                        .lmt(forged("ok.lmt", (short) 1, (short) 5, (short) 9))
                        .unit(0)
                        .getCardinality())
                .isEqualTo(3);
        assertThatThrownBy(() -> Trace.read().lmt(forged("unsorted.lmt", (short) 9, (short) 5, (short) 1)))
                .isInstanceOf(TraceFormatException.class)
                .hasMessage(
                        "unsorted.lmt: frame 0 at byte 44: pages out of order or repeated (page 5 after 9); expected each page once, in increasing order");
        assertThatThrownBy(() -> Trace.read().fit(forged("repeated.lmt", (short) 5, (short) 5, (short) 9)))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("page 5 after 5");
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheHeaderAndInvisibleCharactersAreShown() throws Exception {
        Path bom = dir.resolve("bom.csv");
        Files.writeString(bom, "\uFEFFunit,page\n0,1\n1,2\n");
        assertThat(Trace.read().csv(bom).unitCount()).isEqualTo(2);
        Path zw = dir.resolve("zw.csv");
        Files.writeString(zw, "unit,page\n0,\u200B1\n");
        assertThatThrownBy(() -> Trace.read().csv(zw))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageEndingWith("got '0,\\u200B1'");
        Path empty = Files.createFile(dir.resolve("empty.csv"));
        assertThatThrownBy(() -> Trace.read().csv(empty))
                .hasMessageStartingWith("empty.csv: line 1 at byte 0: empty file");
        assertThatThrownBy(() -> Trace.read().csv(dir)).hasMessage(dir + ": is a folder; expected a trace file");
    }

    @Test
    void aCsvPageAtOrAbove2To31IsRejectedNotWrappedNegative() throws Exception {
        Path f = dir.resolve("big.csv");
        Files.writeString(f, "unit,page\n0,2147483648\n");
        assertThatThrownBy(() -> Trace.read().fit(f))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("2147483648");
    }
}
