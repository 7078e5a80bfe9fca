package io.livemig.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.livemig.LivemigException;
import io.livemig.TraceFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/**
 * 10^5 mutated trace files (a seeded loop, so a failure names its iteration and reproduces): reading and fitting them
 * ends normally or with the project's own {@link TraceFormatException}, one line naming the file; the only other
 * outcome allowed is the fitter's up-front refusal of a trace too large for the heap. Half the binary mutations
 * recompute every checksum afterwards, so they reach the header checks and the bitmap decoder instead of stopping at
 * the first CRC.
 */
class TraceFuzzTest {
    static final int FILES = 100_000;

    @TempDir
    Path dir;

    private final List<byte[]> lmtSeeds = new ArrayList<>();
    private final List<byte[]> csvSeeds = new ArrayList<>();

    private void seeds() throws Exception {
        SplittableRandom r = new SplittableRandom(11);
        for (int s = 0; s < 6; s++) {
            int memory = 64 + r.nextInt(70_000);
            List<RoaringBitmap> units = new ArrayList<>();
            for (int k = 0, n = 1 + r.nextInt(12); k < n; k++) {
                RoaringBitmap b = new RoaringBitmap();
                if (s % 3 == 0) b.add(0L, Math.min(memory, 5000)); // run containers
                for (int i = 0, c = r.nextInt(200); i < c; i++) b.add(r.nextInt(memory)); // array containers
                if (s % 3 == 2)
                    for (int i = 0; i < 5000; i++) b.add(r.nextInt(Math.min(memory, 65536))); // bitmap containers
                units.add(b);
            }
            Trace t = Trace.ofPages("seed", new TraceHeader(4096, memory, 0.1, s % 2 == 0 ? memory / 2 : -1), units);
            Path f = dir.resolve("seed.lmt");
            t.write(TraceFormat.LMT, f);
            lmtSeeds.add(Files.readAllBytes(f));
            Path c = dir.resolve("seed.csv");
            t.write(s % 2 == 0 ? TraceFormat.PAGES_CSV : TraceFormat.COUNTS_CSV, c);
            csvSeeds.add(Files.readAllBytes(c));
        }
    }

    @Test
    @Timeout(900) // only a real hang: about 55 s of CPU, much longer on a loaded machine
    void mutatedFilesFailOnlyWithTheProjectsOwnError() throws Exception {
        seeds();
        SplittableRandom r = new SplittableRandom(20261130);
        Path lmt = dir.resolve("m.lmt"), pages = dir.resolve("m.csv"), counts = dir.resolve("m.counts.csv");
        int read = 0, rejected = 0, refused = 0;
        for (int i = 0; i < FILES; i++) {
            boolean binary = i % 4 != 0;
            byte[] seed = binary ? lmtSeeds.get(r.nextInt(lmtSeeds.size())) : csvSeeds.get(r.nextInt(csvSeeds.size()));
            byte[] bad = mutate(seed, r, binary);
            if (binary && r.nextBoolean()) fixChecksums(bad);
            Path f = binary ? lmt : (i % 8 == 0 ? counts : pages);
            Files.write(f, bad);
            try {
                Trace t = Trace.read().file(f);
                t.fit();
                read++;
            } catch (TraceFormatException e) {
                assertThat(e.getMessage())
                        .as("iteration %d", i)
                        .startsWith(f.getFileName() + ": ")
                        .doesNotContain("\n");
                rejected++;
            } catch (LivemigException e) {
                assertThat(e.getMessage())
                        .as("iteration %d", i)
                        .contains(": cannot fit: ")
                        .doesNotContain("\n");
                refused++;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("iteration " + i + " (" + f.getFileName() + "): " + e, e);
            }
        }
        assertThat(read + rejected + refused).isEqualTo(FILES);
        // the mutations must reach both outcomes, or the loop tests nothing
        assertThat(read).isGreaterThan(FILES / 100);
        assertThat(rejected).isGreaterThan(FILES / 2);
    }

    private static byte[] mutate(byte[] seed, SplittableRandom r, boolean binary) {
        byte[] b = seed.clone();
        switch (r.nextInt(7)) {
            case 0 -> {
                for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
            }
            case 1 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
            case 2 -> { // a random 2-, 4- or 8-byte field
                int w = 1 << (1 + r.nextInt(3));
                if (b.length > w) {
                    int at = r.nextInt(b.length - w + 1);
                    long v = switch (r.nextInt(4)) {
                        case 0 -> 0;
                        case 1 -> -1;
                        case 2 -> Integer.MAX_VALUE;
                        default -> r.nextLong();
                    };
                    for (int k = 0; k < w; k++) b[at + k] = (byte) (v >>> (8 * k));
                }
            }
            case 3 -> { // a duplicated slice
                int from = r.nextInt(b.length),
                        len = r.nextInt(Math.min(64, b.length - from) + 1),
                        to = r.nextInt(b.length + 1);
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, to);
                System.arraycopy(b, from, out, to, len);
                System.arraycopy(b, to, out, to + len, b.length - to);
                b = out;
            }
            case 4 -> { // appended garbage
                int n = 1 + r.nextInt(64);
                b = java.util.Arrays.copyOf(b, b.length + n);
                for (int i = b.length - n; i < b.length; i++) b[i] = (byte) r.nextInt();
            }
            case 5 -> { // text: a digit, comma or newline in the wrong place
                if (!binary) {
                    byte[] chars = "0123456789,-\n#= x\uFEFF".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    b[r.nextInt(b.length)] = chars[r.nextInt(chars.length)];
                } else {
                    b[r.nextInt(b.length)] = (byte) r.nextInt();
                }
            }
            default -> { // a small integer nudged (a count, a length, a key)
                int at = r.nextInt(b.length);
                b[at] = (byte) (b[at] + (r.nextBoolean() ? 1 : -1));
            }
        }
        return b;
    }

    /** Recomputes the header's, the non-zero count's and every frame's CRC-32C where the structure still allows. */
    private static void fixChecksums(byte[] b) {
        if (b.length < LmtFormat.HEADER_BYTES) return;
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        crc.update(b, 0, LmtFormat.HEADER_BYTES - 4);
        buf.putInt(LmtFormat.HEADER_BYTES - 4, (int) crc.getValue());
        int at = LmtFormat.HEADER_BYTES;
        if ((buf.getShort(10) & LmtFormat.FLAG_NONZERO) != 0 && b.length >= at + LmtFormat.NONZERO_BYTES) {
            crc.reset();
            crc.update(b, at, 8);
            buf.putInt(at + 8, (int) crc.getValue());
            at += LmtFormat.NONZERO_BYTES;
        }
        while (at + LmtFormat.FRAME_HEADER_BYTES <= b.length) {
            long len = Integer.toUnsignedLong(buf.getInt(at));
            if (at + LmtFormat.FRAME_HEADER_BYTES + len > b.length) return;
            crc.reset();
            crc.update(b, at + LmtFormat.FRAME_HEADER_BYTES, (int) len);
            buf.putInt(at + 4, (int) crc.getValue());
            at += LmtFormat.FRAME_HEADER_BYTES + (int) len;
        }
    }
}
