package dev.berth.runtime.cgroup;

import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import java.io.IOException;

/**
 * A cgroup operation failed or was refused. The message names the file, the value and the errno
 * ({@code writing 536870912 to /sys/fs/cgroup/memory/x/memory.limit_in_bytes: EINVAL (Invalid argument)}),
 * or, for a refusal, the setting and why it cannot be honoured here. Callers add context with
 * {@link #withContext(String)} instead of swallowing the cause.
 */
public class CgroupException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    /** A refusal or a failure that is not one system call's ({@link #errno()} is 0). */
    public CgroupException(String message) {
        this(message, 0, null);
    }

    CgroupException(String message, int errno, Throwable cause) {
        super(message, cause);
        this.errno = errno;
    }

    /** A failed system call on {@code path}: {@code what} is "writing 1 to", "creating", "reading" ... */
    static CgroupException of(String what, String path, ErrnoException e) {
        return new CgroupException(what + " " + path + ": " + Errno.name(e.errno()) + " (" + Errno.message(e.errno())
                + ")", e.errno(), e);
    }

    /** The same message for an errno without a system call behind it (test doubles). */
    static CgroupException errno(String what, String path, int errno) {
        return new CgroupException(what + " " + path + ": " + Errno.name(errno) + " (" + Errno.message(errno) + ")",
                errno, null);
    }

    /** The errno of the failed system call, 0 when this is a refusal. */
    public int errno() {
        return errno;
    }

    /** Whether the failure is this errno. */
    public boolean is(int errno) {
        return this.errno == errno;
    }

    /** The same failure with {@code context} in front of the message. */
    public CgroupException withContext(String context) {
        return new CgroupException(context + ": " + getMessage(), errno, this);
    }
}
