package io.livemig.qmp;

import java.nio.file.Path;
import java.time.Duration;

/** No reply (or no greeting) within the time allowed. The connection stays usable: a late reply is dropped. */
public final class QmpTimeoutException extends QmpException {
    private final Duration timeout;

    QmpTimeoutException(Path socket, String message, Duration timeout) {
        super(socket, message, null);
        this.timeout = timeout;
    }

    /** How long the caller waited. */
    public Duration timeout() {
        return timeout;
    }
}
