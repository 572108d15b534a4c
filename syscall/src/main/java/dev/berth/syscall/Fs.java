package dev.berth.syscall;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.berth.syscall.struct.Iovec;
import dev.berth.syscall.struct.OpenHow;
import dev.berth.syscall.struct.Statx;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Files and directories: {@code openat(2)}, {@code openat2(2)}, {@code read(2)}, {@code statx(2)},
 * {@code mkdirat(2)} and the rest of the fd-based file API. Paths are Java strings (UTF-8 on the
 * wire); directory fds may be {@link At#AT_FDCWD}. Every failure is an {@link ErrnoException} naming the
 * call and its arguments.
 */
public final class Fs {
    private Fs() {}

    static ErrnoException fail(long r, String call, String... args) {
        return new ErrnoException((int) -r, call, args);
    }

    /** {@code openat(2)}. Returns the new fd. */
    public static int openat(int dirfd, String path, int flags, int mode) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            long r = Raw.call(Nr.OPENAT, dirfd, a.allocateFrom(path).address(), flags, mode);
            if (r < 0) {
                throw fail(r, "openat", Show.dirfd(dirfd), Show.str(path), Open.format(flags), Show.mode(mode));
            }
            return (int) r;
        }
    }

    /** {@code openat(AT_FDCWD, path, flags, 0)}. */
    public static int open(String path, int flags) throws ErrnoException {
        return openat(At.AT_FDCWD, path, flags, 0);
    }

    /**
     * {@code openat2(2)}: open with resolution rules, e.g. {@link Open#RESOLVE_IN_ROOT} to resolve
     * {@code path} as if {@code dirfd} were the root, so no symlink can lead outside it.
     */
    public static int openat2(int dirfd, String path, long flags, long mode, long resolve) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment how = new OpenHow(flags, mode, resolve).allocate(a);
            long r = Raw.call(Nr.OPENAT2, dirfd, a.allocateFrom(path).address(), how.address(), how.byteSize());
            if (r < 0) {
                throw fail(r, "openat2", Show.dirfd(dirfd), Show.str(path),
                        new OpenHow(flags, mode, resolve).toString(), Long.toString(how.byteSize()));
            }
            return (int) r;
        }
    }

    /** {@code close(2)}. */
    public static void close(int fd) throws ErrnoException {
        long r = Raw.call(Nr.CLOSE, fd);
        if (r < 0) {
            throw fail(r, "close", Integer.toString(fd));
        }
    }

    /** {@code close_range(2)}: close (or, with {@link Fcntl#CLOSE_RANGE_CLOEXEC}, mark) fds {@code first..last}. */
    public static void closeRange(int first, int last, int flags) throws ErrnoException {
        long r = Raw.call(Nr.CLOSE_RANGE, first & 0xFFFF_FFFFL, last & 0xFFFF_FFFFL, flags);
        if (r < 0) {
            throw fail(r, "close_range", Integer.toUnsignedString(first), Integer.toUnsignedString(last),
                    Fcntl.formatCloseRange(flags));
        }
    }

    /** {@code read(2)} into native memory; returns the byte count, 0 at end of file. */
    public static int read(int fd, MemorySegment buf) throws ErrnoException {
        long r = Raw.call(Nr.READ, fd, buf.address(), buf.byteSize());
        if (r < 0) {
            throw fail(r, "read", Integer.toString(fd), Show.ptr(buf), Long.toString(buf.byteSize()));
        }
        return (int) r;
    }

    /** {@code read(2)} of up to {@code max} bytes into a new array (shorter at end of file). */
    public static byte[] read(int fd, int max) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(max);
            int n = read(fd, buf);
            return buf.asSlice(0, n).toArray(JAVA_BYTE);
        }
    }

    /** {@code write(2)} from native memory; returns the byte count written. */
    public static int write(int fd, MemorySegment buf) throws ErrnoException {
        long r = Raw.call(Nr.WRITE, fd, buf.address(), buf.byteSize());
        if (r < 0) {
            throw fail(r, "write", Integer.toString(fd), Show.ptr(buf), Long.toString(buf.byteSize()));
        }
        return (int) r;
    }

    /** Writes all of {@code data}, looping over short writes. */
    public static void writeAll(int fd, byte[] data) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocateFrom(JAVA_BYTE, data);
            long off = 0;
            while (off < data.length) {
                off += write(fd, buf.asSlice(off));
            }
        }
    }

    /** {@code pread64(2)}. */
    public static int pread(int fd, MemorySegment buf, long offset) throws ErrnoException {
        long r = Raw.call(Nr.PREAD64, fd, buf.address(), buf.byteSize(), offset);
        if (r < 0) {
            throw fail(r, "pread64", Integer.toString(fd), Show.ptr(buf), Long.toString(buf.byteSize()),
                    Long.toString(offset));
        }
        return (int) r;
    }

    /** {@code pwrite64(2)}. */
    public static int pwrite(int fd, MemorySegment buf, long offset) throws ErrnoException {
        long r = Raw.call(Nr.PWRITE64, fd, buf.address(), buf.byteSize(), offset);
        if (r < 0) {
            throw fail(r, "pwrite64", Integer.toString(fd), Show.ptr(buf), Long.toString(buf.byteSize()),
                    Long.toString(offset));
        }
        return (int) r;
    }

    /** {@code readv(2)} into several buffers. */
    public static long readv(int fd, MemorySegment... buffers) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment iov = Iovec.array(a, buffers);
            long r = Raw.call(Nr.READV, fd, iov.address(), buffers.length);
            if (r < 0) {
                throw fail(r, "readv", Integer.toString(fd), Show.ptr(iov), Integer.toString(buffers.length));
            }
            return r;
        }
    }

    /** {@code writev(2)} from several buffers. */
    public static long writev(int fd, MemorySegment... buffers) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment iov = Iovec.array(a, buffers);
            long r = Raw.call(Nr.WRITEV, fd, iov.address(), buffers.length);
            if (r < 0) {
                throw fail(r, "writev", Integer.toString(fd), Show.ptr(iov), Integer.toString(buffers.length));
            }
            return r;
        }
    }

    /** {@code lseek(2)}. */
    public static long lseek(int fd, long offset, int whence) throws ErrnoException {
        long r = Raw.call(Nr.LSEEK, fd, offset, whence);
        if (r < 0) {
            throw fail(r, "lseek", Integer.toString(fd), Long.toString(offset), switch (whence) {
                case Fcntl.SEEK_SET -> "SEEK_SET";
                case Fcntl.SEEK_CUR -> "SEEK_CUR";
                case Fcntl.SEEK_END -> "SEEK_END";
                default -> Integer.toString(whence);
            });
        }
        return r;
    }

    /** {@code statx(2)} of {@code path} relative to {@code dirfd}. */
    public static Statx statx(int dirfd, String path, int flags, int mask) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(Statx.LAYOUT);
            long r = Raw.call(Nr.STATX, dirfd, a.allocateFrom(path).address(), flags, mask, out.address());
            if (r < 0) {
                throw fail(r, "statx", Show.dirfd(dirfd), Show.str(path), At.format(flags),
                        "0x" + Integer.toHexString(mask), Show.ptr(out));
            }
            return Statx.read(out);
        }
    }

    /** {@code statx(path)} following symlinks, basic fields. */
    public static Statx stat(String path) throws ErrnoException {
        return statx(At.AT_FDCWD, path, 0, Stat.STATX_BASIC_STATS | Stat.STATX_MNT_ID);
    }

    /** {@code statx(path)} of the link itself. */
    public static Statx lstat(String path) throws ErrnoException {
        return statx(At.AT_FDCWD, path, At.AT_SYMLINK_NOFOLLOW, Stat.STATX_BASIC_STATS | Stat.STATX_MNT_ID);
    }

    /**
     * {@code fstat} of an open fd, through {@code statx(fd, "", AT_EMPTY_PATH)}: the classic
     * {@code struct stat} differs between architectures, {@code statx} does not.
     */
    public static Statx fstat(int fd) throws ErrnoException {
        return statx(fd, "", At.AT_EMPTY_PATH, Stat.STATX_BASIC_STATS | Stat.STATX_MNT_ID);
    }

    /** {@code mkdirat(2)}. */
    public static void mkdirat(int dirfd, String path, int mode) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            long r = Raw.call(Nr.MKDIRAT, dirfd, a.allocateFrom(path).address(), mode);
            if (r < 0) {
                throw fail(r, "mkdirat", Show.dirfd(dirfd), Show.str(path), Show.mode(mode));
            }
        }
    }

    /** {@code mknodat(2)}; {@code dev} from {@link Stat#makedev}. */
    public static void mknodat(int dirfd, String path, int mode, long dev) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            long r = Raw.call(Nr.MKNODAT, dirfd, a.allocateFrom(path).address(), mode, dev);
            if (r < 0) {
                throw fail(r, "mknodat", Show.dirfd(dirfd), Show.str(path), Stat.formatMode(mode),
                        "makedev(0x" + Long.toHexString(((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL)) + ", 0x"
                                + Long.toHexString((dev & 0xff) | ((dev >>> 12) & ~0xffL)) + ")");
            }
        }
    }

    /** {@code symlinkat(2)}: create {@code linkpath} pointing at {@code target}. */
    public static void symlinkat(String target, int dirfd, String linkpath) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            long r = Raw.call(Nr.SYMLINKAT, a.allocateFrom(target).address(), dirfd, a.allocateFrom(linkpath).address());
            if (r < 0) {
                throw fail(r, "symlinkat", Show.str(target), Show.dirfd(dirfd), Show.str(linkpath));
            }
        }
    }

    /** {@code linkat(2)}. */
    public static void linkat(int olddirfd, String oldpath, int newdirfd, String newpath, int flags)
            throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            long r = Raw.call(Nr.LINKAT, olddirfd, a.allocateFrom(oldpath).address(), newdirfd,
                    a.allocateFrom(newpath).address(), flags);
            if (r < 0) {
                throw fail(r, "linkat", Show.dirfd(olddirfd), Show.str(oldpath), Show.dirfd(newdirfd),
                        Show.str(newpath), At.format(flags));
            }
        }
    }

    /** {@code readlinkat(2)}: the target of a symlink. */
    public static String readlinkat(int dirfd, String path) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            int size = 4096;
            MemorySegment buf = a.allocate(size);
            long r = Raw.call(Nr.READLINKAT, dirfd, a.allocateFrom(path).address(), buf.address(), size);
            if (r < 0) {
                throw fail(r, "readlinkat", Show.dirfd(dirfd), Show.str(path), Show.ptr(buf), Integer.toString(size));
            }
            return new String(buf.asSlice(0, r).toArray(JAVA_BYTE), StandardCharsets.UTF_8);
        }
    }

    /** {@code unlinkat(2)}; {@link At#AT_REMOVEDIR} removes an empty directory. */
    public static void unlinkat(int dirfd, String path, int flags) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            long r = Raw.call(Nr.UNLINKAT, dirfd, a.allocateFrom(path).address(), flags);
            if (r < 0) {
                throw fail(r, "unlinkat", Show.dirfd(dirfd), Show.str(path), At.format(flags));
            }
        }
    }

    /** {@code renameat2(2)}. */
    public static void renameat2(int olddirfd, String oldpath, int newdirfd, String newpath, int flags)
            throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            long r = Raw.call(Nr.RENAMEAT2, olddirfd, a.allocateFrom(oldpath).address(), newdirfd,
                    a.allocateFrom(newpath).address(), flags);
            if (r < 0) {
                throw fail(r, "renameat2", Show.dirfd(olddirfd), Show.str(oldpath), Show.dirfd(newdirfd),
                        Show.str(newpath), Fcntl.formatRename(flags));
            }
        }
    }

    /** {@code fchmodat(2)}. */
    public static void fchmodat(int dirfd, String path, int mode) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            long r = Raw.call(Nr.FCHMODAT, dirfd, a.allocateFrom(path).address(), mode);
            if (r < 0) {
                throw fail(r, "fchmodat", Show.dirfd(dirfd), Show.str(path), Show.mode(mode));
            }
        }
    }

    /** {@code fchmod(2)}. */
    public static void fchmod(int fd, int mode) throws ErrnoException {
        long r = Raw.call(Nr.FCHMOD, fd, mode);
        if (r < 0) {
            throw fail(r, "fchmod", Integer.toString(fd), Show.mode(mode));
        }
    }

    /** {@code fchownat(2)}; -1 leaves an id unchanged. */
    public static void fchownat(int dirfd, String path, int uid, int gid, int flags) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            long r = Raw.call(Nr.FCHOWNAT, dirfd, a.allocateFrom(path).address(), uid, gid, flags);
            if (r < 0) {
                throw fail(r, "fchownat", Show.dirfd(dirfd), Show.str(path), Integer.toString(uid),
                        Integer.toString(gid), At.format(flags));
            }
        }
    }

    /** {@code fchown(2)}. */
    public static void fchown(int fd, int uid, int gid) throws ErrnoException {
        long r = Raw.call(Nr.FCHOWN, fd, uid, gid);
        if (r < 0) {
            throw fail(r, "fchown", Integer.toString(fd), Integer.toString(uid), Integer.toString(gid));
        }
    }

    /** {@code faccessat2(2)}: whether {@code mode} ({@code R_OK=4, W_OK=2, X_OK=1, F_OK=0}) is allowed. */
    public static boolean faccessat(int dirfd, String path, int mode, int flags) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            long r = Raw.call(Nr.FACCESSAT2, dirfd, a.allocateFrom(path).address(), mode, flags);
            if (r == -Errno.EACCES || r == -Errno.ENOENT || r == -Errno.EROFS || r == -Errno.EPERM) {
                return false;
            }
            if (r < 0) {
                throw fail(r, "faccessat2", Show.dirfd(dirfd), Show.str(path), Integer.toString(mode),
                        At.format(flags));
            }
            return true;
        }
    }

    /** {@code ftruncate(2)}. */
    public static void ftruncate(int fd, long length) throws ErrnoException {
        long r = Raw.call(Nr.FTRUNCATE, fd, length);
        if (r < 0) {
            throw fail(r, "ftruncate", Integer.toString(fd), Long.toString(length));
        }
    }

    /** {@code fsync(2)}. */
    public static void fsync(int fd) throws ErrnoException {
        long r = Raw.call(Nr.FSYNC, fd);
        if (r < 0) {
            throw fail(r, "fsync", Integer.toString(fd));
        }
    }

    /** {@code fdatasync(2)}. */
    public static void fdatasync(int fd) throws ErrnoException {
        long r = Raw.call(Nr.FDATASYNC, fd);
        if (r < 0) {
            throw fail(r, "fdatasync", Integer.toString(fd));
        }
    }

    /** {@code flock(2)}: {@code LOCK_SH=1, LOCK_EX=2, LOCK_NB=4, LOCK_UN=8}. */
    public static void flock(int fd, int operation) throws ErrnoException {
        long r = Raw.call(Nr.FLOCK, fd, operation);
        if (r < 0) {
            throw fail(r, "flock", Integer.toString(fd), Integer.toString(operation));
        }
    }

    /** {@code dup(2)}. */
    public static int dup(int fd) throws ErrnoException {
        long r = Raw.call(Nr.DUP, fd);
        if (r < 0) {
            throw fail(r, "dup", Integer.toString(fd));
        }
        return (int) r;
    }

    /** {@code dup3(2)}; {@code flags} may be {@link Open#O_CLOEXEC}. */
    public static int dup3(int oldfd, int newfd, int flags) throws ErrnoException {
        long r = Raw.call(Nr.DUP3, oldfd, newfd, flags);
        if (r < 0) {
            throw fail(r, "dup3", Integer.toString(oldfd), Integer.toString(newfd), Open.format(flags));
        }
        return (int) r;
    }

    /** {@code pipe2(2)}: {@code [read end, write end]}. */
    public static int[] pipe2(int flags) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment fds = a.allocate(JAVA_INT, 2);
            long r = Raw.call(Nr.PIPE2, fds.address(), flags);
            if (r < 0) {
                throw fail(r, "pipe2", Show.ptr(fds), Open.format(flags));
            }
            return new int[] {fds.get(JAVA_INT, 0), fds.get(JAVA_INT, 4)};
        }
    }

    /** {@code fcntl(2)} with an integer argument. */
    public static int fcntl(int fd, int cmd, long arg) throws ErrnoException {
        long r = Raw.call(Nr.FCNTL, fd, cmd, arg);
        if (r < 0) {
            throw fail(r, "fcntl", Integer.toString(fd), Fcntl.formatCmd(cmd), Long.toString(arg));
        }
        return (int) r;
    }

    /** Sets or clears {@code FD_CLOEXEC}. */
    public static void setCloexec(int fd, boolean on) throws ErrnoException {
        int flags = fcntl(fd, Fcntl.F_GETFD, 0);
        fcntl(fd, Fcntl.F_SETFD, on ? flags | Fcntl.FD_CLOEXEC : flags & ~Fcntl.FD_CLOEXEC);
    }

    /** {@code ioctl(2)} with an integer (or address) argument; returns the kernel's result. */
    public static int ioctl(int fd, int request, long arg) throws ErrnoException {
        long r = Raw.call(Nr.IOCTL, fd, request & 0xFFFF_FFFFL, arg);
        if (r < 0) {
            throw fail(r, "ioctl", Integer.toString(fd), Ioctl.format(request), "0x" + Long.toHexString(arg));
        }
        return (int) r;
    }

    /** {@code ioctl(2)} with a pointer argument. */
    public static int ioctl(int fd, int request, MemorySegment arg) throws ErrnoException {
        return ioctl(fd, request, arg.address());
    }

    /** One entry of a directory, as {@code getdents64(2)} reports it ({@code DT_*} type). */
    public record Dirent(long ino, int type, String name) {
        public static final int DT_UNKNOWN = 0;
        public static final int DT_FIFO = 1;
        public static final int DT_CHR = 2;
        public static final int DT_DIR = 4;
        public static final int DT_BLK = 6;
        public static final int DT_REG = 8;
        public static final int DT_LNK = 10;
        public static final int DT_SOCK = 12;
    }

    /** {@code getdents64(2)} into {@code buf}; returns the bytes filled, 0 at the end. */
    public static int getdents64(int fd, MemorySegment buf) throws ErrnoException {
        long r = Raw.call(Nr.GETDENTS64, fd, buf.address(), buf.byteSize());
        if (r < 0) {
            throw fail(r, "getdents64", Integer.toString(fd), Show.ptr(buf), Long.toString(buf.byteSize()));
        }
        return (int) r;
    }

    /** Every entry of the open directory {@code fd} but {@code .} and {@code ..}. */
    public static List<Dirent> readDirectory(int fd) throws ErrnoException {
        List<Dirent> out = new ArrayList<>();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(32768, 8);
            int n;
            while ((n = getdents64(fd, buf)) > 0) {
                int off = 0;
                while (off < n) {
                    long ino = buf.get(JAVA_LONG, off);
                    int reclen = Short.toUnsignedInt(buf.get(JAVA_SHORT, off + 16));
                    int type = Byte.toUnsignedInt(buf.get(JAVA_BYTE, off + 18));
                    int nameStart = off + 19;
                    int end = nameStart;
                    while (buf.get(JAVA_BYTE, end) != 0) {
                        end++;
                    }
                    String name = new String(buf.asSlice(nameStart, end - nameStart).toArray(JAVA_BYTE),
                            StandardCharsets.UTF_8);
                    if (!name.equals(".") && !name.equals("..")) {
                        out.add(new Dirent(ino, type, name));
                    }
                    off += reclen;
                }
            }
        }
        return out;
    }

    /** {@code memfd_create(2)}. */
    public static int memfdCreate(String name, int flags) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            long r = Raw.call(Nr.MEMFD_CREATE, a.allocateFrom(name).address(), flags);
            if (r < 0) {
                throw fail(r, "memfd_create", Show.str(name), Integer.toString(flags));
            }
            return (int) r;
        }
    }

    /** {@code sendfile(2)} from the current offset of {@code in}. */
    public static long sendfile(int out, int in, long count) throws ErrnoException {
        long r = Raw.call(Nr.SENDFILE, out, in, 0, count);
        if (r < 0) {
            throw fail(r, "sendfile", Integer.toString(out), Integer.toString(in), "NULL", Long.toString(count));
        }
        return r;
    }

    /** {@code chdir(2)}. */
    public static void chdir(String path) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            long r = Raw.call(Nr.CHDIR, a.allocateFrom(path).address());
            if (r < 0) {
                throw fail(r, "chdir", Show.str(path));
            }
        }
    }

    /** {@code fchdir(2)}. */
    public static void fchdir(int fd) throws ErrnoException {
        long r = Raw.call(Nr.FCHDIR, fd);
        if (r < 0) {
            throw fail(r, "fchdir", Integer.toString(fd));
        }
    }

    /** {@code getcwd(2)}: this thread's working directory. */
    public static String getcwd() throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(4096);
            long r = Raw.call(Nr.GETCWD, buf.address(), buf.byteSize());
            if (r < 0) {
                throw fail(r, "getcwd", Show.ptr(buf), "4096");
            }
            return buf.getString(0);
        }
    }

    /** Reads a whole (small, pseudo-) file such as {@code /proc/self/status}. */
    public static String readFile(String path) throws ErrnoException {
        int fd = open(path, Open.O_RDONLY | Open.O_CLOEXEC);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(65536);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int n;
            while ((n = read(fd, buf)) > 0) {
                out.write(buf.asSlice(0, n).toArray(JAVA_BYTE), 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            close(fd);
        }
    }

    /** Writes {@code text} to an existing file with one {@code write(2)}, as sysctl and cgroup files need. */
    public static void writeFile(String path, String text) throws ErrnoException {
        int fd = open(path, Open.O_WRONLY | Open.O_CLOEXEC);
        try {
            try (Arena a = Arena.ofConfined()) {
                byte[] b = text.getBytes(StandardCharsets.UTF_8);
                MemorySegment buf = a.allocateFrom(JAVA_BYTE, b);
                int n = write(fd, buf);
                if (n != b.length) {
                    throw new ErrnoException(Errno.EIO, "write", Integer.toString(fd), Show.str(text),
                            Integer.toString(b.length) + " (short write: " + n + ")");
                }
            } catch (ErrnoException e) {
                throw e.withContext("writing " + path);
            }
        } finally {
            close(fd);
        }
    }
}
