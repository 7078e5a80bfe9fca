package io.livemig.qmp;

import com.google.gson.JsonObject;
import java.time.Instant;

/**
 * An asynchronous QMP event: its name ({@code MIGRATION_PASS}, {@code STOP}, ...), its {@code data} (an empty
 * object when QEMU sent none) and QEMU's own timestamp (host wall clock when QEMU emitted it).
 */
public record QmpEvent(String name, JsonObject data, Instant timestamp) {
    public QmpEvent {
        data = data == null ? new JsonObject() : data;
    }
}
