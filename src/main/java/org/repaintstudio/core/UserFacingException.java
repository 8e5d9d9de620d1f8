package org.repaintstudio.core;

/**
 * A failure caused by the user's input or environment, whose message is one clear sentence
 * fit to show as-is (CLI stderr, app error dialog).
 */
public class UserFacingException extends RuntimeException {
    private final int exitCode;

    public UserFacingException(String message) {
        this(message, null);
    }

    public UserFacingException(String message, Throwable cause) {
        this(message, cause, 1);
    }

    public UserFacingException(String message, Throwable cause, int exitCode) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
