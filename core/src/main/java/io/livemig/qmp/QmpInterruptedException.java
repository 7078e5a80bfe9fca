package io.livemig.qmp;

import java.nio.file.Path;

/** The thread waiting for a reply or an event was interrupted; its interrupt flag is set again before this is thrown. */
public final class QmpInterruptedException extends QmpException {
    QmpInterruptedException(Path socket, String message, InterruptedException cause) {
        super(socket, message, cause);
    }
}
