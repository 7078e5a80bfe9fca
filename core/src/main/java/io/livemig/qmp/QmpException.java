package io.livemig.qmp;

import io.livemig.LivemigException;
import java.nio.file.Path;

/**
 * Why a QMP exchange failed. The family is closed: QEMU refused a command ({@link QmpCommandException}), the
 * connection is gone or could not be made ({@link QmpConnectionException}), the peer does not speak QMP
 * ({@link QmpProtocolException}), a reply did not come in time ({@link QmpTimeoutException}), or the waiting
 * thread was interrupted ({@link QmpInterruptedException}). Every message is one line and starts with the socket.
 */
public abstract sealed class QmpException extends LivemigException
        permits QmpCommandException,
                QmpConnectionException,
                QmpProtocolException,
                QmpTimeoutException,
                QmpInterruptedException {
    private final Path socket;

    QmpException(Path socket, String message, Throwable cause) {
        super("QMP socket " + socket + ": " + message, cause);
        this.socket = socket;
    }

    /** The socket of the connection that failed. */
    public Path socket() {
        return socket;
    }
}
