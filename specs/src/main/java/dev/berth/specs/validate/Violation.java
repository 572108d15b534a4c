package dev.berth.specs.validate;

import java.util.Objects;

/**
 * One broken rule: where, as a JSON path ({@code linux.namespaces[3].type}), and what is wrong
 * ({@code duplicate namespace "net"}).
 *
 * @param path JSON path of the offending value, empty for the document as a whole
 * @param message the rule it breaks
 */
public record Violation(String path, String message) {
    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** {@code path: message}, as printed to users. */
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
