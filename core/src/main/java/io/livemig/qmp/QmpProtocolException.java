package io.livemig.qmp;

import java.nio.file.Path;

/** The peer sent something that is not QMP: no greeting, a line that is not JSON, or a message of no known kind. */
public final class QmpProtocolException extends QmpException {
    QmpProtocolException(Path socket, String message, Throwable cause) {
        super(socket, message, cause);
    }
}
