package io.livemig.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Guest memory as QEMU's {@code pmemsave} writes it (guest-physical bytes from 0): which pages are not zero (as runs of
 * pages), and how many pages differ between the source's and the destination's image after a migration.
 */
final class MemoryImages {
    static final int PAGE = 4096;

    private MemoryImages() {}

    private static void fill(FileChannel c, ByteBuffer buf, long position) throws IOException {
        while (buf.hasRemaining()) {
            int n = c.read(buf, position + buf.position());
            if (n < 0) throw new IOException("unexpected end of the image at byte " + (position + buf.position()));
        }
    }

    /**
     * What a comparison found: pages in the image, non-zero pages of the first, pages that differ (−1: not compared),
     * and where the first image's non-zero pages lie: runs of {first page, pages}, in address order. Where the zero
     * pages are decides what QEMU's first pass leaves for the stop-and-copy (docs/qemu-lab.md, "A quiet host").
     */
    record Comparison(long pages, long nonZeroPages, long differingPages, List<long[]> nonZeroRuns) {}

    static Comparison compare(Path source, Path destination) {
        try (FileChannel a = FileChannel.open(source, StandardOpenOption.READ);
                FileChannel b = destination == null ? null : FileChannel.open(destination, StandardOpenOption.READ)) {
            long size = a.size();
            if (b != null && b.size() != size) {
                throw new IllegalStateException(
                        destination + ": " + b.size() + " bytes, but the source's image has " + size);
            }
            // read, not mapped: a mapping outlives the deleted file until the GC frees it, and the images are in
            // /dev/shm (RAM), so mapped images of run after run filled the machine's memory
            final int chunk = 1 << 20;
            ByteBuffer x = ByteBuffer.allocate(chunk), y = ByteBuffer.allocate(chunk), zero = ByteBuffer.allocate(PAGE);
            long nonZero = 0, differ = 0, runStart = -1;
            List<long[]> runs = new ArrayList<>();
            for (long off = 0; off < size; off += chunk) {
                int len = (int) Math.min(chunk, size - off);
                fill(a, x.clear().limit(len), off);
                if (b != null) fill(b, y.clear().limit(len), off);
                for (int p = 0; p + PAGE <= len; p += PAGE) {
                    ByteBuffer px = x.slice(p, PAGE);
                    long page = (off + p) / PAGE;
                    if (px.mismatch(zero.clear()) != -1) {
                        nonZero++;
                        if (runStart < 0) runStart = page;
                    } else if (runStart >= 0) {
                        runs.add(new long[] {runStart, page - runStart});
                        runStart = -1;
                    }
                    if (b != null && px.mismatch(y.slice(p, PAGE)) != -1) differ++;
                }
            }
            if (runStart >= 0) runs.add(new long[] {runStart, size / PAGE - runStart});
            return new Comparison(size / PAGE, nonZero, b == null ? -1 : differ, List.copyOf(runs));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the memory images: " + e.getMessage(), e);
        }
    }
}
