package io.livemig.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorTest {
    @Test
    void namesEveryRequirementAndHowToGetWhatIsMissing(@TempDir Path emptyCache) {
        String before = System.getProperty("livemig.lab.cache");
        System.setProperty("livemig.lab.cache", emptyCache.toString());
        try {
            List<Doctor.Check> checks = Doctor.checks();
            assertThat(checks)
                    .extracting(Doctor.Check::name)
                    .contains(
                            "QEMU >= 9 (qemu-system-x86_64)",
                            "guest kernel",
                            "tc",
                            "unshare",
                            "nsenter",
                            "cpio",
                            "busybox (static)",
                            "root (network namespaces, tc)");
            Doctor.Check kernel = checks.stream()
                    .filter(c -> c.name().equals("guest kernel"))
                    .findFirst()
                    .orElseThrow();
            assertThat(kernel.ok()).isFalse();
            assertThat(kernel.line())
                    .startsWith("MISSING  guest kernel: no " + emptyCache.resolve("vmlinuz"))
                    .contains("lab/install.sh");
            assertThat(Doctor.allOk(checks)).isFalse();
            for (Doctor.Check c : checks)
                if (!c.ok()) assertThat(c.fix()).as(c.name()).isNotBlank();
        } finally {
            if (before == null) System.clearProperty("livemig.lab.cache");
            else System.setProperty("livemig.lab.cache", before);
        }
    }

    @Test
    void aStaticBusyboxIsToldFromADynamicProgram() {
        // the JVM's own launcher is dynamically linked everywhere the build runs
        assertThat(Host.isStatic(Path.of(System.getProperty("java.home"), "bin", "java")))
                .isFalse();
        Host.busybox().ifPresent(b -> assertThat(Host.isStatic(b)).isTrue());
    }
}
