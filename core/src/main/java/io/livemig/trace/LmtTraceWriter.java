package io.livemig.trace;

import io.livemig.Check;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.roaringbitmap.RoaringBitmap;

/** Writes the binary {@code .lmt} format (docs/trace-format.md), version {@value LmtFormat#VERSION}. */
final class LmtTraceWriter implements TraceWriter {
    private final AtomicOutput out;
    private final FileChannel channel;
    private final TraceHeader header;
    private final CRC32C crc = new CRC32C();
    private ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    private long units;
    private boolean closed;

    LmtTraceWriter(Path target, TraceHeader header, Path... inputs) {
        Check.that(
                header.memoryKnown(),
                target.getFileName() + ": the binary format needs the memory size; expected memory pages > 0, got 0");
        this.header = header;
        this.out = AtomicOutput.open(target, inputs);
        try {
            channel = FileChannel.open(out.temp(), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            out.abort();
            throw AtomicOutput.failure(target, "cannot write", e);
        }
        buf.put(LmtFormat.headerBytes(header, 0));
    }

    @Override
    public void write(RoaringBitmap pages, long dirtied) {
        Check.notNull("pages", pages);
        if (!pages.isEmpty() && Integer.toUnsignedLong(pages.last()) >= header.memoryPages()) {
            throw new IllegalArgumentException(
                    out.target().getFileName() + ": unit " + units + ": page " + Integer.toUnsignedLong(pages.last())
                            + " beyond memory; expected pages < " + header.memoryPages());
        }
        pages.runOptimize();
        int len = pages.serializedSizeInBytes();
        ensure(LmtFormat.FRAME_HEADER_BYTES + len);
        int start = buf.position();
        buf.position(start + LmtFormat.FRAME_HEADER_BYTES);
        pages.serialize(buf);
        ByteBuffer payload = buf.duplicate()
                .position(start + LmtFormat.FRAME_HEADER_BYTES)
                .limit(start + LmtFormat.FRAME_HEADER_BYTES + len);
        crc.reset();
        crc.update(payload);
        buf.putInt(start, len);
        buf.putInt(start + 4, (int) crc.getValue());
        units++;
    }

    private void ensure(int n) {
        if (buf.remaining() >= n) return;
        flush();
        if (buf.capacity() < n) buf = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void flush() {
        buf.flip();
        try {
            while (buf.hasRemaining()) channel.write(buf);
        } catch (IOException e) {
            abort();
            throw AtomicOutput.failure(out.target(), "write failed", e);
        }
        buf.clear();
    }

    @Override
    public void abort() {
        if (closed) return;
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            /* the temporary file goes anyway */
        }
        out.abort();
    }

    @Override
    public void close() {
        if (closed) return;
        flush();
        try {
            channel.write(ByteBuffer.wrap(LmtFormat.headerBytes(header, units)), 0);
            channel.close();
        } catch (IOException e) {
            abort();
            throw AtomicOutput.failure(out.target(), "write failed", e);
        }
        closed = true;
        out.commit();
    }
}
