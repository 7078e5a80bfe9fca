package io.livemig.qmp;

import java.util.List;

/** What QEMU says first on a QMP connection: its version and the optional capabilities it offers (such as {@code oob}). */
public record QmpGreeting(QemuVersion version, List<String> capabilities) {
    public QmpGreeting {
        capabilities = List.copyOf(capabilities);
    }
}
