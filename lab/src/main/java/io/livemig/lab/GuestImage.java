package io.livemig.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The guest: Debian's {@code vmlinuz} (unpacked into the cache by {@code lab/install.sh}) and an initramfs of
 * busybox-static, the {@code /init} script and the static workload {@code lmwork}, both from {@code lab/guest/}
 * (shipped in the jar). The initramfs is built once per content of those sources and kept in the cache.
 *
 * @param kernel    the kernel image
 * @param initramfs the gzip'd newc cpio archive
 */
public record GuestImage(Path kernel, Path initramfs) {
    static final List<String> SOURCES = List.of("init", "lmwork.c");

    /** The cache: the system property {@code livemig.lab.cache}, else {@code $LIVEMIG_LAB_CACHE}, else {@code ~/.cache/livemig/lab}. */
    public static Path cache() {
        String prop = System.getProperty("livemig.lab.cache");
        if (prop != null && !prop.isBlank()) return Path.of(prop);
        String env = System.getenv("LIVEMIG_LAB_CACHE");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.home"), ".cache", "livemig", "lab");
    }

    public static Path kernelPath() {
        return cache().resolve("vmlinuz");
    }

    /** The guest, building its initramfs first when the cache has none for these sources. */
    public static GuestImage prepare() {
        Path kernel = kernelPath();
        if (!Files.isRegularFile(kernel)) {
            throw new IllegalArgumentException("guest kernel not found at " + kernel
                    + "; run `bash lab/install.sh` (or see `livemig lab doctor`)");
        }
        try {
            byte[][] sources = new byte[SOURCES.size()][];
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < sources.length; i++) {
                sources[i] = resource(SOURCES.get(i));
                sha.update(sources[i]);
            }
            String tag = HexFormat.of().formatHex(sha.digest()).substring(0, 12);
            Path initramfs = cache().resolve("initramfs-" + tag + ".cpio.gz");
            if (!Files.isRegularFile(initramfs)) build(sources, initramfs);
            return new GuestImage(kernel, initramfs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the guest's initramfs: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = GuestImage.class.getResourceAsStream("guest/" + name)) {
            if (in == null)
                throw new IOException(
                        "guest/" + name + " is missing from the class path (lab/guest/ in the source tree)");
            return in.readAllBytes();
        }
    }

    private static void build(byte[][] sources, Path target) throws IOException {
        Path dir = Files.createTempDirectory("livemig-guest");
        try {
            Path root = dir.resolve("root");
            for (String d : List.of("bin", "proc", "sys", "dev")) Files.createDirectories(root.resolve(d));
            Files.write(dir.resolve("lmwork.c"), sources[1]);
            Host.run(
                    Host.command(
                            "gcc",
                            "-static",
                            "-O2",
                            "-o",
                            root.resolve("lmwork").toString(),
                            dir.resolve("lmwork.c").toString()),
                    120);
            Files.write(root.resolve("init"), sources[0]);
            Files.setPosixFilePermissions(root.resolve("init"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Path busybox = Host.busybox()
                    .orElseThrow(() -> new IOException("busybox (static) not found; run `bash lab/install.sh`"));
            Files.copy(busybox, root.resolve("bin/busybox"), StandardCopyOption.COPY_ATTRIBUTES);
            // a shell-script /init needs /bin/sh, or the kernel finds "no working init"
            Files.createSymbolicLink(root.resolve("bin/sh"), Path.of("busybox"));
            Path cpio = dir.resolve("initramfs.cpio");
            Host.runIn(root, "find . | cpio -o -H newc --quiet > " + Host.quote(cpio.toString()), 120);
            Path temp = Files.createTempFile(target.getParent(), ".initramfs", ".tmp");
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(temp))) {
                Files.copy(cpio, out);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Host.deleteTree(dir);
        }
    }

    /** The kernel command line: serial console, THP off, the workload's settings for {@code /init}. */
    public static String commandLine(LabPlan.Point p) {
        // no_timer_check: under TCG on a loaded host the kernel can misjudge the IO-APIC timer and panic at boot
        return "console=ttyS0 quiet panic=-1 no_timer_check transparent_hugepage=never lm.shape="
                + p.shape().label() + " lm.rate=" + p.ratePagesPerSecond() + " lm.region=" + p.regionPages()
                + " lm.seed=" + p.seed() + " lm.unit=" + Math.round(WorkloadShape.UNIT_SECONDS * 1000);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
