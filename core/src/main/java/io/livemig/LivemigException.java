package io.livemig;

/** The one unchecked exception family of livemig: every message is one line, "where: what; expected X, got Y". */
public class LivemigException extends RuntimeException {
    public LivemigException(String message) {
        super(message);
    }

    public LivemigException(String message, Throwable cause) {
        super(message, cause);
    }
}
