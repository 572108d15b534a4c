package dev.berth.runtime.plan;

import dev.berth.runtime.config.ContainerConfig;
import dev.berth.runtime.config.MountConfig;
import dev.berth.syscall.At;
import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fd;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Open;
import dev.berth.syscall.struct.Statx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the host side looks up before planning a container's init: the payload's program in the
 * container's PATH, which masked paths are directories, which bind sources are files, the kernel's
 * last capability. Paths inside the root filesystem are resolved with {@code openat2(RESOLVE_IN_ROOT)}.
 */
public final class HostFacts {
    /** runc's default when the process has no PATH. */
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private HostFacts() {}

    /** {@code /proc/sys/kernel/cap_last_cap}. */
    public static int capLastCap() {
        try {
            return Integer.parseInt(Fs.readFile("/proc/sys/kernel/cap_last_cap").trim());
        } catch (ErrnoException | NumberFormatException e) {
            return dev.berth.syscall.Caps.CAP_LAST_CAP;
        }
    }

    private static Statx statInRoot(int rootFd, String path) throws ErrnoException {
        try (Fd f = Fd.of(Fs.openat2(rootFd, ChildPlanner.rel(path), Open.O_PATH | Open.O_CLOEXEC, 0,
                Open.RESOLVE_IN_ROOT | Open.RESOLVE_NO_MAGICLINKS))) {
            return Fs.fstat(f.get());
        }
    }

    /**
     * The program {@code args[0]} names, as runc's {@code exec.LookPath} finds it in the container: a path
     * with a slash as it is, a bare name in each PATH directory; it must be an executable regular file.
     *
     * @throws ErrnoException ENOENT naming {@code $PATH} when there is none (runc's "executable file not found")
     */
    public static String executable(ContainerConfig c, String name, String path) throws ErrnoException, NotFound {
        return executable(c.rootfs().toString(), c.process().cwd(), name, path);
    }

    /**
     * The paths {@code execve} should try for {@code name}, in order: the name itself when it has a slash,
     * else each PATH directory. The child tries them in turn, so mounts made while setting up count.
     */
    public static List<String> candidates(String cwd, String name, String path) {
        if (name.contains("/")) {
            return List.of(name.startsWith("/") ? name : cwd + "/" + name);
        }
        List<String> out = new ArrayList<>();
        for (String dir : (path == null ? DEFAULT_PATH : path).split(":")) {
            String candidate = (dir.isEmpty() ? "." : dir) + "/" + name;
            out.add(candidate.startsWith("/") ? candidate : cwd + "/" + candidate);
        }
        return out;
    }

    /**
     * Checks early (at {@code create}, as runc's LookPath does) that {@code name} exists in the image,
     * unless a mount of the spec covers it or a directory it could be in (docker's {@code --init} binds
     * {@code /sbin/docker-init} onto the image): then only exec can tell.
     */
    public static void checkExecutable(ContainerConfig c, String name, String path) throws ErrnoException, NotFound {
        for (String candidate : candidates(c.process().cwd(), name, path)) {
            for (MountConfig m : c.mounts()) {
                String d = m.destination().endsWith("/") ? m.destination() : m.destination() + "/";
                if (candidate.startsWith(d) || candidate.equals(m.destination())) {
                    return;
                }
            }
            String dir = candidate.substring(0, Math.max(1, candidate.lastIndexOf('/')));
            try (Fd root = Fd.of(Fs.open(c.rootfs().toString(), Open.O_PATH | Open.O_DIRECTORY | Open.O_CLOEXEC))) {
                if (isSymlink(root.get(), dir)) {
                    // bin -> usr/bin: its target may be a mount point; exec will tell
                    return;
                }
            }
        }
        executable(c, name, path);
    }

    private static boolean isSymlink(int rootFd, String path) {
        try (Fd f = Fd.of(Fs.openat2(rootFd, ChildPlanner.rel(path), Open.O_PATH | Open.O_NOFOLLOW | Open.O_CLOEXEC, 0,
                Open.RESOLVE_IN_ROOT))) {
            return Fs.fstat(f.get()).isSymlink();
        } catch (ErrnoException e) {
            return false;
        }
    }

