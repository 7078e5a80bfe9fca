package io.livemig.qmp;

import java.nio.file.Path;

/** QEMU answered a command with an error: its {@code class} (such as {@code CommandNotFound}) and {@code desc}. */
public final class QmpCommandException extends QmpException {
    private final String command;
    private final String errorClass;
    private final String description;

    QmpCommandException(Path socket, String command, String errorClass, String description) {
        super(socket, "'" + command + "' failed: " + errorClass + ": " + description, null);
        this.command = command;
        this.errorClass = errorClass;
        this.description = description;
    }

    /** The command QEMU refused. */
    public String command() {
        return command;
    }

    /** QEMU's error class: {@code GenericError}, {@code CommandNotFound}, {@code DeviceNotActive}, ... */
    public String errorClass() {
        return errorClass;
    }

    /** QEMU's human-readable {@code desc}. */
    public String description() {
        return description;
    }
}
