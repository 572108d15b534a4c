package dev.berth.runtime.network;

import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Open;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * host-local's directory of one network, open and {@code flock}ed on its {@code lock} file while a setup
 * or teardown reads and changes it. Every file operation is relative to the directory's descriptor
 * ({@code openat(2)}, {@code unlinkat(2)}, {@code getdents64(2)}): one path lookup per allocation rather
 * than several per file, which is most of what an allocation costs.
 */
final class AllocationDir implements AutoCloseable {
    private static final int LOCK_EX = 2;

    private final Path path;
    private final int dirfd;
    private final int lockfd;

    private AllocationDir(Path path, int dirfd, int lockfd) {
        this.path = path;
        this.dirfd = dirfd;
        this.lockfd = lockfd;
    }

    /** Opens (creating it when {@code create}) and locks {@code dir}; null when it does not exist and {@code !create}. */
    static AllocationDir open(Path dir, boolean create) throws IOException {
        int fd;
        try {
            fd = Fs.open(dir.toString(), Open.O_RDONLY | Open.O_DIRECTORY | Open.O_CLOEXEC);
        } catch (ErrnoException e) {
            if (!e.is(Errno.ENOENT)) {
                throw e.withContext("opening " + dir);
            }
            if (!create) {
                return null;
            }
            Files.createDirectories(dir);
            fd = Fs.open(dir.toString(), Open.O_RDONLY | Open.O_DIRECTORY | Open.O_CLOEXEC);
        }
        try {
            int lock = Fs.openat(fd, "lock", Open.O_RDONLY | Open.O_CREAT | Open.O_CLOEXEC, 0600);
            try {
                while (true) {
                    try {
                        Fs.flock(lock, LOCK_EX);
                        return new AllocationDir(dir, fd, lock);
                    } catch (ErrnoException e) {
                        if (!e.is(Errno.EINTR)) {
                            throw e.withContext("locking " + dir.resolve("lock"));
                        }
                    }
                }
            } catch (ErrnoException e) {
                Fs.close(lock);
                throw e;
            }
        } catch (ErrnoException e) {
            Fs.close(fd);
            throw e;
        }
    }

    Path path() {
        return path;
    }

    /** The names of the regular files in the directory. */
    List<String> files() throws ErrnoException {
        int fd = Fs.openat(dirfd, ".", Open.O_RDONLY | Open.O_DIRECTORY | Open.O_CLOEXEC, 0);
        try {
            List<String> out = new ArrayList<>();
            for (Fs.Dirent d : Fs.readDirectory(fd)) {
                if (d.type() == Fs.Dirent.DT_REG) {
                    out.add(d.name());
                } else if (d.type() == Fs.Dirent.DT_UNKNOWN && !d.name().equals(".") && !d.name().equals("..")) {
                    out.add(d.name()); // a file system without d_type: reading a directory fails and is skipped
                }
            }
            return out;
        } finally {
            Fs.close(fd);
        }
    }

    /** The content of {@code name}, stripped; null when it cannot be read. */
    String read(String name) {
        try {
            int fd = Fs.openat(dirfd, name, Open.O_RDONLY | Open.O_CLOEXEC | Open.O_NOFOLLOW, 0);
            try {
                return new String(Fs.read(fd, 4096), StandardCharsets.UTF_8).strip();
            } finally {
                Fs.close(fd);
            }
        } catch (ErrnoException e) {
            return null;
        }
    }

    /** Creates {@code name} with {@code content}; false when it exists (taken). */
    boolean createNew(String name, String content) throws ErrnoException {
        int fd;
        try {
            fd = Fs.openat(dirfd, name, Open.O_WRONLY | Open.O_CREAT | Open.O_EXCL | Open.O_CLOEXEC, 0644);
        } catch (ErrnoException e) {
            if (e.is(Errno.EEXIST)) {
                return false;
            }
            throw e.withContext("creating " + path.resolve(name));
        }
        try {
            Fs.writeAll(fd, content.getBytes(StandardCharsets.UTF_8));
        } catch (ErrnoException e) {
            Fs.close(fd);
            Fs.unlinkat(dirfd, name, 0);
            throw e.withContext("writing " + path.resolve(name));
        }
        Fs.close(fd);
        return true;
    }

    /**
     * Writes {@code name} whole, replacing what it held: written over from the start, then cut to length.
     * Not {@code O_TRUNC}: ext4 flushes a file truncated to nothing and written again when it is closed
     * ({@code auto_da_alloc}), which made this one write cost more than the rest of an allocation.
     */
    void write(String name, String content) throws ErrnoException {
        int fd = Fs.openat(dirfd, name, Open.O_WRONLY | Open.O_CREAT | Open.O_CLOEXEC, 0644);
        try {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            Fs.writeAll(fd, bytes);
            Fs.ftruncate(fd, bytes.length);
        } catch (ErrnoException e) {
            throw e.withContext("writing " + path.resolve(name));
        } finally {
            Fs.close(fd);
        }
    }

    /** Removes {@code name}; quietly when it is already gone. */
    void delete(String name) throws ErrnoException {
        try {
            Fs.unlinkat(dirfd, name, 0);
        } catch (ErrnoException e) {
            if (!e.is(Errno.ENOENT)) {
                throw e.withContext("removing " + path.resolve(name));
            }
        }
    }

    @Override
    public void close() {
        for (int fd : new int[] {lockfd, dirfd}) {
            try {
                Fs.close(fd);
            } catch (ErrnoException ignored) {
                // closing releases the lock either way
            }
        }
    }
}
