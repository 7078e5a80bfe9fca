package io.livemig.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Guest memory as QEMU's {@code pmemsave} writes it (guest-physical bytes from 0): how many pages are not zero, and
 * how many pages differ between the source's and the destination's image after a migration.
 */
final class MemoryImages {
    static final int PAGE = 4096;

    private MemoryImages() {}

    /** What a comparison found: pages in the image, non-zero pages of the first, pages that differ (−1: not compared). */
    record Comparison(long pages, long nonZeroPages, long differingPages) {}

    static Comparison compare(Path source, Path destination) {
        try (FileChannel a = FileChannel.open(source, StandardOpenOption.READ);
             FileChannel b = destination == null ? null : FileChannel.open(destination, StandardOpenOption.READ)) {
            long size = a.size();
            if (b != null && b.size() != size) {
                throw new IllegalStateException(destination + ": " + b.size() + " bytes, but the source's image has " + size);
            }
            ByteBuffer zero = ByteBuffer.allocateDirect(PAGE);
            long nonZero = 0, differ = 0;
            final long chunk = 64L << 20;
            for (long off = 0; off < size; off += chunk) {
                long len = Math.min(chunk, size - off);
                MappedByteBuffer x = a.map(FileChannel.MapMode.READ_ONLY, off, len);
                MappedByteBuffer y = b == null ? null : b.map(FileChannel.MapMode.READ_ONLY, off, len);
                for (int p = 0; p + PAGE <= len; p += PAGE) {
                    ByteBuffer px = x.slice(p, PAGE);
                    if (px.mismatch(zero.clear()) != -1) nonZero++;
                    if (y != null && px.mismatch(y.slice(p, PAGE)) != -1) differ++;
                }
            }
            return new Comparison(size / PAGE, nonZero, b == null ? -1 : differ);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the memory images: " + e.getMessage(), e);
        }
    }
}
