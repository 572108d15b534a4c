package dev.berth.runtime.cli;

/** Small helpers for hand-parsed command lines (no library: start-up time counts). */
final class Args {
    private Args() {}

    /** The value after option {@code args[i]}, or a usage error naming the option. */
    static String value(String[] args, int i, String option) {
        if (i + 1 >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i + 1];
    }

    /** A command-line mistake: reported on one line, exit code 2. */
    static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
