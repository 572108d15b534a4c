package dev.berth.syscall;

import java.io.IOException;
import java.util.List;

/**
 * A system call failed. Carries the errno (as number and kernel name), the call, and its arguments
 * rendered the way {@code strace} shows them, flags symbolically:
 * {@code mount("tmpfs", "/mnt", "tmpfs", MS_NOSUID|MS_NODEV, NULL) = -1 EPERM (Operation not permitted)}.
 *
 * <p>Callers add context with {@link #withContext(String)} instead of swallowing the cause.
 */
public class ErrnoException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int errno;
    private final String call;
    private final List<String> arguments;
    private final String context;

    /**
     * @param errno the positive error number
     * @param call the system call's name ({@code "mount"})
     * @param arguments the arguments, already rendered ({@code "\"/mnt\""}, {@code "MS_BIND|MS_REC"})
     */
    public ErrnoException(int errno, String call, String... arguments) {
        this(null, errno, call, List.of(arguments), null);
    }

    /** A copy of {@code cause}'s facts with {@code context} in front of the message. */
    protected ErrnoException(String context, int errno, String call, List<String> arguments, Throwable cause) {
        super(null, cause);
        this.errno = errno;
        this.call = call;
        this.arguments = List.copyOf(arguments);
        this.context = context;
    }

    /** The error number ({@link Errno#EPERM}, ...). */
    public int errno() {
        return errno;
    }

    /** The error's kernel name, {@code "EPERM"}. */
    public String errnoName() {
        return Errno.name(errno);
    }

    /** The system call, {@code "mount"}. */
    public String call() {
        return call;
    }

    /** The arguments as shown in the message. */
    public List<String> arguments() {
        return arguments;
    }

    /** Whether this failure is {@code errno}. */
    public boolean is(int errno) {
        return this.errno == errno;
    }

    /** The call as strace prints it, without context: {@code umount2("/x", MNT_DETACH) = -1 EINVAL (Invalid argument)}. */
    public String callLine() {
        return call + "(" + String.join(", ", arguments) + ") = -1 " + Errno.name(errno) + " (" + Errno.message(errno)
                + ")";
    }

    @Override
    public String getMessage() {
        return context == null ? callLine() : context + ": " + callLine();
    }

    /** The same failure with {@code context} ("mounting /proc of container x") in front of the message. */
    public ErrnoException withContext(String context) {
        return new ErrnoException(joinContext(context), errno, call, arguments, this);
    }

    /** {@code context} followed by the context this exception already has, for subclasses' {@link #withContext}. */
    protected String joinContext(String context) {
        return this.context == null ? context : context + ": " + this.context;
    }
}
