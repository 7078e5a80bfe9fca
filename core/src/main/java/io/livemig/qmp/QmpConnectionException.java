package io.livemig.qmp;

import java.nio.file.Path;

/** The socket is missing, refused the connection, or closed (by QEMU or by {@link QmpClient#close()}). */
public final class QmpConnectionException extends QmpException {
    QmpConnectionException(Path socket, String message, Throwable cause) {
        super(socket, message, cause);
    }
}
