package dev.berth.specs;

import java.io.Serial;

/**
 * A document that cannot be read: malformed JSON, a value of the wrong type or out of range, a missing
 * required property, input past a size limit, or a file that cannot be read. The message names the
 * source, the position and the JSON path, e.g.
 * {@code config.json:14:9: process.args[1]: expected a string, got a number}.
 *
 * <p>Reading stops at the first such error; the rules of the spec that need the whole document are the
 * validator's ({@link dev.berth.specs.validate.SpecValidator}), which reports every violation.
 */
public final class SpecException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String path;
    private final String problem;

    /**
     * @param source display name of the document ({@code config.json})
     * @param line 1-based line, or 0 when the error has no position
     * @param column 1-based column, or 0 when the error has no position
     * @param path JSON path ({@code process.args[1]}), empty for the document itself
     * @param problem what is wrong
     * @param cause the underlying exception, or null
     */
    public SpecException(String source, int line, int column, String path, String problem, Throwable cause) {
        super(format(source, line, column, path, problem), cause);
        this.source = source;
        this.line = line;
        this.column = column;
        this.path = path;
        this.problem = problem;
    }

    /** An error that concerns the document as a whole or a path, without a position. */
    public SpecException(String source, String path, String problem) {
        this(source, 0, 0, path, problem, null);
    }

    private static String format(String source, int line, int column, String path, String problem) {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line).append(':').append(column);
        }
        sb.append(": ");
        if (path != null && !path.isEmpty()) {
            sb.append(path).append(": ");
        }
        return sb.append(problem).toString();
    }

    /** The display name of the document. */
    public String source() {
        return source;
    }

    /** 1-based line of the offending token, 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column of the offending token, 0 when unknown. */
    public int column() {
        return column;
    }

    /** JSON path of the offending value, empty for the document itself. */
    public String path() {
        return path;
    }

    /** What is wrong, without source, position or path. */
    public String problem() {
        return problem;
    }
}
