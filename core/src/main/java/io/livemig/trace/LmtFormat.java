package io.livemig.trace;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Constants of the binary trace format, version 1 (docs/trace-format.md is the normative description). All integers
 * little-endian.
 * <pre>
 * header (44 B): magic "\x89LMT\r\n\x1a\n" (8) | version u16 = 1 | flags u16 = 0 | page size u32 | memory pages u64
 *                | unit length µs u64 | unit count u64 | CRC-32C of bytes 0..39 u32
 * frame:         payload length u32 | CRC-32C of payload u32 | payload = RoaringBitmap portable serialization
 * </pre>
 */
final class LmtFormat {
    static final byte[] MAGIC = {(byte) 0x89, 'L', 'M', 'T', '\r', '\n', 0x1a, '\n'};
    static final int VERSION = 1;
    static final int HEADER_BYTES = 44;
    static final int FRAME_HEADER_BYTES = 8;

    private LmtFormat() {}

    static byte[] headerBytes(TraceHeader h, long units) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putShort((short) VERSION).putShort((short) 0).putInt(h.pageSizeBytes()).putLong(h.memoryPages())
                .putLong(h.unitMicros()).putLong(units);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, HEADER_BYTES - 4);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    static String magicText() { return new String(MAGIC, StandardCharsets.ISO_8859_1); }
}
