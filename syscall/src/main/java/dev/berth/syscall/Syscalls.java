package dev.berth.syscall;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.berth.syscall.struct.CapUserData;
import dev.berth.syscall.struct.CapUserHeader;
import dev.berth.syscall.struct.Rlimit;
import dev.berth.syscall.struct.Siginfo;
import dev.berth.syscall.struct.SockFilter;
import dev.berth.syscall.struct.SockFprog;
import dev.berth.syscall.struct.Sysinfo;
import dev.berth.syscall.struct.Timespec;
import dev.berth.syscall.struct.Utsname;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.BitSet;
import java.util.List;

/**
 * Processes, credentials, namespaces and the system: the calls of {@code getpid(2)}, {@code waitid(2)},
 * {@code prctl(2)}, {@code setresuid(2)}, {@code capset(2)}, {@code unshare(2)}, {@code setns(2)},
 * {@code uname(2)}, {@code sysinfo(2)}, {@code reboot(2)} and friends. Other families live in
 * {@link Fs}, {@link Mounts}, {@link Signals}, {@link Sockets}, {@link Epolls}, {@link Terminals} and
 * {@link Memory}; any call at all is reachable through {@link Raw}.
 *
 * <p>Note that credentials and namespaces set by these calls apply to the calling <em>thread</em> only
 * (the kernel's view); glibc's process-wide emulation is not involved.
 */
public final class Syscalls {
    private Syscalls() {}

    private static ErrnoException fail(long r, String call, String... args) {
        return new ErrnoException((int) -r, call, args);
    }

    /** {@code getpid(2)}. */
    public static int getpid() {
        return (int) Raw.call(Nr.GETPID);
    }

    /** {@code getppid(2)}. */
    public static int getppid() {
        return (int) Raw.call(Nr.GETPPID);
    }

    /** {@code gettid(2)}: the calling thread's id. */
    public static int gettid() {
        return (int) Raw.call(Nr.GETTID);
    }

    /** {@code getuid(2)}. */
    public static int getuid() {
        return (int) Raw.call(Nr.GETUID);
    }

    /** {@code geteuid(2)}. */
    public static int geteuid() {
        return (int) Raw.call(Nr.GETEUID);
    }

    /** {@code getgid(2)}. */
    public static int getgid() {
        return (int) Raw.call(Nr.GETGID);
    }

    /** {@code getegid(2)}. */
    public static int getegid() {
        return (int) Raw.call(Nr.GETEGID);
    }

    /** {@code getresuid(2)}: real, effective and saved user ids. */
    public static int[] getresuid() throws ErrnoException {
        return getres(Nr.GETRESUID, "getresuid");
    }

    /** {@code getresgid(2)}: real, effective and saved group ids. */
    public static int[] getresgid() throws ErrnoException {
        return getres(Nr.GETRESGID, "getresgid");
    }

