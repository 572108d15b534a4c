package dev.berth.runtime.config;

import java.util.List;

/**
 * The spec cannot be run: each problem names its JSON path ({@code linux.seccomp: ...}) as the
 * validator's violations do.
 */
public class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    /** Every problem, one per entry. */
    public List<String> problems() {
        return problems;
    }
}
