package dev.berth.runtime.lifecycle;

import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.spawn.SpawnStepException;
import dev.berth.syscall.spawn.Spawned;

/**
 * A payload that cannot be exec'd, told in runc's words: docker turns "executable file not found" and
 * "no such file or directory" into exit code 127 and "permission denied" into 126, by matching the text.
 */
final class ExecErrors {
    private ExecErrors() {}

    /** A failed exec of the payload. */
    static final class ExecFailure extends ErrnoException {
        private static final long serialVersionUID = 1L;
        private final String text;

        ExecFailure(SpawnStepException cause, String text) {
            super(null, cause.errno(), cause.call(), cause.arguments(), cause);
            this.text = text;
        }

        @Override
        public String getMessage() {
            return text + " (" + getCause().getMessage() + ")";
        }
    }

    /** {@link Spawned#awaitExec()}, with the payload's exec failures reworded. */
    static void awaitExec(Spawned s, String argv0, boolean path) throws ErrnoException {
        try {
            s.awaitExec();
        } catch (SpawnStepException e) {
            throw explain(e, argv0, path);
        }
    }

    static ErrnoException explain(SpawnStepException e, String argv0, boolean path) {
        if (!e.call().startsWith("execve")) {
            return e;
        }
        String q = "\"" + argv0 + "\"";
        String text;
        if (e.is(Errno.ENOENT)) {
            text = path ? "exec: " + q + ": stat " + argv0 + ": no such file or directory"
                    : "exec: " + q + ": executable file not found in $PATH";
        } else if (e.is(Errno.EACCES) || e.is(Errno.EPERM)) {
            text = "exec: " + q + ": permission denied";
        } else if (e.is(Errno.ENOEXEC)) {
            text = "exec: " + q + ": exec format error";
        } else {
            return e;
        }
        return new ExecFailure(e, text);
    }
}
