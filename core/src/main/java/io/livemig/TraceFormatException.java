package io.livemig;

import java.nio.file.Path;

/**
 * A trace file that cannot be read: malformed, truncated, corrupted, or holding pages beyond the memory it declares.
 * The message is one line naming the file, the record (CSV line or binary frame) and the byte offset, e.g.
 * {@code web.lmt: frame 17 at byte 40960: checksum mismatch (stored 0x1f2e, computed 0x9a01)}.
 */
public class TraceFormatException extends LivemigException {
    private final String file;
    private final String record;
    private final long byteOffset;

    /**
     * @param file       the file's name as the user gave it
     * @param record     "line 12", "frame 17" or "header"
     * @param byteOffset where the record starts, or −1 when unknown (e.g. inside a gzip stream)
     * @param what       what is wrong, "expected X, got Y"
     */
    public TraceFormatException(String file, String record, long byteOffset, String what) {
        super(file + ": " + record + (byteOffset >= 0 ? " at byte " + byteOffset : "") + ": " + what);
        this.file = file;
        this.record = record;
        this.byteOffset = byteOffset;
    }

    public TraceFormatException(Path file, String record, long byteOffset, String what) {
        this(String.valueOf(file.getFileName()), record, byteOffset, what);
    }

    public String file() {
        return file;
    }

    public String record() {
        return record;
    }

    public long byteOffset() {
        return byteOffset;
    }
}
