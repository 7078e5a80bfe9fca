package io.livemig.trace;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Constants of the binary trace format, version 1 (docs/trace-format.md is the normative description). All integers
 * little-endian.
 * <pre>
 * header (44 B): magic "\x89LMT\r\n\x1a\n" (8) | version u16 = 1 | flags u16 | page size u32 | memory pages u64
 *                | unit length µs u64 | unit count u64 | CRC-32C of bytes 0..39 u32
 * with flag 1:   non-zero pages u64 | CRC-32C of those 8 bytes u32   (12 B, right after the header)
 * frame:         payload length u32 | CRC-32C of payload u32 | payload = RoaringBitmap portable serialization
 * </pre>
 */
final class LmtFormat {
    static final byte[] MAGIC = {(byte) 0x89, 'L', 'M', 'T', '\r', '\n', 0x1a, '\n'};
    static final int VERSION = 1;
    static final int HEADER_BYTES = 44;
    static final int FRAME_HEADER_BYTES = 8;
    /** Flag bit: the header is followed by the non-zero page count (the memory's composition). */
    static final int FLAG_NONZERO = 1;

    static final int NONZERO_BYTES = 12;

    private LmtFormat() {}

    /** The header, followed by the non-zero page count when the header knows it (a file without it is as before). */
    static byte[] headerBytes(TraceHeader h, long units) {
        int flags = h.nonZeroKnown() ? FLAG_NONZERO : 0;
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + (flags != 0 ? NONZERO_BYTES : 0))
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC)
                .putShort((short) VERSION)
                .putShort((short) flags)
                .putInt(h.pageSizeBytes())
                .putLong(h.memoryPages())
                .putLong(h.unitMicros())
                .putLong(units);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, HEADER_BYTES - 4);
        b.putInt((int) crc.getValue());
        if (flags != 0) {
            b.putLong(h.nonZeroPages());
            crc.reset();
            crc.update(b.array(), HEADER_BYTES, 8);
            b.putInt((int) crc.getValue());
        }
        return b.array();
    }

    static String magicText() {
        return new String(MAGIC, StandardCharsets.ISO_8859_1);
    }
}
