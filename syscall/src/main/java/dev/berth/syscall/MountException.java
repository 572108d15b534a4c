package dev.berth.syscall;

import java.util.List;

/**
 * A call of the mount family failed ({@code mount(2)}, {@code umount2(2)}, {@code pivot_root(2)},
 * {@code move_mount(2)}, {@code fsmount(2)}, ...). Runtimes catch this type to tell a mount problem of
 * a container spec from other failures.
 */
public class MountException extends ErrnoException {
    private static final long serialVersionUID = 1L;

    public MountException(int errno, String call, String... arguments) {
        super(errno, call, arguments);
    }

    private MountException(String context, int errno, String call, List<String> arguments, Throwable cause) {
        super(context, errno, call, arguments, cause);
    }

    @Override
    public MountException withContext(String context) {
        return new MountException(joinContext(context), errno(), call(), arguments(), this);
    }
}
