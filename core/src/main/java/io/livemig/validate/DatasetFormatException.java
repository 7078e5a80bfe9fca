package io.livemig.validate;

import io.livemig.LivemigException;

/** A dataset file is missing, unreadable or lacks a column the validation needs; the message names file and record. */
public final class DatasetFormatException extends LivemigException {
    public DatasetFormatException(String message) {
        super(message);
    }

    public DatasetFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
