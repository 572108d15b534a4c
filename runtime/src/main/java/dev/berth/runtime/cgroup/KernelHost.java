package dev.berth.runtime.cgroup;

import dev.berth.syscall.At;
import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Open;
import dev.berth.syscall.Signals;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@link CgroupHost} on the real kernel, through the syscall module. */
final class KernelHost implements CgroupHost {
    static final KernelHost INSTANCE = new KernelHost();

    private KernelHost() {}

    @Override
    public String read(String path) throws CgroupException {
        try {
            return Fs.readFile(path);
        } catch (ErrnoException e) {
            throw CgroupException.of("reading", path, e);
        }
    }

    @Override
    public String readIfExists(String path) throws CgroupException {
        try {
            return Fs.readFile(path);
        } catch (ErrnoException e) {
            if (e.is(Errno.ENOENT)) {
                return null;
            }
            throw CgroupException.of("reading", path, e);
        }
    }

    @Override
    public void write(String path, String value) throws CgroupException {
        String what = "writing " + value + " to";
        int fd;
        try {
            fd = Fs.open(path, Open.O_WRONLY | Open.O_CLOEXEC);
        } catch (ErrnoException e) {
            throw CgroupException.of(what, path, e);
        }
        try (Arena a = Arena.ofConfined()) {
            byte[] b = value.getBytes(StandardCharsets.UTF_8);
            MemorySegment buf = a.allocateFrom(ValueLayout.JAVA_BYTE, b);
            int n = Fs.write(fd, buf);
            if (n != b.length) {
                throw new CgroupException(what + " " + path + ": short write (" + n + " of " + b.length + " bytes)");
            }
        } catch (ErrnoException e) {
            throw CgroupException.of(what, path, e);
        } finally {
            closeQuietly(fd);
        }
    }

    @Override
    public boolean exists(String path) {
        try {
            return Fs.faccessat(At.AT_FDCWD, path, 0 /* F_OK */, At.AT_EACCESS);
        } catch (ErrnoException e) {
            return false;
        }
    }

    @Override
    public boolean mkdir(String path) throws CgroupException {
        try {
            Fs.mkdirat(At.AT_FDCWD, path, 0755);
            return true;
        } catch (ErrnoException e) {
            if (e.is(Errno.EEXIST)) {
                return false;
            }
            throw CgroupException.of("creating", path, e);
        }
    }

    @Override
    public void rmdir(String path) throws CgroupException {
        try {
            Fs.unlinkat(At.AT_FDCWD, path, At.AT_REMOVEDIR);
        } catch (ErrnoException e) {
            throw CgroupException.of("removing", path, e);
        }
    }

    @Override
    public List<String> subdirectories(String dir) throws CgroupException {
        int fd = openDirectory(dir);
        try {
            List<String> out = new ArrayList<>();
            for (Fs.Dirent d : Fs.readDirectory(fd)) {
                if (d.type() == Fs.Dirent.DT_DIR) {
                    out.add(d.name());
                }
            }
            return out;
        } catch (ErrnoException e) {
            throw CgroupException.of("listing", dir, e);
        } finally {
            closeQuietly(fd);
        }
    }

    @Override
    public int openDirectory(String path) throws CgroupException {
        try {
            return Fs.open(path, Open.O_RDONLY | Open.O_DIRECTORY | Open.O_CLOEXEC);
        } catch (ErrnoException e) {
            throw CgroupException.of("opening", path, e);
        }
    }

    @Override
    public boolean access(String path, int mode) {
        try {
            return Fs.faccessat(At.AT_FDCWD, path, mode, At.AT_EACCESS);
        } catch (ErrnoException e) {
            return false;
        }
    }

    @Override
    public boolean kill(int pid, int signal) throws CgroupException {
        try {
            Signals.kill(pid, signal);
            return true;
        } catch (ErrnoException e) {
            if (e.is(Errno.ESRCH)) {
                return false;
            }
            throw new CgroupException("signalling process " + pid + ": " + e.getMessage(), e.errno(), e);
        }
    }

    @Override
    public void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    private static void closeQuietly(int fd) {
        try {
            Fs.close(fd);
        } catch (ErrnoException ignored) {
            // nothing more to release
        }
    }
}
