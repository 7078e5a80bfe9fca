package io.livemig.trace;

import io.livemig.TraceFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.roaringbitmap.RoaringBitmap;

/**
 * Streams a binary {@code .lmt} trace frame by frame. Every frame's length is checked against the bytes left in the
 * file before anything is allocated, its CRC-32C against the payload, and its pages against the declared memory.
 */
final class LmtTraceReader implements TraceReader {
    private static final int BUFFER_BYTES = 1 << 20;

    private final Path path;
    private final String name;
    private final FileChannel channel;
    private final long fileSize;
    private final TraceHeader header;
    private final long unitCount;
    private final CRC32C crc = new CRC32C();
    private ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long bufStart; // file offset of buf[0]
    private int frame;

    LmtTraceReader(Path path) {
        this.path = path;
        this.name = String.valueOf(path.getFileName());
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            fileSize = channel.size();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(name + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot open: " + e.getMessage(), e);
        }
        buf.limit(0);
        try {
            if (!fill(LmtFormat.HEADER_BYTES)) {
                throw new TraceFormatException(
                        name,
                        "header",
                        0,
                        "truncated header; expected " + LmtFormat.HEADER_BYTES + " bytes, got " + fileSize);
            }
            byte[] magic = new byte[8];
            buf.get(magic);
            if (!Arrays.equals(magic, LmtFormat.MAGIC)) {
                throw new TraceFormatException(
                        name, "header", 0, "not a livemig binary trace; expected magic \\x89LMT\\r\\n\\x1a\\n");
            }
            int version = Short.toUnsignedInt(buf.getShort());
            if (version != LmtFormat.VERSION) {
                throw new TraceFormatException(
                        name, "header", 8, "unsupported version; expected " + LmtFormat.VERSION + ", got " + version);
            }
            int flags = Short.toUnsignedInt(buf.getShort());
            int pageSize = buf.getInt();
            long memoryPages = buf.getLong();
            long unitMicros = buf.getLong();
            unitCount = buf.getLong();
            int stored = buf.getInt();
            crc.reset();
            crc.update(buf.array(), buf.arrayOffset(), LmtFormat.HEADER_BYTES - 4);
            if (stored != (int) crc.getValue()) {
                throw new TraceFormatException(
                        name,
                        "header",
                        40,
                        String.format(
                                "checksum mismatch (stored 0x%08x, computed 0x%08x)", stored, (int) crc.getValue()));
            }
            if ((flags & ~LmtFormat.FLAG_NONZERO) != 0) {
                throw new TraceFormatException(
                        name,
                        "header",
                        10,
                        "unknown flags; expected 0 or " + LmtFormat.FLAG_NONZERO + ", got " + flags);
            }
            if (pageSize <= 0
                    || memoryPages <= 0
                    || memoryPages > Integer.MAX_VALUE
                    || unitMicros <= 0
                    || unitCount < 0) {
                throw new TraceFormatException(
                        name,
                        "header",
                        12,
                        "invalid field; expected page size > 0, 0 < memory pages ≤ 2^31−1, "
                                + "unit > 0 µs, got page size " + pageSize + ", memory " + memoryPages + " pages, unit "
                                + unitMicros + " µs, "
                                + unitCount + " units");
            }
            long nonZero = (flags & LmtFormat.FLAG_NONZERO) != 0 ? readNonZeroPages(memoryPages) : -1;
            header = new TraceHeader(pageSize, memoryPages, unitMicros / 1e6, nonZero);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /** The non-zero page count that flag {@value LmtFormat#FLAG_NONZERO} puts after the header, checked. */
    private long readNonZeroPages(long memoryPages) {
        long at = LmtFormat.HEADER_BYTES;
        if (!fill(LmtFormat.NONZERO_BYTES)) {
            throw new TraceFormatException(
                    name,
                    "header",
                    at,
                    "truncated: the header's flag 1 announces the non-zero page count; expected "
                            + LmtFormat.NONZERO_BYTES + " bytes, got " + (fileSize - at));
        }
        crc.reset();
        crc.update(buf.array(), buf.arrayOffset() + buf.position(), 8);
        long nonZero = buf.getLong();
        int stored = buf.getInt();
        if (stored != (int) crc.getValue()) {
            throw new TraceFormatException(
                    name,
                    "header",
                    at + 8,
                    String.format(
                            "non-zero page count: checksum mismatch (stored 0x%08x, computed 0x%08x)",
                            stored, (int) crc.getValue()));
        }
        if (nonZero < 0 || nonZero > memoryPages) {
            throw new TraceFormatException(
                    name,
                    "header",
                    at,
                    "invalid non-zero page count; expected 0 … " + memoryPages + " (the memory), got " + nonZero);
        }
        return nonZero;
    }

    /** Makes at least {@code n} bytes available from the buffer's position; false at end of file. */
    private boolean fill(int n) {
        if (buf.remaining() >= n) return true;
        bufStart += buf.position();
        if (buf.capacity() < n) {
            ByteBuffer bigger = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
            bigger.put(buf);
            buf = bigger;
        } else {
            buf.compact();
        }
        try {
            while (buf.position() < n && buf.hasRemaining()) {
                if (channel.read(buf) < 0) break;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": read failed: " + e.getMessage(), e);
        }
        buf.flip();
        return buf.remaining() >= n;
    }

    private long offset() {
        return bufStart + buf.position();
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
        return true;
    }

    /** Units the header declares. */
    long unitCount() {
        return unitCount;
    }

    @Override
    public Unit next() {
        long at = offset();
        if (frame >= unitCount) {
            if (at < fileSize) {
                throw new TraceFormatException(
                        name,
                        "frame " + frame,
                        at,
                        "trailing bytes after the last frame; expected end of file after " + unitCount + " frames, got "
                                + (fileSize - at) + " more bytes");
            }
            return null;
        }
        String rec = "frame " + frame;
        if (!fill(LmtFormat.FRAME_HEADER_BYTES)) {
            throw new TraceFormatException(
                    name,
                    rec,
                    at,
                    "truncated: file ends inside the frame header; expected " + unitCount + " frames, got " + frame);
        }
        long len = Integer.toUnsignedLong(buf.getInt());
        int stored = buf.getInt();
        long left = fileSize - offset();
        if (len > left) {
            throw new TraceFormatException(
                    name,
                    rec,
                    at,
                    "frame length " + len + " B beyond the end of the file; expected at most " + left + " B");
        }
        if (!fill((int) len)) {
            throw new TraceFormatException(name, rec, at, "truncated payload; expected " + len + " B");
        }
        ByteBuffer payload = buf.slice(buf.position(), (int) len).order(ByteOrder.LITTLE_ENDIAN);
        crc.reset();
        crc.update(payload.duplicate());
        if (stored != (int) crc.getValue()) {
            throw new TraceFormatException(
                    name,
                    rec,
                    at,
                    String.format("checksum mismatch (stored 0x%08x, computed 0x%08x)", stored, (int) crc.getValue()));
        }
        RoaringBitmap pages = new RoaringBitmap();
        try {
            pages.deserialize(payload);
        } catch (IOException | RuntimeException e) {
            throw new TraceFormatException(
                    name, rec, at, "payload is not a RoaringBitmap portable serialization: " + e);
        }
        if (pages.serializedSizeInBytes() != len) {
            throw new TraceFormatException(
                    name,
                    rec,
                    at,
                    "payload length " + len + " B does not match its bitmap (" + pages.serializedSizeInBytes() + " B)");
        }
        // Roaring's own check, a pass over each container's words or values, accepts only bitmaps whose pages come
        // out strictly increasing and as many as claimed; the page-by-page walk below (which names the first bad page)
        // runs only when it refuses. Walking every page of every frame was 60 % of a cold `trace fit` of a 30-million
        // event .lmt (bench/README.md "Start-up, third pass").
        if (!pages.validate()) checkCanonical(pages, rec, at);
        if (!pages.isEmpty() && Integer.toUnsignedLong(pages.last()) >= header.memoryPages()) {
            throw new TraceFormatException(
                    name,
                    rec,
                    at,
                    "page " + Integer.toUnsignedLong(pages.last()) + " beyond memory; expected pages < "
                            + header.memoryPages());
        }
        buf.position(buf.position() + (int) len);
        return new Unit(frame++, pages, pages.getLongCardinality());
    }

    /**
     * A bitmap read from bytes is what the bytes say: with a valid CRC, an array container can still hold unsorted or
     * repeated pages, a run container overlapping runs, a container a wrong cardinality. Every query on such a bitmap
     * is wrong (S above M_w), so the pages must come out strictly increasing and as many as the bitmap claims.
     */
    private void checkCanonical(RoaringBitmap pages, String rec, long at) {
        var it = pages.getIntIterator();
        long prev = -1, count = 0;
        while (it.hasNext()) {
            long p = Integer.toUnsignedLong(it.next());
            if (p <= prev) {
                throw new TraceFormatException(
                        name,
                        rec,
                        at,
                        "pages out of order or repeated (page " + p + " after " + prev
                                + "); expected each page once, in increasing order");
            }
            prev = p;
            count++;
        }
        if (count != pages.getLongCardinality()) {
            throw new TraceFormatException(
                    name,
                    rec,
                    at,
                    "bitmap claims " + pages.getLongCardinality() + " pages but holds " + count
                            + "; expected a well-formed RoaringBitmap");
        }
    }

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException ignored) {
            /* nothing to report on a failed open */
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }

    @Override
    public String toString() {
        return "LmtTraceReader[" + path + "]";
    }
}
