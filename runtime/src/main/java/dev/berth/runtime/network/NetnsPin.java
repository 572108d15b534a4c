package dev.berth.runtime.network;

import dev.berth.syscall.At;
import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Mount;
import dev.berth.syscall.MountException;
import dev.berth.syscall.Mounts;
import dev.berth.syscall.Open;
import java.nio.file.Path;

/**
 * Keeps a container's network namespace alive after its processes end, as {@code ip netns} keeps named
 * ones: a bind mount of {@code /proc/PID/ns/net} on a file (in the container's state directory, say;
 * {@code mount(2)} with {@code MS_BIND}, {@code network_namespaces(7)}).
 * {@code delete} then still finds the namespace to tear the network down in and to move
 * {@code linux.netDevices} back from, even when the container's init is long gone or the runtime crashed.
 */
public final class NetnsPin {
    private NetnsPin() {}

    /** Bind-mounts the network namespace of {@code pid} on {@code file} (created empty). */
    public static void pin(int pid, Path file) throws ErrnoException {
        int fd = Fs.openat(At.AT_FDCWD, file.toString(), Open.O_RDONLY | Open.O_CREAT | Open.O_EXCL | Open.O_CLOEXEC, 0444);
        Fs.close(fd);
        try {
            Mounts.mount("/proc/" + pid + "/ns/net", file.toString(), "none", Mount.MS_BIND, null);
        } catch (ErrnoException e) {
            try {
                Fs.unlinkat(At.AT_FDCWD, file.toString(), 0);
            } catch (ErrnoException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e.withContext("pinning the network namespace of " + pid + " on " + file);
        }
    }

    /** Undoes {@link #pin}: detaches the mount and removes the file; nothing to do when it is not there. */
    public static void unpin(Path file) throws ErrnoException {
        try {
            Mounts.umount2(file.toString(), Mount.MNT_DETACH);
        } catch (MountException e) {
            if (!e.is(Errno.EINVAL) && !e.is(Errno.ENOENT)) {
                throw e.withContext("unpinning the network namespace on " + file);
            }
        }
        try {
            Fs.unlinkat(At.AT_FDCWD, file.toString(), 0);
        } catch (ErrnoException e) {
            if (!e.is(Errno.ENOENT)) {
                throw e;
            }
        }
    }
}
