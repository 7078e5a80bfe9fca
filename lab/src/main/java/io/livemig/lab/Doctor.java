package io.livemig.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the lab needs on this machine, each with what was found and, when missing, how to get it. */
final class Doctor {
    /** One requirement: its name, whether it is met, what was found, and the fix. */
    record Check(String name, boolean ok, String found, String fix) {
        String line() {
            return (ok ? "ok       " : "MISSING  ") + name + ": " + found + (ok ? "" : " -> " + fix);
        }
    }

    static final String INSTALL = "run `sudo bash lab/install.sh`";

    private Doctor() {}

    static List<Check> checks() {
        return checks(false);
    }

    /** The checks; with {@code probeKvm}, a present /dev/kvm is tried by booting the guest under it (up to 20 s). */
    static List<Check> checks(boolean probeKvm) {
        List<Check> out = new ArrayList<>();
        Optional<int[]> v = Host.qemuVersion();
        out.add(new Check(
                "QEMU >= 9 (qemu-system-x86_64)",
                v.map(x -> x[0] >= 9).orElse(false),
                v.map(x -> "version " + x[0] + "." + x[1] + "." + x[2]
                                + (x[0] < 9 ? " (loses dirty pages under TCG; Debian 12's own is 7.2)" : ""))
                        .orElse("not found"),
                INSTALL + " (QEMU from bookworm-backports)"));
        Path kernel = GuestImage.kernelPath();
        out.add(new Check(
                "guest kernel",
                Files.isRegularFile(kernel),
                Files.isRegularFile(kernel) ? kernel.toString() : "no " + kernel,
                INSTALL + " (unpacks linux-image-*-amd64's vmlinuz into the cache; $LIVEMIG_LAB_CACHE moves it)"));
        for (String[] t : new String[][] {
            {"tc", "iproute2"},
            {"ip", "iproute2"},
            {"unshare", "util-linux"},
            {"nsenter", "util-linux"},
            {"cpio", "cpio"},
            {"gcc", "gcc"}
        }) {
            Optional<Path> p = Host.which(t[0]);
            out.add(new Check(
                    t[0],
                    p.isPresent(),
                    p.map(Path::toString).orElse("not found"),
                    INSTALL + " (package " + t[1] + ")"));
        }
        Optional<Path> bb = Host.busybox();
        out.add(new Check(
                "busybox (static)",
                bb.isPresent(),
                bb.map(Path::toString).orElse("no statically linked busybox"),
                INSTALL + " (package busybox-static)"));
        boolean libc = Files.isRegularFile(Path.of("/usr/lib/x86_64-linux-gnu/libc.a"));
        out.add(new Check(
                "static libc (libc.a)", libc, libc ? "found" : "not found", INSTALL + " (package libc6-dev)"));
        boolean root = "root".equals(System.getProperty("user.name"));
        out.add(new Check(
                "root (network namespaces, tc)",
                root,
                root ? "running as root" : "running as " + System.getProperty("user.name"),
                "run the lab as root (unshare -n and tc need CAP_SYS_ADMIN and CAP_NET_ADMIN)"));
        if (root
                && Host.which("unshare").isPresent()
                && Host.which("tc").isPresent()
                && Host.which("nsenter").isPresent()) {
            String found;
            boolean ok;
            try (Netns ns = Netns.shaped(100)) {
                found = "a private namespace with " + ns.qdisc().replaceAll("\\s+", " ");
                ok = found.contains("tbf");
            } catch (RuntimeException e) {
                found = e.getMessage();
                ok = false;
            }
            out.add(new Check(
                    "network namespace + tbf",
                    ok,
                    found,
                    "needs root and a kernel with network namespaces and sch_tbf"));
        }
        boolean kvm = Files.exists(Path.of("/dev/kvm"));
        String accel = kvm
                ? "/dev/kvm present but not used: the lab runs TCG (a /dev/kvm without VMX hangs a stock guest"
                        + " kernel, and TCG keeps timings alike across machines)"
                : "TCG (no /dev/kvm; the lab does not need it)";
        if (kvm && probeKvm && allOk(out)) accel = kvmProbe() + "; the lab runs TCG";
        out.add(new Check("accelerator", true, accel, ""));
        return out;
    }

    /** Boots the guest under KVM and says whether its init ran within 20 s (a /dev/kvm without VMX never gets there). */
    static String kvmProbe() {
        Path dir = null;
        Process p = null;
        try {
            GuestImage g = GuestImage.prepare();
            dir = Files.createTempDirectory("livemig-kvm");
            Path serial = dir.resolve("serial.txt");
            LabPlan.Point point = new LabPlan.Point(WorkloadShape.UNIFORM, 10, 1, 64, 100, 300, 1, 1, 20);
            p = Host.start(new ProcessBuilder(Host.command(
                            "qemu-system-x86_64",
                            "-machine",
                            "pc",
                            "-accel",
                            "kvm",
                            "-m",
                            "64",
                            "-nodefaults",
                            "-no-user-config",
                            "-display",
                            "none",
                            "-kernel",
                            g.kernel().toString(),
                            "-initrd",
                            g.initramfs().toString(),
                            "-append",
                            GuestImage.commandLine(point),
                            "-serial",
                            "file:" + serial))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("qemu.out").toFile()));
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < deadline && p.isAlive()) {
                if (Files.exists(serial) && Files.readString(serial).contains("LM BOOTED"))
                    return "/dev/kvm boots the guest";
                Thread.sleep(200);
            }
            if (!p.isAlive())
                return "/dev/kvm unusable: QEMU exited: "
                        + Files.readString(dir.resolve("qemu.out")).strip();
            return "/dev/kvm present but the guest did not boot under it within 20 s (no VMX?)";
        } catch (Exception e) {
            return "/dev/kvm probe failed: " + e.getMessage();
        } finally {
            if (p != null) {
                p.destroyForcibly();
                Host.forget(p);
            }
            if (dir != null) Host.deleteTree(dir);
        }
    }

    static boolean allOk(List<Check> checks) {
        return checks.stream().allMatch(Check::ok);
    }
}
