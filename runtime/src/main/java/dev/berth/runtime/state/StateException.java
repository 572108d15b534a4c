package dev.berth.runtime.state;

/**
 * A command cannot proceed because of a container's state: it does not exist, already exists, or is in
 * the wrong state. Carries the exit code runc uses.
 */
public class StateException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public StateException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
