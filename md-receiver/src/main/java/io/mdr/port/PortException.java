package io.mdr.port;

/**
 * A port could not be opened or failed while receiving: what was being done, and why, in words that say what to
 * change (the configuration key, the sysctl, the interface).
 */
public final class PortException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PortException(String message) {
        super(message);
    }

    public PortException(String message, Throwable cause) {
        super(message, cause);
    }
}
