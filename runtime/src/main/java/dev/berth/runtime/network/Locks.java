package dev.berth.runtime.network;

import dev.berth.syscall.At;
import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Open;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Exclusive {@code flock(2)} locks on files, held while a setup or teardown changes something other
 * containers share: a network's allocations (host-local's own {@code lock} file, so the reference plugin
 * and Berth exclude each other), a bridge, a NAT table. Not {@link java.nio.channels.FileLock}: that is an
 * {@code fcntl} lock, which does not exclude {@code flock} holders.
 */
final class Locks {
    private static final int LOCK_EX = 2;

    /** A held lock; closing releases it. */
    static final class Held implements AutoCloseable {
        private int fd;

        private Held(int fd) {
            this.fd = fd;
        }

        @Override
        public void close() {
            if (fd >= 0) {
                try {
                    Fs.close(fd);
                } catch (ErrnoException ignored) {
                    // the lock goes with the fd either way
                }
                fd = -1;
            }
        }
    }

    private Locks() {}

    /** Waits for the lock on {@code file}, creating it (and its directory) when missing. */
    static Held lock(Path file) throws IOException {
        int fd;
        try {
            fd = Fs.openat(At.AT_FDCWD, file.toString(), Open.O_RDONLY | Open.O_CREAT | Open.O_CLOEXEC, 0600);
        } catch (ErrnoException e) {
            if (!e.is(Errno.ENOENT)) {
                throw e.withContext("opening the lock file " + file);
            }
            Files.createDirectories(file.getParent());
            fd = Fs.openat(At.AT_FDCWD, file.toString(), Open.O_RDONLY | Open.O_CREAT | Open.O_CLOEXEC, 0600);
        }
        try {
            while (true) {
                try {
                    Fs.flock(fd, LOCK_EX);
                    return new Held(fd);
                } catch (ErrnoException e) {
                    if (!e.is(Errno.EINTR)) {
                        throw e.withContext("locking " + file);
                    }
                }
            }
        } catch (ErrnoException e) {
            Fs.close(fd);
            throw e;
        }
    }

    /** Where Berth keeps its own lock files: a directory in the data directory no network can be named. */
    static Path dir(Path dataDir) {
        return dataDir.resolve(".berth-locks");
    }
}