    private static int[] getres(int nr, String name) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ids = a.allocate(JAVA_INT, 3);
            long r = Raw.call(nr, ids.address(), ids.address() + 4, ids.address() + 8);
            if (r < 0) {
                throw fail(r, name, Show.ptr(ids), Show.ptr(ids.asSlice(4)), Show.ptr(ids.asSlice(8)));
            }
            return ids.toArray(JAVA_INT);
        }
    }

    /** {@code setresuid(2)}; -1 leaves an id unchanged. Affects the calling thread only. */
    public static void setresuid(int ruid, int euid, int suid) throws ErrnoException {
        long r = Raw.call(Nr.SETRESUID, ruid, euid, suid);
        if (r < 0) {
            throw fail(r, "setresuid", Integer.toString(ruid), Integer.toString(euid), Integer.toString(suid));
        }
    }

    /** {@code setresgid(2)}; -1 leaves an id unchanged. Affects the calling thread only. */
    public static void setresgid(int rgid, int egid, int sgid) throws ErrnoException {
        long r = Raw.call(Nr.SETRESGID, rgid, egid, sgid);
        if (r < 0) {
            throw fail(r, "setresgid", Integer.toString(rgid), Integer.toString(egid), Integer.toString(sgid));
        }
    }

    /** {@code setgroups(2)}. */
    public static void setgroups(int... gids) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment list = gids.length == 0 ? MemorySegment.NULL : a.allocateFrom(JAVA_INT, gids);
            long r = Raw.call(Nr.SETGROUPS, gids.length, list.address());
            if (r < 0) {
                throw fail(r, "setgroups", Integer.toString(gids.length), java.util.Arrays.toString(gids));
            }
        }
    }

    /** {@code getgroups(2)}: the supplementary groups. */
    public static int[] getgroups() throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment list = a.allocate(JAVA_INT, 65536);
            long r = Raw.call(Nr.GETGROUPS, 65536, list.address());
            if (r < 0) {
                throw fail(r, "getgroups", "65536", Show.ptr(list));
            }
            return list.asSlice(0, r * 4).toArray(JAVA_INT);
        }
    }

    /** {@code capget(2)}: the effective, permitted and inheritable sets of thread {@code pid} (0 = caller). */
    public static CapUserData.Sets capget(int pid) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment h = new CapUserHeader(Caps._LINUX_CAPABILITY_VERSION_3, pid).allocate(a);
            MemorySegment d = a.allocate(CapUserData.LAYOUT, 2);
            long r = Raw.call(Nr.CAPGET, h.address(), d.address());
            if (r < 0) {
                throw fail(r, "capget", "{version=_LINUX_CAPABILITY_VERSION_3, pid=" + pid + "}", Show.ptr(d));
            }
            return CapUserData.readPair(d);
        }
    }

    /** {@code capset(2)} of the calling thread. */
    public static void capset(CapUserData.Sets sets) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment h = new CapUserHeader(Caps._LINUX_CAPABILITY_VERSION_3, 0).allocate(a);
            MemorySegment d = CapUserData.pair(a, sets);
            long r = Raw.call(Nr.CAPSET, h.address(), d.address());
            if (r < 0) {
                throw fail(r, "capset", "{version=_LINUX_CAPABILITY_VERSION_3, pid=0}",
                        "{effective=" + Caps.names(sets.effective()) + ", permitted=" + Caps.names(sets.permitted())
                                + ", inheritable=" + Caps.names(sets.inheritable()) + "}");
            }
        }
    }

    /** {@code prctl(2)}; returns the kernel's result. */
    public static long prctl(int option, long arg2, long arg3, long arg4, long arg5) throws ErrnoException {
        long r = Raw.call(Nr.PRCTL, option, arg2, arg3, arg4, arg5);
        if (r < 0) {
            throw fail(r, "prctl", Prctl.formatOption(option), Long.toString(arg2), Long.toString(arg3),
                    Long.toString(arg4), Long.toString(arg5));
        }
        return r;
    }

    /** {@code prctl(option, arg2, 0, 0, 0)}. */
    public static long prctl(int option, long arg2) throws ErrnoException {
        return prctl(option, arg2, 0, 0, 0);
    }

    /** {@code setsid(2)}: a new session; returns its id. */
    public static int setsid() throws ErrnoException {
        long r = Raw.call(Nr.SETSID);
        if (r < 0) {
            throw fail(r, "setsid");
        }
        return (int) r;
    }

    /** {@code setpgid(2)}. */
    public static void setpgid(int pid, int pgid) throws ErrnoException {
        long r = Raw.call(Nr.SETPGID, pid, pgid);
        if (r < 0) {
            throw fail(r, "setpgid", Integer.toString(pid), Integer.toString(pgid));
        }
    }

    /** {@code getpgid(2)}. */
    public static int getpgid(int pid) throws ErrnoException {
        long r = Raw.call(Nr.GETPGID, pid);
        if (r < 0) {
            throw fail(r, "getpgid", Integer.toString(pid));
        }
        return (int) r;
    }

    /** {@code getsid(2)}. */
    public static int getsid(int pid) throws ErrnoException {
        long r = Raw.call(Nr.GETSID, pid);
        if (r < 0) {
            throw fail(r, "getsid", Integer.toString(pid));
        }
        return (int) r;
    }

    /** {@code umask(2)}: sets the mask, returns the previous one. */
    public static int umask(int mask) {
        return (int) Raw.call(Nr.UMASK, mask);
    }

    /** {@code personality(2)}; {@link Personality#QUERY} reads the current persona. Returns the previous one. */
    public static int personality(int persona) throws ErrnoException {
        long r = Raw.call(Nr.PERSONALITY, persona & 0xFFFF_FFFFL);
        if (r < 0) {
            throw fail(r, "personality", Personality.format(persona));
        }
        return (int) r;
    }

    /** {@code prlimit64(2)}: sets {@code limit} (when not null) and returns the old limit of {@code pid} (0 = self). */
    public static Rlimit prlimit(int pid, int resource, Rlimit limit) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment in = limit == null ? MemorySegment.NULL : limit.allocate(a);
            MemorySegment old = a.allocate(Rlimit.LAYOUT);
            long r = Raw.call(Nr.PRLIMIT64, pid, resource, in.address(), old.address());
            if (r < 0) {
                throw fail(r, "prlimit64", Integer.toString(pid), Resource.name(resource),
                        limit == null ? "NULL" : limit.toString(), Show.ptr(old));
            }
            return Rlimit.read(old);
        }
    }

    /** {@code prlimit64(0, resource, NULL, &old)}. */
    public static Rlimit getrlimit(int resource) throws ErrnoException {
        return prlimit(0, resource, null);
    }

    /** {@code sched_setaffinity(2)} of {@code pid} (0 = calling thread) to the CPUs set in {@code cpus}. */
    public static void schedSetaffinity(int pid, BitSet cpus) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            long[] words = cpus.toLongArray();
            MemorySegment mask = a.allocateFrom(JAVA_LONG, words.length == 0 ? new long[1] : words);
            long r = Raw.call(Nr.SCHED_SETAFFINITY, pid, mask.byteSize(), mask.address());
            if (r < 0) {
                throw fail(r, "sched_setaffinity", Integer.toString(pid), Long.toString(mask.byteSize()),
                        cpus.toString());
            }
        }
    }

    /** {@code sched_getaffinity(2)}: the CPUs {@code pid} (0 = calling thread) may run on. */
    public static BitSet schedGetaffinity(int pid) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment mask = a.allocate(JAVA_LONG, 128);
            long r = Raw.call(Nr.SCHED_GETAFFINITY, pid, mask.byteSize(), mask.address());
            if (r < 0) {
                throw fail(r, "sched_getaffinity", Integer.toString(pid), Long.toString(mask.byteSize()),
                        Show.ptr(mask));
            }
            return BitSet.valueOf(mask.asSlice(0, r).toArray(JAVA_LONG));
        }
    }

    /** {@code setpriority(2)}: the nice value of a process, group or user. */
    public static void setpriority(int which, int who, int nice) throws ErrnoException {
        long r = Raw.call(Nr.SETPRIORITY, which, who, nice);
        if (r < 0) {
            throw fail(r, "setpriority", Integer.toString(which), Integer.toString(who), Integer.toString(nice));
        }
    }

    /** {@code getpriority(2)} converted to the nice value (-20..19). */
    public static int getpriority(int which, int who) throws ErrnoException {
        long r = Raw.call(Nr.GETPRIORITY, which, who);
        if (r < 0) {
            throw fail(r, "getpriority", Integer.toString(which), Integer.toString(who));
        }
        return 20 - (int) r;
    }

    /** {@code ioprio_set(2)}; build {@code ioprio} with {@link Sched#ioprio}. */
    public static void ioprioSet(int which, int who, int ioprio) throws ErrnoException {
        long r = Raw.call(Nr.IOPRIO_SET, which, who, ioprio);
        if (r < 0) {
            throw fail(r, "ioprio_set", Integer.toString(which), Integer.toString(who), Integer.toString(ioprio));
        }
    }

    /** {@code unshare(2)} for the calling thread. */
    public static void unshare(long flags) throws ErrnoException {
        long r = Raw.call(Nr.UNSHARE, flags);
        if (r < 0) {
            throw fail(r, "unshare", Clone.format(flags));
        }
    }

    /** {@code setns(2)}: move the calling thread into the namespace of {@code fd} (0 = any type). */
    public static void setns(int fd, long nstype) throws ErrnoException {
        long r = Raw.call(Nr.SETNS, fd, nstype);
        if (r < 0) {
            throw fail(r, "setns", Integer.toString(fd), nstype == 0 ? "0" : Clone.format(nstype));
        }
    }

    /** {@code uname(2)}. */
    public static Utsname uname() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(Utsname.LAYOUT);
            long r = Raw.call(Nr.UNAME, s.address());
            if (r < 0) {
                throw new IllegalStateException(fail(r, "uname", Show.ptr(s)));
            }
            return Utsname.read(s);
        }
    }

    /** {@code sethostname(2)} in the calling thread's UTS namespace. */
    public static void sethostname(String name) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocateFrom(name);
            long r = Raw.call(Nr.SETHOSTNAME, s.address(), s.byteSize() - 1);
            if (r < 0) {
                throw fail(r, "sethostname", Show.str(name), Long.toString(s.byteSize() - 1));
            }
        }
    }

    /** {@code setdomainname(2)} in the calling thread's UTS namespace. */
    public static void setdomainname(String name) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocateFrom(name);
            long r = Raw.call(Nr.SETDOMAINNAME, s.address(), s.byteSize() - 1);
            if (r < 0) {
                throw fail(r, "setdomainname", Show.str(name), Long.toString(s.byteSize() - 1));
            }
        }
    }

    /** {@code sysinfo(2)}. */
    public static Sysinfo sysinfo() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(Sysinfo.LAYOUT);
            long r = Raw.call(Nr.SYSINFO, s.address());
            if (r < 0) {
                throw new IllegalStateException(fail(r, "sysinfo", Show.ptr(s)));
            }
            return Sysinfo.read(s);
        }
    }

    /** {@code reboot(2)} with the magic numbers; {@code cmd} from {@link Reboot}. */
    public static void reboot(int cmd) throws ErrnoException {
        long r = Raw.call(Nr.REBOOT, Reboot.LINUX_REBOOT_MAGIC1 & 0xFFFF_FFFFL, Reboot.LINUX_REBOOT_MAGIC2,
                cmd & 0xFFFF_FFFFL, 0);
        if (r < 0) {
            throw fail(r, "reboot", "LINUX_REBOOT_MAGIC1", "LINUX_REBOOT_MAGIC2", Reboot.format(cmd), "NULL");
        }
    }

    /** {@code sync(2)}. */
    public static void sync() {
        Raw.call(Nr.SYNC);
    }

    /** {@code clock_gettime(2)}. */
    public static Timespec clockGettime(int clock) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(Timespec.LAYOUT);
            long r = Raw.call(Nr.CLOCK_GETTIME, clock, s.address());
            if (r < 0) {
                throw fail(r, "clock_gettime", Clocks.format(clock), Show.ptr(s));
            }
            return Timespec.read(s);
        }
    }

    /** {@code seccomp(SECCOMP_SET_MODE_FILTER, flags, prog)}: installs a BPF filter on the calling thread. */
    public static int seccompFilter(int flags, List<SockFilter> program) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment prog = SockFprog.of(a, program);
            long r = Raw.call(Nr.SECCOMP, Seccomp.SECCOMP_SET_MODE_FILTER, flags, prog.address());
            if (r < 0) {
                throw fail(r, "seccomp", "SECCOMP_SET_MODE_FILTER", Integer.toString(flags),
                        "{len=" + program.size() + ", filter=" + Show.ptr(prog) + "}");
            }
            return (int) r;
        }
    }

    /** {@code seccomp(SECCOMP_GET_ACTION_AVAIL, 0, &action)}: whether the kernel knows {@code action}. */
    public static boolean seccompActionAvailable(int action) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocateFrom(JAVA_INT, action);
            return Raw.call(Nr.SECCOMP, Seccomp.SECCOMP_GET_ACTION_AVAIL, 0, s.address()) == 0;
        }
    }

    /**
     * {@code waitid(2)}. Returns the report, or {@code null} with {@link Wait#WNOHANG} when no child has
     * changed state ({@code si_pid == 0}).
     */
    public static Siginfo waitid(int idtype, int id, int options) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(Siginfo.LAYOUT);
            long r = Raw.call(Nr.WAITID, idtype, id, s.address(), options, 0);
            if (r < 0) {
                throw fail(r, "waitid", Wait.formatIdType(idtype), Integer.toString(id), Show.ptr(s),
                        Wait.formatOptions(options), "NULL");
            }
            Siginfo info = Siginfo.read(s);
            return info.pid() == 0 ? null : info;
        }
    }

    /** {@code pidfd_open(2)}. */
    public static int pidfdOpen(int pid, int flags) throws ErrnoException {
        long r = Raw.call(Nr.PIDFD_OPEN, pid, flags);
        if (r < 0) {
            throw fail(r, "pidfd_open", Integer.toString(pid), Integer.toString(flags));
        }
        return (int) r;
    }

    /** {@code pidfd_getfd(2)}: a copy of fd {@code targetfd} of the process behind {@code pidfd}. */
    public static int pidfdGetfd(int pidfd, int targetfd) throws ErrnoException {
        long r = Raw.call(Nr.PIDFD_GETFD, pidfd, targetfd, 0);
        if (r < 0) {
            throw fail(r, "pidfd_getfd", Integer.toString(pidfd), Integer.toString(targetfd), "0");
        }
        return (int) r;
    }

    /** {@code keyctl(KEYCTL_JOIN_SESSION_KEYRING, name)}: a new session keyring (a container's own). */
    public static int joinSessionKeyring(String name) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = name == null ? MemorySegment.NULL : a.allocateFrom(name);
            long r = Raw.call(Nr.KEYCTL, 1 /* KEYCTL_JOIN_SESSION_KEYRING */, s.address());
            if (r < 0) {
                throw fail(r, "keyctl", "KEYCTL_JOIN_SESSION_KEYRING", Show.str(name));
            }
            return (int) r;
        }
    }

    /**
     * {@code execve(2)}: replaces this whole process (every thread of the JVM) with {@code path}.
     * Returns only by throwing.
     */
    public static void execve(String path, List<String> argv, List<String> envp) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            long r = Raw.call(Nr.EXECVE, a.allocateFrom(path).address(), stringArray(a, argv).address(),
                    stringArray(a, envp).address());
            throw fail(r, "execve", Show.str(path), Show.strs(argv), Show.strs(envp));
        }
    }

    /** {@code execveat(2)}, e.g. of an fd with {@link At#AT_EMPTY_PATH}. Returns only by throwing. */
    public static void execveat(int dirfd, String path, List<String> argv, List<String> envp, int flags)
            throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            long r = Raw.call(Nr.EXECVEAT, dirfd, a.allocateFrom(path).address(), stringArray(a, argv).address(),
                    stringArray(a, envp).address(), flags);
            throw fail(r, "execveat", Show.dirfd(dirfd), Show.str(path), Show.strs(argv), Show.strs(envp),
                    At.format(flags));
        }
    }

    /** {@code exit_group(2)}: ends the whole process now, without Java shutdown hooks. */
    public static void exitGroup(int status) {
        Raw.call(Nr.EXIT_GROUP, status);
        throw new IllegalStateException("exit_group returned");
    }

    /** A NULL-terminated {@code char *[]} in {@code a}. */
    public static MemorySegment stringArray(Arena a, List<String> strings) {
        MemorySegment arr = a.allocate(ADDRESS, strings.size() + 1);
        for (int i = 0; i < strings.size(); i++) {
            arr.setAtIndex(ADDRESS, i, a.allocateFrom(strings.get(i)));
        }
        arr.setAtIndex(ADDRESS, strings.size(), MemorySegment.NULL);
        return arr;
    }
}
