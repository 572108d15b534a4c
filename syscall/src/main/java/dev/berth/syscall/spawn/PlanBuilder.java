package dev.berth.syscall.spawn;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.berth.syscall.Arch;
import dev.berth.syscall.At;
import dev.berth.syscall.Caps;
import dev.berth.syscall.Clone;
import dev.berth.syscall.Fcntl;
import dev.berth.syscall.Ioctl;
import dev.berth.syscall.Mount;
import dev.berth.syscall.Open;
import dev.berth.syscall.Personality;
import dev.berth.syscall.Prctl;
import dev.berth.syscall.Resource;
import dev.berth.syscall.Seccomp;
import dev.berth.syscall.Show;
import dev.berth.syscall.Signal;
import dev.berth.syscall.Stat;
import dev.berth.syscall.struct.CapUserData;
import dev.berth.syscall.struct.CapUserHeader;
import dev.berth.syscall.struct.MountAttr;
import dev.berth.syscall.struct.OpenHow;
import dev.berth.syscall.struct.Rlimit;
import dev.berth.syscall.struct.SockFilter;
import dev.berth.syscall.struct.Cmsghdr;
import dev.berth.syscall.struct.Iovec;
import dev.berth.syscall.struct.Msghdr;
import dev.berth.syscall.struct.SockFprog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Builds a {@link SpawnPlan}: clone flags, then the child's steps in order. Each step method adds one
 * system call; {@link #tolerate}, {@link #expect}, {@link #into} and {@link #label} refine the step
 * added last. File descriptor arguments are {@link FdRef}s: a number, or a {@link Slot} an earlier
 * step stored its result in.
 *
 * <p>{@link #build()} wraps the steps in the standard prologue and epilogue: first
 * {@code close_range(3, ~0, CLOSE_RANGE_CLOEXEC)} (the JVM holds fds without {@code O_CLOEXEC}), then
 * the fds to inherit moved to their numbers; before the first exec the payload's signal mask
 * (empty unless set) replaces the all-blocked mask the child starts with.
 */
public final class PlanBuilder {
    private static final int NR_CLOSE_RANGE = nr("close_range");
    private static final int NR_FCNTL = nr("fcntl");
    private static final int NR_DUP3 = nr("dup3");
    private static final int NR_SIGPROCMASK = nr("rt_sigprocmask");
    private static final int NR_SIGACTION = nr("rt_sigaction");
    private static final int NR_EXECVE = nr("execve");
    private static final int NR_EXECVEAT = nr("execveat");

    private long cloneFlags;
    private int cgroupFd = -1;
    private int exitSignal = Signal.SIGCHLD;
    private long payloadMask;
    private final List<Step> steps = new ArrayList<>();
    private final TreeMap<Integer, Integer> inherit = new TreeMap<>();
    private final List<Integer> resetSignals = new ArrayList<>();
    private int slots;
    private boolean ownMemory;

    PlanBuilder() {}

    private static int nr(String name) {
        return Arch.current().syscall(name);
    }

    // ---- clone3 ---------------------------------------------------------------------------------

    /** Adds {@code clone_args.flags}: namespaces ({@link Clone#CLONE_NEWPID} ...) and the like. */
    public PlanBuilder cloneFlags(long flags) {
        this.cloneFlags |= flags;
        return this;
    }

    /** Starts the child in the cgroup v2 directory {@code fd} ({@code CLONE_INTO_CGROUP}). */
    public PlanBuilder intoCgroup(int fd) {
        this.cgroupFd = fd;
        return this;
    }

    /** The signal the parent receives when the child ends (default {@code SIGCHLD}; 0 for none). */
    public PlanBuilder exitSignal(int signal) {
        this.exitSignal = signal;
        return this;
    }

    /** Clone without {@code CLONE_VM} (see {@link SpawnPlan#ownMemory()}). */
    public PlanBuilder ownMemory() {
        this.ownMemory = true;
        return this;
    }

    /** The signal mask the payload starts with (default: empty). */
    public PlanBuilder payloadSignalMask(long mask) {
        this.payloadMask = mask;
        return this;
    }

    /**
     * Resets these signals to {@code SIG_DFL} in the child. An ignored signal stays ignored across clone
     * and exec; the signals this JVM ignores (read once from {@code /proc/self/status}, e.g. inherited from
     * {@code nohup} or a build tool) are reset without asking.
     */
    public PlanBuilder resetSignals(int... signals) {
        for (int s : signals) {
            resetSignals.add(s);
        }
        return this;
    }

    /**
     * The payload gets {@code parentFd} as fd {@code childFd} (without {@code O_CLOEXEC}). Fds 0, 1
     * and 2 are inherited as they are unless remapped here; every other fd is closed at exec.
     */
    public PlanBuilder inheritFd(int parentFd, int childFd) {
        if (childFd < 0 || parentFd < 0) {
            throw new IllegalArgumentException("bad fd mapping " + parentFd + " -> " + childFd);
        }
        inherit.put(childFd, parentFd);
        return this;
    }

    // ---- slots and step refinements ----------------------------------------------------------------

    /** A new result slot. */
    public Slot slot() {
        if (slots >= Slot.MAX) {
            throw new IllegalStateException("a plan has at most " + Slot.MAX + " slots");
        }
        return new Slot(slots++);
    }

    /** The step added last counts {@code errno} as success. */
    public PlanBuilder tolerate(int errno) {
        return replaceLast(last().withTolerate(errno, 0));
    }

    /**
     * The step added last counts {@code errno} as success, and then the {@code skipNext} steps after it
     * are not run: for work that depends on the step having succeeded (mounting over a path that may not
     * exist).
     */
    public PlanBuilder tolerate(int errno, int skipNext) {
        return replaceLast(last().withTolerate(errno, skipNext));
    }

    /**
     * The step added last counts {@code errno} as success, and then every step {@code dependents} adds
     * (which needed it to succeed) is skipped: optional work, such as masking a path that may not exist.
     */
    public PlanBuilder orSkip(int errno, java.util.function.Consumer<PlanBuilder> dependents) {
        int at = steps.size() - 1;
        if (at < 0) {
            throw new IllegalStateException("no step to refine");
        }
        dependents.accept(this);
        steps.set(at, steps.get(at).withTolerate(errno, steps.size() - at - 1));
        return this;
    }

    /** The number of steps added so far (not counting the prologue and epilogue {@link #build()} adds). */
    public int size() {
        return steps.size();
    }

    /** The step added last must return exactly {@code result}. */
    public PlanBuilder expect(long result) {
        return replaceLast(last().withExpect(result));
    }

    /** The step added last stores its result in {@code slot}. */
    public PlanBuilder into(Slot slot) {
        return replaceLast(last().withResult(slot));
    }

    /** The step added last is there because of {@code why} (a spec field, say); errors show it. */
    public PlanBuilder label(String why) {
        return replaceLast(last().withLabel(why));
    }

    private Step last() {
        if (steps.isEmpty()) {
            throw new IllegalStateException("no step to refine");
        }
        return steps.get(steps.size() - 1);
    }

    private PlanBuilder replaceLast(Step s) {
        steps.set(steps.size() - 1, s);
        return this;
    }

    private PlanBuilder add(String call, Arg... args) {
        steps.add(new Step(call, nr(call), Arrays.asList(args), 0, 0, null, null, null));
        return this;
    }

    private static Arg fd(FdRef ref) {
        return switch (ref) {
            case Slot s -> new Arg.FromSlot(s);
            case FdRef.Number n -> Arg.dirfd(n.fd());
        };
    }

    private static Arg.Str str(String s) {
        return new Arg.Str(s);
    }

    // ---- files and directories --------------------------------------------------------------------

    /** {@code openat(2)}; use {@link #into} to keep the fd. */
    public PlanBuilder openat(FdRef dirfd, String path, int flags, int mode) {
        return add("openat", fd(dirfd), str(path), Arg.flags(flags, v -> Open.format((int) v)), Arg.octal(mode));
    }

    /** {@code openat2(2)} with resolution rules ({@link Open#RESOLVE_IN_ROOT} ...). */
    public PlanBuilder openat2(FdRef dirfd, String path, long flags, long mode, long resolve) {
        OpenHow how = new OpenHow(flags, mode, resolve);
        return add("openat2", fd(dirfd), str(path), new Arg.Struct(how::allocate, how.toString()),
                Arg.dec(OpenHow.LAYOUT.byteSize()));
    }

    /** {@code mkdirat(2)}; add {@code .tolerate(EEXIST)} for "mkdir -p" behaviour. */
    public PlanBuilder mkdirat(FdRef dirfd, String path, int mode) {
        return add("mkdirat", fd(dirfd), str(path), Arg.octal(mode));
    }

    /** {@code symlinkat(2)}. */
    public PlanBuilder symlinkat(String target, FdRef dirfd, String linkpath) {
        return add("symlinkat", str(target), fd(dirfd), str(linkpath));
    }

    /** {@code mknodat(2)}; {@code dev} from {@link Stat#makedev}. */
    public PlanBuilder mknodat(FdRef dirfd, String path, int mode, long dev) {
        return add("mknodat", fd(dirfd), str(path), Arg.flags(mode, v -> Stat.formatMode((int) v)),
                new Arg.Lit(dev, v -> "makedev(" + (((v >>> 8) & 0xfff) | ((v >>> 32) & ~0xfffL)) + ", "
                        + ((v & 0xff) | ((v >>> 12) & ~0xffL)) + ")"));
    }

    /** {@code fchownat(2)}. */
    public PlanBuilder fchownat(FdRef dirfd, String path, int uid, int gid, int flags) {
        return add("fchownat", fd(dirfd), str(path), Arg.dec(uid), Arg.dec(gid),
                Arg.flags(flags, v -> At.format((int) v)));
    }

    /** {@code fchmodat(2)}. */
    public PlanBuilder fchmodat(FdRef dirfd, String path, int mode) {
        return add("fchmodat", fd(dirfd), str(path), Arg.octal(mode));
    }

    /** {@code dup3(2)}: {@code oldfd} as {@code newfd}. */
    public PlanBuilder dup3(FdRef oldfd, int newfd, int flags) {
        return add("dup3", fd(oldfd), Arg.dec(newfd), Arg.flags(flags, v -> Open.format((int) v)));
    }

    /** {@code close(2)}. */
    public PlanBuilder close(FdRef fd) {
        return add("close", fd(fd));
    }

    /** {@code close_range(2)}. */
    public PlanBuilder closeRange(int first, int last, int flags) {
        return add("close_range", Arg.dec(first & 0xFFFF_FFFFL), Arg.dec(last & 0xFFFF_FFFFL),
                Arg.flags(flags, v -> Fcntl.formatCloseRange((int) v)));
    }

    /** {@code fcntl(2)} with an integer argument. */
    public PlanBuilder fcntl(FdRef fd, int cmd, long arg) {
        return add("fcntl", fd(fd), Arg.flags(cmd, v -> Fcntl.formatCmd((int) v)), Arg.dec(arg));
    }

    /** {@code fchdir(2)}. */
    public PlanBuilder fchdir(FdRef fd) {
        return add("fchdir", fd(fd));
    }

    /** {@code chdir(2)}. */
    public PlanBuilder chdir(String path) {
        return add("chdir", str(path));
    }

    /** {@code write(2)} of {@code data}; the step fails unless all of it is written. */
    public PlanBuilder write(FdRef fd, byte[] data) {
        add("write", fd(fd), new Arg.Bytes(data.clone()), Arg.dec(data.length));
        return expect(data.length);
    }

    /** {@code write(2)} of a string (a sysctl value, {@code oom_score_adj}, "deny" for setgroups). */
    public PlanBuilder write(FdRef fd, String text) {
        return write(fd, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code read(fd, buf, 1)} that must return exactly 1: the child waits on a sync pipe until the
     * parent writes a byte. End of file (the parent died or gave up) fails the child instead of letting
     * it go on.
     */
    public PlanBuilder readByte(FdRef fd) {
        add("read", fd(fd), new Arg.Out(1), Arg.dec(1));
        return expect(1);
    }

    /** {@code ioctl(2)} with an integer argument ({@code TIOCSCTTY}, ...). */
    public PlanBuilder ioctl(FdRef fd, int request, long arg) {
        return add("ioctl", fd(fd), Arg.flags(request, v -> Ioctl.format((int) v)), Arg.dec(arg));
    }

    /**
     * Sends the fd in {@code fd} over the connected unix socket {@code socket} with {@code SCM_RIGHTS}
     * and {@code data} as the message (at least one byte): how a container's init hands its pty master to
     * {@code --console-socket}, as runc's {@code recvtty} expects. Two steps: the fd is stored into the
     * message's control data, then {@code sendmsg} sends it.
     */
    public PlanBuilder sendFd(FdRef socket, Slot fd, byte[] data) {
        if (data.length == 0) {
            throw new IllegalArgumentException("SCM_RIGHTS needs at least one byte of data");
        }
        byte[] payload = data.clone();
        // One block: msghdr, iovec, cmsghdr + one int (padded), then the data.
        long msgSize = Msghdr.LAYOUT.byteSize();
        long iovAt = msgSize;
        long cmsgAt = iovAt + Iovec.LAYOUT.byteSize();
        long cmsgSpace = Cmsghdr.CMSG_SPACE(4);
        long dataAt = cmsgAt + cmsgSpace;
        long fdAt = cmsgAt + Cmsghdr.CMSG_ALIGN(Cmsghdr.LAYOUT.byteSize());
        Arg.Shared message = new Arg.Shared(block -> {
            java.lang.foreign.MemorySegment m = block.allocate(dataAt + payload.length, 8);
            long base = m.address();
            java.lang.foreign.MemorySegment.copy(payload, 0, m, java.lang.foreign.ValueLayout.JAVA_BYTE, dataAt,
                    payload.length);
            new Iovec(base + dataAt, payload.length).write(m.asSlice(iovAt));
            new Cmsghdr(Cmsghdr.CMSG_LEN(4), dev.berth.syscall.Sock.SOL_SOCKET, dev.berth.syscall.Sock.SCM_RIGHTS)
                    .write(m.asSlice(cmsgAt));
            new Msghdr(0, 0, base + iovAt, 1, base + cmsgAt, cmsgSpace, 0).write(m);
            return m;
        }, "msg");
        String text = new String(payload, StandardCharsets.UTF_8);
        steps.add(new Step("poke32", Step.POKE32, List.of(new Arg.Addr(message, fdAt, "&cmsg_data"),
                new Arg.FromSlot(fd)), 0, 0, null, null, null));
        steps.add(new Step("sendmsg", nr("sendmsg"), List.of(fd(socket), new Arg.Addr(message, 0,
                "{msg_iov=[" + Show.str(text) + "], msg_control=[{SOL_SOCKET, SCM_RIGHTS, [" + fd + "]}]}"),
                new Arg.Lit(dev.berth.syscall.Sock.MSG_NOSIGNAL, v -> "MSG_NOSIGNAL")), 0, 0, (long) payload.length,
                null, null));
        return this;
    }

    /** {@code socket(2)}; use {@link #into} to keep the fd. */
    public PlanBuilder socket(int domain, int type, int protocol) {
        return add("socket", Arg.flags(domain, v -> dev.berth.syscall.Sock.formatFamily((int) v)),
                Arg.flags(type, v -> dev.berth.syscall.Sock.formatType((int) v)), Arg.dec(protocol));
    }

    /**
     * {@code ioctl(fd, SIOCSIFFLAGS, {ifr_name=name, ifr_flags=flags})} ({@code netdevice(7)}): the kernel
     * changes only the flags userspace may change (IFF_UP and the like) and keeps the rest.
     */
    public PlanBuilder setInterfaceFlags(FdRef fd, String name, int flags) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        if (n.length >= 16) {
            throw new IllegalArgumentException("interface name longer than 15 bytes: " + name);
        }
        return add("ioctl", fd(fd), new Arg.Lit(0x8914, v -> "SIOCSIFFLAGS"), new Arg.Struct(a -> {
            java.lang.foreign.MemorySegment ifr = a.allocate(40, 8);
            java.lang.foreign.MemorySegment.copy(n, 0, ifr, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, n.length);
            ifr.set(java.lang.foreign.ValueLayout.JAVA_SHORT, 16, (short) flags);
            return ifr;
        }, "{ifr_name=" + Show.str(name) + ", ifr_flags=0x" + Integer.toHexString(flags) + "}"));
    }

    // ---- mounts -----------------------------------------------------------------------------------

    /** {@code mount(2)}; {@code source}, {@code fstype}, {@code data} may be null. */
    public PlanBuilder mount(String source, String target, String fstype, long flags, String data) {
        return add("mount", str(source), str(target), str(fstype), Arg.flags(flags, Mount::formatMs), str(data));
    }

    /** {@code umount2(2)}. */
    public PlanBuilder umount2(String target, int flags) {
        return add("umount2", str(target), Arg.flags(flags, v -> Mount.formatUmount((int) v)));
    }

    /** {@code pivot_root(2)}. */
    public PlanBuilder pivotRoot(String newRoot, String putOld) {
        return add("pivot_root", str(newRoot), str(putOld));
    }

    /** {@code chroot(2)}. */
    public PlanBuilder chroot(String path) {
        return add("chroot", str(path));
    }

    /** {@code open_tree(2)}; use {@link #into} to keep the fd. */
    public PlanBuilder openTree(FdRef dirfd, String path, int flags) {
        return add("open_tree", fd(dirfd), str(path), Arg.flags(flags, v -> Mount.formatOpenTree((int) v)));
    }

    /** {@code move_mount(2)}. */
    public PlanBuilder moveMount(FdRef fromDirfd, String fromPath, FdRef toDirfd, String toPath, int flags) {
        return add("move_mount", fd(fromDirfd), str(fromPath), fd(toDirfd), str(toPath),
                Arg.flags(flags, v -> Mount.formatMove((int) v)));
    }

    /** {@code fsopen(2)}; use {@link #into} to keep the filesystem context fd. */
    public PlanBuilder fsopen(String fstype) {
        return add("fsopen", str(fstype), new Arg.Lit(Mount.FSOPEN_CLOEXEC, v -> "FSOPEN_CLOEXEC"));
    }

    /** {@code fsconfig(fd, FSCONFIG_SET_STRING, key, value, 0)}. */
    public PlanBuilder fsconfigString(FdRef fd, String key, String value) {
        return add("fsconfig", fd(fd), new Arg.Lit(Mount.FSCONFIG_SET_STRING, v -> "FSCONFIG_SET_STRING"), str(key),
                str(value), Arg.dec(0));
    }

    /** {@code fsconfig(fd, FSCONFIG_SET_FLAG, key, NULL, 0)}. */
    public PlanBuilder fsconfigFlag(FdRef fd, String key) {
        return add("fsconfig", fd(fd), new Arg.Lit(Mount.FSCONFIG_SET_FLAG, v -> "FSCONFIG_SET_FLAG"), str(key),
                new Arg.Lit(0, v -> "NULL"), Arg.dec(0));
    }

    /** {@code fsconfig(fd, FSCONFIG_CMD_CREATE, NULL, NULL, 0)}. */
    public PlanBuilder fsconfigCreate(FdRef fd) {
        return add("fsconfig", fd(fd), new Arg.Lit(Mount.FSCONFIG_CMD_CREATE, v -> "FSCONFIG_CMD_CREATE"),
                new Arg.Lit(0, v -> "NULL"), new Arg.Lit(0, v -> "NULL"), Arg.dec(0));
    }

    /** {@code fsmount(fd, FSMOUNT_CLOEXEC, attrs)}; use {@link #into} to keep the mount fd. */
    public PlanBuilder fsmount(FdRef fd, long attrs) {
        return add("fsmount", fd(fd), new Arg.Lit(Mount.FSMOUNT_CLOEXEC, v -> "FSMOUNT_CLOEXEC"),
                Arg.flags(attrs, Mount::formatAttr));
    }

    /** {@code ioctl(fd, request, &value)}: an int passed by pointer ({@code TIOCSPTLCK}, {@code TIOCSPGRP}). */
    public PlanBuilder ioctlIntPointer(FdRef fd, int request, int value) {
        return add("ioctl", fd(fd), Arg.flags(request, v -> Ioctl.format((int) v)),
                new Arg.Struct(a -> a.allocateFrom(java.lang.foreign.ValueLayout.JAVA_INT, value), "[" + value + "]"));
    }

    /** {@code ioctl(fd, TIOCSWINSZ, &size)}. */
    public PlanBuilder setWindowSize(FdRef fd, dev.berth.syscall.struct.Winsize size) {
        return add("ioctl", fd(fd), new Arg.Lit(Ioctl.TIOCSWINSZ, v -> "TIOCSWINSZ"),
                new Arg.Struct(size::allocate, "{ws_row=" + size.rows() + ", ws_col=" + size.cols() + "}"));
    }

    /** {@code mount_setattr(2)}. */
    public PlanBuilder mountSetattr(FdRef dirfd, String path, int flags, MountAttr attr) {
        return add("mount_setattr", fd(dirfd), str(path), Arg.flags(flags, v -> At.format((int) v)),
                new Arg.Struct(attr::allocate, attr.toString()), Arg.dec(MountAttr.LAYOUT.byteSize()));
    }

    // ---- namespaces and identity --------------------------------------------------------------------

    /** {@code sethostname(2)}. */
    public PlanBuilder sethostname(String name) {
        return add("sethostname", str(name), Arg.dec(name.getBytes(StandardCharsets.UTF_8).length));
    }

    /** {@code setdomainname(2)}. */
    public PlanBuilder setdomainname(String name) {
        return add("setdomainname", str(name), Arg.dec(name.getBytes(StandardCharsets.UTF_8).length));
    }

    /** {@code setns(2)}. */
    public PlanBuilder setns(FdRef fd, long nstype) {
        return add("setns", fd(fd), Arg.flags(nstype, v -> v == 0 ? "0" : Clone.format(v)));
    }

    /** {@code unshare(2)}. */
    public PlanBuilder unshare(long flags) {
        return add("unshare", Arg.flags(flags, Clone::format));
    }

    /** {@code setsid(2)}. */
    public PlanBuilder setsid() {
        return add("setsid");
    }

    /** {@code setresgid(2)}. */
    public PlanBuilder setresgid(int rgid, int egid, int sgid) {
        return add("setresgid", Arg.dec(rgid), Arg.dec(egid), Arg.dec(sgid));
    }

    /** {@code setresuid(2)}. */
    public PlanBuilder setresuid(int ruid, int euid, int suid) {
        return add("setresuid", Arg.dec(ruid), Arg.dec(euid), Arg.dec(suid));
    }

    /** {@code setgroups(2)}. */
    public PlanBuilder setgroups(int... gids) {
        int[] copy = gids.clone();
        return add("setgroups", Arg.dec(copy.length), copy.length == 0 ? new Arg.Lit(0, v -> "NULL")
                : new Arg.Struct(a -> a.allocateFrom(java.lang.foreign.ValueLayout.JAVA_INT, copy),
                        Arrays.toString(copy)));
    }

    /** {@code capset(2)}: the calling thread's effective, permitted and inheritable sets. */
    public PlanBuilder capset(CapUserData.Sets sets) {
        CapUserHeader header = new CapUserHeader(Caps._LINUX_CAPABILITY_VERSION_3, 0);
        return add("capset", new Arg.Struct(header::allocate, "{version=_LINUX_CAPABILITY_VERSION_3, pid=0}"),
                new Arg.Struct(a -> CapUserData.pair(a, sets), "{effective=" + capList(sets.effective())
                        + ", permitted=" + capList(sets.permitted()) + ", inheritable=" + capList(sets.inheritable())
                        + "}"));
    }

    private static String capList(long mask) {
        List<String> names = Caps.names(mask);
        return names.size() > 6 ? names.size() + " caps" : String.join("|", names);
    }

    /** {@code prctl(2)}. */
    public PlanBuilder prctl(int option, long arg2, long arg3, long arg4, long arg5) {
        return add("prctl", Arg.flags(option, v -> Prctl.formatOption((int) v)), Arg.dec(arg2), Arg.dec(arg3),
                Arg.dec(arg4), Arg.dec(arg5));
    }

    /** {@code prctl(PR_CAPBSET_DROP, cap)}. */
    public PlanBuilder dropBoundingCap(int cap) {
        return add("prctl", Arg.flags(Prctl.PR_CAPBSET_DROP, v -> "PR_CAPBSET_DROP"),
                new Arg.Lit(cap, v -> Caps.name((int) v)), Arg.dec(0), Arg.dec(0), Arg.dec(0));
    }

    /** {@code prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap)}. */
    public PlanBuilder raiseAmbientCap(int cap) {
        return add("prctl", Arg.flags(Prctl.PR_CAP_AMBIENT, v -> "PR_CAP_AMBIENT"),
                new Arg.Lit(Prctl.PR_CAP_AMBIENT_RAISE, v -> "PR_CAP_AMBIENT_RAISE"),
                new Arg.Lit(cap, v -> Caps.name((int) v)), Arg.dec(0), Arg.dec(0));
    }

    /** {@code prctl(PR_SET_NO_NEW_PRIVS, 1)}. */
    public PlanBuilder noNewPrivs() {
        return prctl(Prctl.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    }

    /** {@code prctl(PR_SET_KEEPCAPS, on)}. */
    public PlanBuilder keepCaps(boolean on) {
        return prctl(Prctl.PR_SET_KEEPCAPS, on ? 1 : 0, 0, 0, 0);
    }

    /**
     * {@code prctl(PR_SET_PDEATHSIG, sig)}. The kernel sends it when the <em>thread</em> that spawned the
     * child ends, so spawn from a thread that lives as long as the child should.
     */
    public PlanBuilder parentDeathSignal(int sig) {
        return add("prctl", Arg.flags(Prctl.PR_SET_PDEATHSIG, v -> "PR_SET_PDEATHSIG"),
                new Arg.Lit(sig, v -> Signal.name((int) v)), Arg.dec(0), Arg.dec(0), Arg.dec(0));
    }

    /** {@code prlimit64(0, resource, &limit, NULL)}. */
    public PlanBuilder prlimit(int resource, Rlimit limit) {
        return add("prlimit64", Arg.dec(0), new Arg.Lit(resource, v -> Resource.name((int) v)),
                new Arg.Struct(limit::allocate, limit.toString()), new Arg.Lit(0, v -> "NULL"));
    }

    /** {@code seccomp(SECCOMP_SET_MODE_FILTER, flags, prog)}. */
    public PlanBuilder seccomp(int flags, List<SockFilter> program) {
        List<SockFilter> copy = List.copyOf(program);
        return add("seccomp", new Arg.Lit(Seccomp.SECCOMP_SET_MODE_FILTER, v -> "SECCOMP_SET_MODE_FILTER"),
                Arg.hex(flags), new Arg.Struct(a -> SockFprog.of(a, copy), "{len=" + copy.size() + ", filter=...}"));
    }

    /** {@code personality(2)}. */
    public PlanBuilder personality(int persona) {
        return add("personality", Arg.flags(persona & 0xFFFF_FFFFL, v -> Personality.format((int) v)));
    }

    /** {@code keyctl(KEYCTL_JOIN_SESSION_KEYRING, name)}: a new session keyring named {@code name}. */
    public PlanBuilder joinSessionKeyring(String name) {
        return add("keyctl", new Arg.Lit(1, v -> "KEYCTL_JOIN_SESSION_KEYRING"), str(name));
    }

    /** {@code umask(2)}. */
    public PlanBuilder umask(int mask) {
        return add("umask", Arg.octal(mask));
    }

    /** {@code rt_sigprocmask(how, &mask, NULL, 8)}. */
    public PlanBuilder sigprocmask(int how, long mask) {
        return add("rt_sigprocmask", new Arg.Lit(how, v -> Signal.formatHow((int) v)),
                new Arg.Struct(a -> a.allocateFrom(JAVA_LONG, mask), Signal.formatMask(mask)),
                new Arg.Lit(0, v -> "NULL"), Arg.dec(Signal.SIGSET_SIZE));
    }

    /** Any other system call with integer arguments, for what the typed methods do not cover. */
    public PlanBuilder syscall(String name, long... args) {
        Arg[] a = new Arg[args.length];
        for (int i = 0; i < args.length; i++) {
            a[i] = Arg.hex(args[i]);
        }
        return add(name, a);
    }

    // ---- exec -------------------------------------------------------------------------------------

    /** {@code execve(2)}: the payload. Several in a row with {@code tolerate(ENOENT)} search a PATH. */
    public PlanBuilder execve(String path, List<String> argv, List<String> envp) {
        return add("execve", str(path), new Arg.Strs(List.copyOf(argv)), new Arg.Strs(List.copyOf(envp)));
    }

    /**
     * The payload's exec, through Berth's exec shim ({@link ExecShim}): the child execs a sealed memfd
     * copy of the shim, which execs the first of {@code candidates} that exists (going on after ENOENT
     * only, as a PATH search) with {@code argv} and {@code envp}. So no exec of a path the payload's file
     * system controls ever happens while {@code /proc/self/exe} is the JVM's binary: an image whose
     * program is {@code #!/proc/self/exe} cannot run, keep and overwrite the host's {@code java}
     * (runc CVE-2019-5736). A failure of the shim's exec is reported as this step's, like any other.
     * Must be the plan's last step. On an architecture without a shim, plain {@code execve} steps.
     */
    public PlanBuilder execveThroughShim(List<String> candidates, List<String> argv, List<String> envp) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no program to exec");
        }
        Slot shim = slot();
        steps.add(new Step("execve", Step.EXEC_SHIM, List.of(new Arg.Strs(List.copyOf(candidates)),
                new Arg.Strs(List.copyOf(argv)), new Arg.Strs(List.copyOf(envp)), new Arg.FromSlot(shim)), 0, 0, null,
                null, null));
        return this;
    }

    /** {@code execveat(2)}, e.g. of an fd with {@link At#AT_EMPTY_PATH}. */
    public PlanBuilder execveat(FdRef dirfd, String path, List<String> argv, List<String> envp, int flags) {
        return add("execveat", fd(dirfd), str(path), new Arg.Strs(List.copyOf(argv)), new Arg.Strs(List.copyOf(envp)),
                Arg.flags(flags, v -> At.format((int) v)));
    }

    // ---- build ------------------------------------------------------------------------------------

    /** The plan, with prologue and epilogue around the steps added so far. */
    public SpawnPlan build() {
        List<Step> all = new ArrayList<>(steps.size() + inherit.size() * 2 + resetSignals.size() + 2);
        all.add(step("close_range", "fds not inherited close at exec", Arg.dec(3), Arg.dec(0xFFFF_FFFFL),
                Arg.flags(Fcntl.CLOSE_RANGE_CLOEXEC, v -> Fcntl.formatCloseRange((int) v))));
        int[] kept = keptFds();
        all.add(new Step("close_range", Step.CLOSE_OTHER_FDS, List.of(new Arg.Kept(kept), Arg.dec(kept.length),
                Arg.dec(3)), 0, 0, null, null, "the child holds only the fds its plan uses"));
        java.util.TreeSet<Integer> reset = new java.util.TreeSet<>(resetSignals);
        reset.addAll(IgnoredSignals.SET);
        for (int sig : reset) {
            all.add(step("rt_sigaction", "ignored in the parent", new Arg.Lit(sig, v -> Signal.name((int) v)),
                    new Arg.Struct(a -> a.allocate(32, 8), "{sa_handler=SIG_DFL}"), new Arg.Lit(0, v -> "NULL"),
                    Arg.dec(Signal.SIGSET_SIZE)));
        }
        boolean masked = false;
        for (Step s : steps) {
            if (s.nr() == Step.EXEC_SHIM) {
                masked = execThroughShim(all, s, masked);
                continue;
            }
            if (!masked && (s.nr() == NR_EXECVE || s.nr() == NR_EXECVEAT)) {
                beforeExec(all);
                masked = true;
            }
            all.add(s);
        }
        if (!masked) {
            addInheritance(all);
        }
        return new SpawnPlan(cloneFlags, cgroupFd, exitSignal, ownMemory, all);
    }

    /** Inherited fds to their numbers, then the payload's signal mask: what comes right before the first exec. */
    private void beforeExec(List<Step> all) {
        addInheritance(all);
        all.add(step("rt_sigprocmask", "the payload's signal mask", new Arg.Lit(Signal.SIG_SETMASK,
                v -> "SIG_SETMASK"), new Arg.Struct(a -> a.allocateFrom(JAVA_LONG, payloadMask),
                        Signal.formatMask(payloadMask)), new Arg.Lit(0, v -> "NULL"),
                Arg.dec(Signal.SIGSET_SIZE)));
    }

    /**
     * The steps of {@link #execveThroughShim}: the shim's memfd moved above every inherited fd, the
     * usual inheritance and signal mask, the error pipe copied without close-on-exec to the fd the shim
     * reports on (just above the inherited ones: low, so within any RLIMIT_NOFILE), then execveat of the
     * memfd. Returns true (the payload's mask is set).
     */
    private boolean execThroughShim(List<Step> all, Step marker, boolean masked) {
        List<String> candidates = ((Arg.Strs) marker.args().get(0)).values();
        List<String> argv = ((Arg.Strs) marker.args().get(1)).values();
        List<String> envp = ((Arg.Strs) marker.args().get(2)).values();
        Slot shim = ((Arg.FromSlot) marker.args().get(3)).slot();
        if (!ExecShim.supported(Arch.current())) {
            if (!masked) {
                beforeExec(all);
            }
            for (int i = 0; i < candidates.size(); i++) {
                boolean last = i == candidates.size() - 1;
                all.add(new Step("execve", NR_EXECVE, List.of(str(candidates.get(i)), new Arg.Strs(argv),
                        new Arg.Strs(envp)), last ? 0 : dev.berth.syscall.Errno.ENOENT, 0, null, null,
                        last ? marker.label() : "try the next PATH entry"));
            }
            return true;
        }
        int errFd = inherit.isEmpty() ? 3 : inherit.lastKey() + 1;
        int move = all.size();
        all.add(null);
        if (!masked) {
            beforeExec(all);
        }
        all.add(new Step("dup3", NR_DUP3, List.of(new Arg.FromSlot(Slot.ERROR_PIPE), Arg.dec(errFd), Arg.dec(0)),
                dev.berth.syscall.Errno.EINVAL, 0, null, null, "the error pipe as fd " + errFd + " for the exec shim"));
        all.add(new Step("fcntl", NR_FCNTL, List.of(new Arg.Fd(errFd), new Arg.Lit(Fcntl.F_SETFD, v -> "F_SETFD"),
                Arg.dec(0)), 0, 0, null, null, "open across the shim's exec; the shim closes it at the payload's"));
        List<String> shimArgv = new ArrayList<>(candidates);
        shimArgv.add("");
        shimArgv.addAll(argv);
        int exec = all.size();
        all.add(new Step("execveat", NR_EXECVEAT, List.of(new Arg.FromSlot(shim), str(""), new Arg.Strs(shimArgv),
                new Arg.Strs(envp), Arg.flags(At.AT_EMPTY_PATH, v -> At.format((int) v))), 0, 0, null, null,
                marker.label()));
        all.set(move, new Step("fcntl", NR_FCNTL, List.of(new Arg.ShimElf(ExecShim.elf(Arch.current(), errFd, exec)),
                new Arg.Lit(Fcntl.F_DUPFD_CLOEXEC, v -> "F_DUPFD_CLOEXEC"), Arg.dec(errFd + 1)), 0, 0, null, shim,
                "Berth's exec shim (a sealed memfd), above the fds the payload inherits"));
        return true;
    }

    /** Every fd number >= 3 that a step names or that is inherited, sorted (the error pipe is added at spawn). */
    private int[] keptFds() {
        java.util.TreeSet<Integer> fds = new java.util.TreeSet<>(inherit.values());
        for (Step s : steps) {
            for (Arg a : s.args()) {
                if (a instanceof Arg.Fd f) {
                    fds.add(f.fd());
                }
            }
        }
        // The CLONE_INTO_CGROUP fd is used by clone3 in the parent only: the child must not keep a
        // directory fd of the host (the "Leaky Vessels" escape through /proc/self/fd/N as cwd).
        return fds.stream().filter(fd -> fd >= 3).mapToInt(Integer::intValue).toArray();
    }

    /**
     * Moves each inherited fd to its number, right before exec (after every step that uses fds), in two
     * passes so that no mapping overwrites the source of another: first the error pipe and every source
     * are copied (close-on-exec) above all target numbers, then each copy is {@code dup3}ed to its
     * target, which clears close-on-exec there. A slot fd that a later exec uses must not be a target.
     */
    private void addInheritance(List<Step> all) {
        if (inherit.isEmpty()) {
            return;
        }
        int above = Math.max(inherit.lastKey(), inherit.values().stream().max(Integer::compare).orElse(0)) + 1;
        all.add(new Step("fcntl", NR_FCNTL, List.of(new Arg.FromSlot(Slot.ERROR_PIPE),
                new Arg.Lit(Fcntl.F_DUPFD_CLOEXEC, v -> "F_DUPFD_CLOEXEC"), Arg.dec(above)), 0, 0, null, Slot.ERROR_PIPE,
                "keep the error pipe clear of inherited fds"));
        List<Slot> copies = new ArrayList<>();
        for (var e : inherit.entrySet()) {
            Slot copy = slot();
            copies.add(copy);
            all.add(new Step("fcntl", NR_FCNTL, List.of(new Arg.Fd(e.getValue()),
                    new Arg.Lit(Fcntl.F_DUPFD_CLOEXEC, v -> "F_DUPFD_CLOEXEC"), Arg.dec(above)), 0, 0, null, copy,
                    "inherit fd " + e.getValue() + " as " + e.getKey()));
        }
        int i = 0;
        for (var e : inherit.entrySet()) {
            all.add(new Step("dup3", NR_DUP3, List.of(new Arg.FromSlot(copies.get(i++)), Arg.dec(e.getKey()),
                    Arg.dec(0)), 0, 0, null, null, "inherit fd " + e.getValue() + " as " + e.getKey()));
        }
    }

    private static Step step(String call, String label, Arg... args) {
        return new Step(call, Arch.current().syscall(call), List.of(args), 0, 0, null, null, label);
    }

    /** How many signals this JVM ignores: the plan resets each in one step of its prologue. */
    static int ignoredSignalCount() {
        return IgnoredSignals.SET.size();
    }

    /** The signals this JVM ignores, read once: dispositions rarely change after start-up. */
    private static final class IgnoredSignals {
        static final List<Integer> SET = read();

        private static List<Integer> read() {
            try {
                String status = dev.berth.syscall.Fs.readFile("/proc/self/status");
                String hex = status.lines().filter(l -> l.startsWith("SigIgn:")).findFirst().orElse("SigIgn:\t0")
                        .substring(7).trim();
                long mask = Long.parseUnsignedLong(hex, 16);
                List<Integer> out = new ArrayList<>();
                for (int s = 1; s <= Signal.NSIG; s++) {
                    if ((mask & (1L << (s - 1))) != 0 && s != Signal.SIGKILL && s != Signal.SIGSTOP) {
                        out.add(s);
                    }
                }
                return List.copyOf(out);
            } catch (dev.berth.syscall.ErrnoException e) {
                return List.of();
            }
        }
    }

    static {
        if (NR_CLOSE_RANGE < 0 || NR_SIGPROCMASK < 0 || NR_SIGACTION < 0) {
            throw new ExceptionInInitializerError("syscall table incomplete for " + Arch.current());
        }
    }
}