    /** {@link #executable(ContainerConfig, String, String)} below the root at {@code rootfs} ({@code /proc/PID/root} for exec). */
    public static String executable(String rootfs, String cwd, String name, String path)
            throws ErrnoException, NotFound {
        try (Fd root = Fd.of(Fs.open(rootfs, Open.O_PATH | Open.O_DIRECTORY | Open.O_CLOEXEC))) {
            if (name.contains("/")) {
                String abs = name.startsWith("/") ? name : (cwd + "/" + name);
                Statx st;
                try {
                    st = statInRoot(root.get(), abs);
                } catch (ErrnoException e) {
                    // runc's (and Go's) wording, which docker matches to exit with 127 or 126
                    throw new NotFound("exec: " + Show.quote(name) + ": stat " + name + ": " + (e.is(Errno.ENOENT)
                            ? "no such file or directory" : e.errnoName()));
                }
                if (!st.isRegularFile() || (st.mode() & 0111) == 0) {
                    throw new NotFound("exec: " + Show.quote(name) + ": permission denied");
                }
                return abs;
            }
            for (String dir : (path == null ? DEFAULT_PATH : path).split(":")) {
                String candidate = (dir.isEmpty() ? "." : dir) + "/" + name;
                if (isExecutable(root.get(), candidate)) {
                    return candidate.startsWith("/") ? candidate : cwd + "/" + candidate;
                }
            }
            throw new NotFound("exec: " + Show.quote(name) + ": executable file not found in $PATH");
        }
    }

    private static boolean isExecutable(int rootFd, String path) {
        try {
            Statx st = statInRoot(rootFd, path);
            return st.isRegularFile() && (st.mode() & 0111) != 0;
        } catch (ErrnoException e) {
            return false;
        }
    }

    /**
     * {@code HOME} of user {@code uid} from the image's {@code /etc/passwd}, as runc sets it when the
     * process's environment has none; {@code "/"} when the user is not listed.
     */
    public static String home(String rootfs, int uid) {
        try (Fd root = Fd.of(Fs.open(rootfs, Open.O_PATH | Open.O_DIRECTORY | Open.O_CLOEXEC));
                Fd passwd = Fd.of(Fs.openat2(root.get(), "etc/passwd", Open.O_RDONLY | Open.O_CLOEXEC, 0,
                        Open.RESOLVE_IN_ROOT | Open.RESOLVE_NO_MAGICLINKS))) {
            String text = new String(Fs.read(passwd.get(), 1 << 20), java.nio.charset.StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                String[] f = line.split(":", -1);
                if (f.length >= 6 && f[2].equals(Integer.toUnsignedString(uid)) && !f[5].isEmpty()) {
                    return f[5];
                }
            }
        } catch (ErrnoException e) {
            // no passwd file: the default below
        }
        return "/";
    }

    /** {@code env} with {@code HOME} added from {@link #home} if it has none. */
    public static List<String> withHome(List<String> env, String rootfs, int uid) {
        for (String e : env) {
            if (e.startsWith("HOME=")) {
                return env;
            }
        }
        List<String> out = new ArrayList<>(env);
        out.add("HOME=" + home(rootfs, uid));
        return out;
    }

    /** The masked paths that are directories: for /proc and /sys the host's kernel tells, else the image. */
    public static List<String> maskedDirs(ContainerConfig c) throws ErrnoException {
        List<String> dirs = new ArrayList<>();
        try (Fd root = Fd.of(Fs.open(c.rootfs().toString(), Open.O_PATH | Open.O_DIRECTORY | Open.O_CLOEXEC))) {
            for (String p : c.maskedPaths()) {
                try {
                    boolean dir = p.startsWith("/proc/") || p.startsWith("/sys/")
                            ? Fs.lstat(p).isDirectory() : statInRoot(root.get(), p).isDirectory();
                    if (dir) {
                        dirs.add(p);
                    }
                } catch (ErrnoException e) {
                    if (!e.is(Errno.ENOENT) && !e.is(Errno.ENOTDIR)) {
                        throw e;
                    }
                }
            }
        }
        return dirs;
    }

    /** Bind sources that exist and are not directories. */
    public static Set<String> fileBindSources(ContainerConfig c) throws ErrnoException {
        Set<String> files = new HashSet<>();
        for (MountConfig m : c.mounts()) {
            if (m.isBind()) {
                try {
                    if (!Fs.statx(At.AT_FDCWD, m.source(), 0, dev.berth.syscall.Stat.STATX_TYPE).isDirectory()) {
                        files.add(m.source());
                    }
                } catch (ErrnoException e) {
                    throw e.withContext("mounts[" + m.specIndex() + "].source");
                }
            }
        }
        return files;
    }

    /** The payload's program is not in the container (runc's wording). */
    public static final class NotFound extends dev.berth.runtime.config.ConfigException {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message);
        }
    }

    private static final class Show {
        static String quote(String s) {
            return dev.berth.syscall.Show.str(s);
        }
    }
}
