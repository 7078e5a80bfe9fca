package io.livemig.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.livemig.LivemigException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

class AtomicOutputTest {
    @TempDir
    Path dir;

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().contains(".livemig-tmp-")
                            || p.getFileName().toString().endsWith(".tmp"))
                    .toList();
        }
    }

    private static Trace small() {
        return TraceGenerator.generate("t", new Workload.UniformWorkingSet(500, 50), TraceHeader.of(1000), 20, 3);
    }

    @Test
    void convertingAFileOntoItselfIsRefusedAndLeavesItIntact() throws Exception {
        Path lmt = dir.resolve("x.lmt");
        small().write(TraceFormat.LMT, lmt);
        byte[] before = Files.readAllBytes(lmt);
        assertThatThrownBy(() -> Trace.read().convert(lmt, lmt, TraceFormat.PAGES_CSV))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x.lmt")
                .hasMessageContaining("destroy the input");
        Path link = dir.resolve("link.lmt");
        Files.createSymbolicLink(link, lmt);
        assertThatThrownBy(() -> Trace.read().convert(lmt, link, TraceFormat.LMT))
                .hasMessageContaining("through a link");
        Path hard = dir.resolve("hard.lmt");
        Files.createLink(hard, lmt);
        assertThatThrownBy(() -> Trace.read().convert(hard, lmt, TraceFormat.LMT))
                .hasMessageContaining("same file");
        assertThatThrownBy(() -> AtomicOutput.write(lmt, new byte[] {1}, hard)).hasMessageContaining("same file");
        assertThat(Files.readAllBytes(lmt)).isEqualTo(before);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aFolderAsTheOutputIsSaidSo() {
        assertThatThrownBy(() -> AtomicOutput.write(dir, new byte[] {1}))
                .hasMessage(dir + ": is a folder; expected a file name to write");
    }

    @Test
    void aReplacedFileKeepsItsPermissionsAndANewOneIsReadable() throws Exception {
        Path f = dir.resolve("secret.csv");
        Files.writeString(f, "old");
        assumeThat(f.getFileSystem().supportedFileAttributeViews()).contains("posix");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        AtomicOutput.write(f, "new".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(f)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .isEqualTo("rw-------");
        Path fresh = dir.resolve("fresh.csv");
        AtomicOutput.write(fresh, new byte[] {1});
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void aSymbolicLinkIsFollowedAndStaysALink() throws Exception {
        Path real = Files.createDirectory(dir.resolve("store")).resolve("real.lmt");
        Files.writeString(real, "old");
        Path link = dir.resolve("link.lmt");
        Files.createSymbolicLink(link, Path.of("store/real.lmt"));
        small().write(TraceFormat.LMT, link);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Trace.read().lmt(real).unitCount()).isEqualTo(20);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path f = dir.resolve("t.csv");
        small().write(TraceFormat.PAGES_CSV, f);
        byte[] old = Files.readAllBytes(f);
        for (int i = 0; i < 100; i++) {
            TraceWriter w = TraceWriter.open(TraceFormat.PAGES_CSV, f, TraceHeader.of(1000));
            w.write(RoaringBitmap.bitmapOfRange(0, 100 + i));
            // an injected failure: a page beyond the memory, half-way through the trace
            assertThatThrownBy(() -> Trace.read().convert(writeBad(), f, TraceFormat.PAGES_CSV))
                    .isInstanceOf(RuntimeException.class);
            w.abort();
            assertThat(Files.readAllBytes(f)).isEqualTo(old);
            assertThat(leftovers()).isEmpty();
        }
    }

    private Path writeBad() throws IOException {
        Path bad = dir.resolve("bad.csv");
        if (!Files.exists(bad))
            Files.writeString(
                    bad, "# livemig-trace unit_ms=100 page_size=4096 memory_pages=10\nunit,page\n0,1\n1,2\n2,99\n");
        return bad;
    }

    @Test
    void writesKilledMidWayLeaveTheOldFileAndTheNextWriteSweepsTheirTemporaryFiles() throws Exception {
        Path f = dir.resolve("victim.csv");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        int kills = Integer.getInteger("livemig.test.kills", 100);
        for (int i = 0; i < kills; i++) {
            byte[] old = ("generation " + i + "\n").getBytes(StandardCharsets.UTF_8);
            AtomicOutput.write(f, old);
            assertThat(leftovers()).as("after write %d", i).isEmpty();
            Process p = new ProcessBuilder(
                            java,
                            "-Xshare:auto",
                            "-XX:TieredStopAtLevel=1",
                            "-cp",
                            cp,
                            KilledWriter.class.getName(),
                            f.toString())
                    .redirectErrorStream(true)
                    .start();
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line = r.readLine();
                assertThat(line).as("child %d", i).isEqualTo("writing");
                p.destroyForcibly();
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(Files.readAllBytes(f)).as("kill %d", i).isEqualTo(old);
            assertThat(leftovers())
                    .as("the killed write %d left its temporary file", i)
                    .hasSize(1);
        }
        AtomicOutput.write(f, new byte[] {42});
        assertThat(leftovers()).isEmpty();
        assertThat(Files.readAllBytes(f)).containsExactly(42);
    }

    @Test
    void temporaryFilesOfLiveWritersAndOtherTargetsAreLeftAlone() throws Exception {
        Path f = dir.resolve("a.csv");
        AtomicOutput open = AtomicOutput.open(f);
        Path other = dir.resolve(".b.csv.livemig-tmp-1-abc");
        Files.writeString(other, "x");
        AtomicOutput.write(f, new byte[] {1});
        assertThat(open.temp()).exists();
        assertThat(other).exists();
        open.abort();
        assertThat(open.temp()).doesNotExist();
    }

    @Test
    void ioErrorsSayTheReason() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertThatThrownBy(() -> AtomicOutput.write(file.resolve("x.csv"), new byte[] {1}))
                .hasMessageEndingWith("plain: exists and is not a folder");
        Path ro = Files.createDirectory(dir.resolve("ro"));
        assumeThat(ro.getFileSystem().supportedFileAttributeViews()).contains("posix");
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeThat(Files.isWritable(ro)).as("running as root").isFalse();
            assertThatThrownBy(() -> AtomicOutput.write(ro.resolve("x.csv"), new byte[] {1}))
                    .isInstanceOf(LivemigException.class)
                    .hasMessageContaining("permission denied")
                    .hasMessageNotContaining("\n");
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
