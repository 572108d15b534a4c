package dev.berth.runtime.plan;

import dev.berth.runtime.config.ContainerConfig;
import dev.berth.runtime.config.DeviceConfig;
import dev.berth.runtime.config.MountConfig;
import dev.berth.runtime.config.NamespaceConfig;
import dev.berth.runtime.config.ProcessConfig;
import dev.berth.syscall.At;
import dev.berth.syscall.Clone;
import dev.berth.syscall.Errno;
import dev.berth.syscall.Ioctl;
import dev.berth.syscall.Mount;
import dev.berth.syscall.Open;
import dev.berth.syscall.Stat;
import dev.berth.syscall.spawn.FdRef;
import dev.berth.syscall.spawn.PlanBuilder;
import dev.berth.syscall.spawn.Slot;
import dev.berth.syscall.spawn.SpawnPlan;
import dev.berth.syscall.struct.MountAttr;
import dev.berth.syscall.struct.Winsize;
import java.util.List;
import java.util.Map;

/**
 * The container init's system calls, from clone to exec, as a spawn plan: pure (no I/O), so a
 * container's whole setup can be printed and tested without root. The order follows runc's
 * ({@code nsexec}, {@code prepareRootfs}, {@code standard_init}): join namespaces, become root of a new
 * user namespace, mounts, devices, hooks' sync point, {@code pivot_root}, console, read-only root,
 * hostname, sysctl, read-only and masked paths, rlimits, capabilities and user, then "ready", the exec
 * FIFO, and exec.
 *
 * <p>Every path inside the root filesystem is reached with {@code openat2(RESOLVE_IN_ROOT)} from an fd of
 * the root, and every mount lands on an fd with {@code move_mount(2)}: a symlink in the image can never
 * send a mount outside the container.
 */
public final class ChildPlanner {
    private static final int DIR = Open.O_PATH | Open.O_DIRECTORY | Open.O_CLOEXEC;
    private static final long IN_ROOT = Open.RESOLVE_IN_ROOT | Open.RESOLVE_NO_MAGICLINKS;

    private final ContainerConfig c;
    private final ChildContext x;
    private final PlanBuilder b = SpawnPlan.builder();
    private final Slot root;
    private final Slot dir;
    private final Slot target;
    private final Slot source;
    private final Slot context;
    private final Slot extra;
    private Slot fifo;

    private ChildPlanner(ContainerConfig c, ChildContext x) {
        this.c = c;
        this.x = x;
        root = b.slot();
        dir = b.slot();
        target = b.slot();
        source = b.slot();
        context = b.slot();
        extra = b.slot();
    }

    /** The plan of container {@code c}'s init. */
    public static SpawnPlan plan(ContainerConfig c, ChildContext x) {
        ChildPlanner p = new ChildPlanner(c, x);
        p.build();
        return p.b.build();
    }

    private static FdRef fd(int n) {
        return FdRef.of(n);
    }

    /** {@code /a/b} → {@code a/b}: paths below the root, for openat2 relative to it. */
    static String rel(String path) {
        String r = path;
        while (r.startsWith("/")) {
            r = r.substring(1);
        }
        return r.isEmpty() ? "." : r;
    }

    private void build() {
        // A new cgroup namespace is rooted at the cgroup its creator is in when it is made. clone3 puts the
        // child into its cgroup only on the unified hierarchy (CLONE_INTO_CGROUP); v1 hierarchies are joined
        // by the parent during the sync below. So, as runc does, unshare it only after that: made at clone,
        // the namespace's root on a v1 or hybrid host would be Berth's own cgroup, and the container would
        // see (and mount) its siblings' cgroups.
        boolean lateCgroupNamespace = x.goFd() >= 0;
        for (NamespaceConfig n : c.namespaces()) {
            if (n.path() == null && !(lateCgroupNamespace && n.type().equals("cgroup"))) {
                b.cloneFlags(n.flag());
            }
        }
        if (x.cgroupFd() >= 0) {
            b.intoCgroup(x.cgroupFd());
        }
        if (x.goFd() >= 0) {
            b.readByte(fd(x.goFd())).label("sync: wait for id maps, cgroups and network");
        }
        // Until it execs, the init is a clone of Berth's JVM: /proc/PID/exe is the host's java, its fds and
        // memory are Berth's. Not dumpable, /proc/PID of it is out of reach of every process of the container
        // (an exec'd one could otherwise open /proc/1/exe while create waits for start and overwrite java once
        // Berth has exited: runc CVE-2019-5736). After the id maps: the parent writes them through /proc/PID.
        // The payload's exec makes the process dumpable again.
        notDumpable(b);
        for (NamespaceConfig n : c.namespaces()) {
            if (n.path() != null) {
                b.setns(fd(x.joinFds().get(n.type())), n.flag()).label("linux.namespaces: join " + n.type() + " "
                        + n.path());
            }
        }
        if (c.has("user")) {
            b.setresgid(0, 0, 0).label("root of the user namespace");
            b.setresuid(0, 0, 0).label("root of the user namespace");
        }
        if (lateCgroupNamespace && c.has("cgroup") && c.namespace("cgroup").path() == null) {
            b.unshare(Clone.CLONE_NEWCGROUP).label("linux.namespaces: a new cgroup namespace, rooted at the container's cgroups");
        }
        b.setsid().label("the container's own session");
        b.umask(0).label("modes as given while setting up");
        if (c.has("network") && c.namespace("network").path() == null) {
            loopbackUp();
        }
        if (x.newKeyring()) {
            b.joinSessionKeyring(c.id()).tolerate(dev.berth.syscall.Errno.ENOSYS)
                    .label("a session keyring of the container's own");
        }
        if (c.process() != null && c.process().oomScoreAdj() != null) {
            writeFile("/proc/self/oom_score_adj", Integer.toString(c.process().oomScoreAdj()), "process.oomScoreAdj");
        }
        if (x.execFifo() != null) {
            fifo = b.slot();
            b.openat(FdRef.CWD, x.execFifo(), Open.O_RDWR | Open.O_CLOEXEC, 0).into(fifo)
                    .label("the exec FIFO, opened before pivot_root");
        }
        rootfs();
        // Before pivot_root, through the root's fd: the host's /dev/null is still there to bind over masked
        // files (a mount of another namespace cannot be cloned after), and sysctls go before /proc/sys is made
        // read-only.
        for (Map.Entry<String, String> e : c.sysctl().entrySet()) {
            writeInRoot("proc/sys/" + e.getKey().replace('.', '/'), e.getValue(), "linux.sysctl." + e.getKey());
        }
        for (int i = 0; i < c.readonlyPaths().size(); i++) {
            readonlyPath(c.readonlyPaths().get(i), "linux.readonlyPaths[" + i + "]");
        }
        for (int i = 0; i < c.maskedPaths().size(); i++) {
            maskPath(c.maskedPaths().get(i), "linux.maskedPaths[" + i + "]");
        }
        if (x.hooksReadyFd() >= 0) {
            b.write(fd(x.hooksReadyFd()), "m").label("sync: mounts done, run prestart/createRuntime/createContainer hooks");
            b.readByte(fd(x.hooksGoFd())).label("sync: hooks done");
        }
        pivot();
        if (c.process() != null && c.process().terminal()) {
            console();
        }
        if (c.rootReadonly()) {
            b.mountSetattr(FdRef.CWD, "/", 0, new MountAttr(Mount.MOUNT_ATTR_RDONLY, 0, 0, 0)).label("root.readonly");
        }
        if (c.hostname() != null && !c.hostname().isEmpty()) {
            b.sethostname(c.hostname()).label("hostname");
        }
        if (c.domainname() != null && !c.domainname().isEmpty()) {
            b.setdomainname(c.domainname()).label("domainname");
        }
        if (c.personality() >= 0) {
            b.personality(c.personality()).label("linux.personality");
        }
        ProcessConfig p = c.process();
        if (p != null) {
            process(p);
        }
    }

    /**
     * {@code lo} up in the new network namespace, with {@code ioctl(SIOCSIFFLAGS)} on a throw-away socket:
     * three steps in the child instead of a netlink client and a thread in the parent.
     */
    private void loopbackUp() {
        String why = "lo up in the new network namespace";
        b.socket(dev.berth.syscall.Sock.AF_INET, dev.berth.syscall.Sock.SOCK_DGRAM | dev.berth.syscall.Sock.SOCK_CLOEXEC,
                0).into(extra).label(why);
        b.setInterfaceFlags(extra, "lo", 1 /* IFF_UP */).label(why);
        b.close(extra);
    }

    /** {@code prctl(PR_SET_DUMPABLE, 0)}: see {@link #build()} and {@code Exec}. */
    public static void notDumpable(PlanBuilder b) {
        b.prctl(dev.berth.syscall.Prctl.PR_SET_DUMPABLE, 0, 0, 0, 0)
                .label("not dumpable: /proc/PID of this clone of Berth's JVM is out of the container's reach");
    }

    /**
     * The payload's exec: each candidate in turn, as execvp does (the last one's failure is the error),
     * through the exec shim, so that no exec of a path in the container happens while /proc/self/exe is
     * the host's java (runc CVE-2019-5736; see {@link PlanBuilder#execveThroughShim}).
     */
    public static void execPath(PlanBuilder b, List<String> candidates, List<String> args, List<String> env) {
        b.execveThroughShim(candidates, args, env).label(candidates.size() > 1 ? "process.args[0] " + args.get(0)
                + ", searched in $PATH" : "process.args[0]");
    }

    private void writeInRoot(String path, String value, String why) {
        b.openat2(root, path, Open.O_WRONLY | Open.O_CLOEXEC, 0, IN_ROOT).into(extra).label(why);
        b.write(extra, value).label(why);
        b.close(extra);
    }

    private void writeFile(String path, String value, String why) {
        b.openat(FdRef.CWD, path, Open.O_WRONLY | Open.O_CLOEXEC, 0).into(extra).label(why);
        b.write(extra, value).label(why);
        b.close(extra);
    }

    // ---- the root filesystem ---------------------------------------------------------------------

    private void rootfs() {
        long parent = c.rootfsPropagation() != 0 ? c.rootfsPropagation() : Mount.MS_SLAVE | Mount.MS_REC;
        b.mount(null, "/", null, parent | Mount.MS_REC, null).label("nothing mounted here propagates to the host");
        String rootfs = c.rootfs().toString();
        b.mount(rootfs, rootfs, null, Mount.MS_BIND | Mount.MS_REC, null).label("root.path as a mount of its own");
        b.openat(FdRef.CWD, rootfs, DIR, 0).into(root).label("root.path");
        boolean devMounted = false;
        for (MountConfig m : c.mounts()) {
            mount(m);
            if (m.destination().equals("/dev")) {
                devMounted = !m.isBind();
            }
        }
        if (devMounted) {
            devices();
        }
        if (c.process() != null && !c.process().cwd().equals("/")) {
            mountPoint(c.process().cwd(), false, "process.cwd, made if missing as runc does");
        }
    }

    /** Creates the mount point {@code path} below the root: each missing directory, then the last one (or a file). */
    private void mountPoint(String path, boolean file, String why) {
        String r = rel(path);
        if (r.equals(".")) {
            return;
        }
        String[] parts = r.split("/");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String parentPath = prefix.isEmpty() ? "." : prefix.toString();
            boolean last = i == parts.length - 1;
            b.openat2(root, parentPath, DIR, 0, IN_ROOT).into(dir).label(why);
            if (last && file) {
                // An empty regular file, made without opening anything (an existing node stays as it is).
                b.mknodat(dir, parts[i], Stat.S_IFREG | 0644, 0).tolerate(Errno.EEXIST).label(why);
            } else {
                b.mkdirat(dir, parts[i], 0755).tolerate(Errno.EEXIST).label(why);
            }
            b.close(dir);
            prefix.append(prefix.isEmpty() ? "" : "/").append(parts[i]);
        }
    }

    private void mount(MountConfig m) {
        String why = "mounts[" + m.specIndex() + "] " + m.destination();
        boolean file = m.isBind() && !isDirectorySource(m);
        mountPoint(m.destination(), file, why);
        // proc and sysfs only on an ordinary directory (runc's rule): a symlink there (an image with
        // /proc -> /) would put them somewhere else, and leave masked paths unmasked.
        boolean pseudo = m.type().equals("proc") || m.type().equals("sysfs");
        b.openat2(root, rel(m.destination()), Open.O_PATH | Open.O_CLOEXEC
                | (pseudo ? Open.O_NOFOLLOW | Open.O_DIRECTORY : 0), 0, IN_ROOT).into(target)
                .label(pseudo ? why + ": " + m.type() + " must be mounted on an ordinary directory" : why);
        var o = m.options();
        if (m.isBind()) {
            b.openTree(FdRef.CWD, m.source(), Mount.OPEN_TREE_CLONE | Mount.OPEN_TREE_CLOEXEC
                    | (o.recursiveBind() ? At.AT_RECURSIVE : 0)).into(source).label(why);
            if (o.attrSet() != 0 || o.attrClr() != 0) {
                b.mountSetattr(source, "", At.AT_EMPTY_PATH, new MountAttr(o.attrSet(), o.attrClr(), 0, 0)).label(why);
            }
        } else if (m.type().equals("cgroup")) {
            cgroupMount(m, why);
            return;
        } else {
            filesystem(m.type(), m.source(), o.data(), why);
            b.fsmount(context, o.attrSet()).into(source).label(why);
            b.close(context);
        }
        b.moveMount(source, "", target, "", Mount.MOVE_MOUNT_F_EMPTY_PATH | Mount.MOVE_MOUNT_T_EMPTY_PATH).label(why);
        if (o.propagation() != 0) {
            b.mountSetattr(source, "", At.AT_EMPTY_PATH | (o.recursivePropagation() ? At.AT_RECURSIVE : 0),
                    new MountAttr(0, 0, o.propagation(), 0)).label(why);
        }
        b.close(source);
        b.close(target);
    }

    /** A bind source that is not a directory gets a file as its mount point (decided by the host, see {@link MountConfig}). */
    private boolean isDirectorySource(MountConfig m) {
        return !x.fileBindSources().contains(m.source());
    }

    /** {@code fsopen} + one {@code fsconfig} per option + create, into {@link #context}. */
    private void filesystem(String type, String source, List<String> data, String why) {
        b.fsopen(type).into(context).label(why);
        if (source != null && !source.isEmpty()) {
            b.fsconfigString(context, "source", source).label(why);
        }
        for (String d : data) {
            int eq = d.indexOf('=');
            if (eq > 0) {
                b.fsconfigString(context, d.substring(0, eq), d.substring(eq + 1)).label(why);
            } else {
                b.fsconfigFlag(context, d).label(why);
            }
        }
        b.fsconfigCreate(context).label(why);
    }

    /**
     * {@code cgroup} mounts as runc makes them: one cgroup2 on a v2 host; on v1 and hybrid hosts a tmpfs
     * with each hierarchy below it. With a cgroup namespace each is a fresh mount showing the namespace's
     * root; without one, the container's own cgroup directory is bound (so the host's tree stays hidden).
     */
    private void cgroupMount(MountConfig m, String why) {
        var o = m.options();
        ChildContext.CgroupMounts g = x.cgroupMounts();
        boolean ns = c.has("cgroup");
        if (g.unified()) {
            cgroupOne("cgroup2", null, ns ? null : g.unifiedBind(), o.attrSet(), why);
            b.close(target);
            return;
        }
        filesystem("tmpfs", "tmpfs", List.of("mode=755"), why);
        b.fsmount(context, o.attrSet() & ~Mount.MOUNT_ATTR_RDONLY).into(source).label(why);
        b.close(context);
        b.moveMount(source, "", target, "", Mount.MOVE_MOUNT_F_EMPTY_PATH | Mount.MOVE_MOUNT_T_EMPTY_PATH).label(why);
        b.close(source);
        b.close(target);
        for (Map.Entry<String, String[]> h : g.v1().entrySet()) {
            String sub = m.destination() + "/" + h.getKey();
            mountPoint(sub, false, why);
            b.openat2(root, rel(sub), Open.O_PATH | Open.O_CLOEXEC, 0, IN_ROOT).into(target).label(why);
            cgroupOne("cgroup", h.getValue()[0], ns ? null : h.getValue()[1], o.attrSet(), why);
            b.close(target);
        }
        if (g.hybridUnified()) {
            String sub = m.destination() + "/unified";
            mountPoint(sub, false, why);
            b.openat2(root, rel(sub), Open.O_PATH | Open.O_CLOEXEC, 0, IN_ROOT).into(target).label(why);
            cgroupOne("cgroup2", null, ns ? null : g.unifiedBind(), o.attrSet(), why);
            b.close(target);
        }
        if ((o.attrSet() & Mount.MOUNT_ATTR_RDONLY) != 0) {
            b.openat2(root, rel(m.destination()), Open.O_PATH | Open.O_CLOEXEC, 0, IN_ROOT).into(target).label(why);
            b.mountSetattr(target, "", At.AT_EMPTY_PATH, new MountAttr(Mount.MOUNT_ATTR_RDONLY, 0, 0, 0)).label(why);
            b.close(target);
        }
    }

    /** One cgroup hierarchy onto {@link #target}: a new mount of it, or a bind of {@code bind}. */
    private void cgroupOne(String type, String options, String bind, long attrs, String why) {
        if (bind != null) {
            b.openTree(FdRef.CWD, bind, Mount.OPEN_TREE_CLONE | Mount.OPEN_TREE_CLOEXEC).into(source).label(why);
            b.mountSetattr(source, "", At.AT_EMPTY_PATH, new MountAttr(attrs, 0, 0, 0)).label(why);
        } else {
            List<String> data = options == null ? List.of() : List.of(options.split(","));
            filesystem(type, type, data, why);
            b.fsmount(context, attrs).into(source).label(why);
            b.close(context);
        }
        b.moveMount(source, "", target, "", Mount.MOVE_MOUNT_F_EMPTY_PATH | Mount.MOVE_MOUNT_T_EMPTY_PATH).label(why);
        b.close(source);
    }

    /** Device nodes in {@code /dev} (or, in a user namespace, bind mounts of the host's), and the standard symlinks. */
    private void devices() {
        boolean userns = c.newUserNamespace();
        for (DeviceConfig d : c.devices()) {
            String why = "device " + d.path();
            if (userns) {
                mountPoint(d.path(), true, why);
                b.openat2(root, rel(d.path()), Open.O_PATH | Open.O_CLOEXEC, 0, IN_ROOT).into(target).label(why);
                b.openTree(FdRef.CWD, d.path(), Mount.OPEN_TREE_CLONE | Mount.OPEN_TREE_CLOEXEC).into(source).label(why);
                b.moveMount(source, "", target, "", Mount.MOVE_MOUNT_F_EMPTY_PATH | Mount.MOVE_MOUNT_T_EMPTY_PATH)
                        .label(why);
                b.close(source);
                b.close(target);
                continue;
            }
            String r = rel(d.path());
            int slash = r.lastIndexOf('/');
            String parent = slash < 0 ? "." : r.substring(0, slash);
            if (slash >= 0) {
                mountPoint("/" + parent, false, why);
            }
            b.openat2(root, parent, DIR, 0, IN_ROOT).into(dir).label(why);
            int type = switch (d.type()) {
                case 'b' -> Stat.S_IFBLK;
                case 'p' -> Stat.S_IFIFO;
                default -> Stat.S_IFCHR;
            };
            String name = r.substring(slash + 1);
            b.mknodat(dir, name, type | d.mode(), Stat.makedev((int) d.major(), (int) d.minor())).label(why);
            if (d.uid() != 0 || d.gid() != 0) {
                b.fchownat(dir, name, (int) d.uid(), (int) d.gid(), At.AT_SYMLINK_NOFOLLOW).label(why);
            }
            b.close(dir);
        }
        b.openat2(root, "dev", DIR, 0, IN_ROOT).into(dir).label("/dev symlinks");
        String[][] links = {{"/proc/self/fd", "fd"}, {"/proc/self/fd/0", "stdin"}, {"/proc/self/fd/1", "stdout"},
            {"/proc/self/fd/2", "stderr"}, {"pts/ptmx", "ptmx"}};
        for (String[] l : links) {
            b.symlinkat(l[0], dir, l[1]).tolerate(Errno.EEXIST).label("/dev/" + l[1]);
        }
        b.close(dir);
    }

    private void pivot() {
        if (x.noPivot()) {
            b.fchdir(root).label("--no-pivot: move the root and chroot");
            b.mount(c.rootfs().toString(), "/", null, Mount.MS_MOVE, null).label("--no-pivot");
            b.chroot(".").label("--no-pivot");
        } else {
            b.fchdir(root).label("pivot_root into root.path");
            b.pivotRoot(".", ".").label("pivot_root into root.path");
            b.umount2(".", Mount.MNT_DETACH).label("the old root, stacked on the new one, goes away");
        }
        b.chdir("/");
        if (c.rootfsPropagation() != 0) {
            b.mount(null, "/", null, c.rootfsPropagation(), null).label("linux.rootfsPropagation");
        }
    }

    /** A pty from the container's devpts, its master sent to the console socket, the slave as stdio and /dev/console. */
    private void console() {
        String why = "process.terminal";
        Slot master = source;
        Slot slave = extra;
        b.openat(FdRef.CWD, "/dev/ptmx", Open.O_RDWR | Open.O_NOCTTY | Open.O_CLOEXEC, 0).into(master).label(why);
        b.ioctlIntPointer(master, Ioctl.TIOCSPTLCK, 0).label(why);
        b.ioctl(master, Ioctl.TIOCGPTPEER, Open.O_RDWR | Open.O_NOCTTY).into(slave).label(why);
        ProcessConfig p = c.process();
        if (p.consoleHeight() > 0 || p.consoleWidth() > 0) {
            b.setWindowSize(slave, new Winsize(p.consoleHeight(), p.consoleWidth())).label("process.consoleSize");
        }
        if (x.consoleSocketFd() >= 0) {
            b.sendFd(fd(x.consoleSocketFd()), master, "/dev/ptmx".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            b.label("--console-socket");
        }
        b.close(master);
        b.openat(FdRef.CWD, "/dev/console", Open.O_RDONLY | Open.O_CREAT | Open.O_NOFOLLOW | Open.O_NOCTTY
                | Open.O_CLOEXEC, 0600).into(target).label("/dev/console");
        b.openTree(slave, "", Mount.OPEN_TREE_CLONE | Mount.OPEN_TREE_CLOEXEC | At.AT_EMPTY_PATH).into(context)
                .label("/dev/console");
        b.moveMount(context, "", target, "", Mount.MOVE_MOUNT_F_EMPTY_PATH | Mount.MOVE_MOUNT_T_EMPTY_PATH)
                .label("/dev/console");
        b.close(context);
        b.close(target);
        for (int i = 0; i < 3; i++) {
            b.dup3(slave, i, 0).label(why);
        }
        b.close(slave);
        b.ioctl(FdRef.of(0), Ioctl.TIOCSCTTY, 0).label(why);
    }

    /**
     * Read-only and masked paths are resolved inside the root following symlinks, as runc does: with
     * O_NOFOLLOW an image could make the path a symlink to a writable mount, and the read-only bind would
     * cover the symlink while every write through the path went on to the target (and a masked symlink to
     * a directory could not be masked at all).
     */
    private void readonlyPath(String path, String why) {
        b.openat2(root, rel(path), Open.O_PATH | Open.O_CLOEXEC, 0, IN_ROOT).into(target).label(why);
        b.orSkip(Errno.ENOENT, p -> {
            p.openTree(target, "", Mount.OPEN_TREE_CLONE | Mount.OPEN_TREE_CLOEXEC | At.AT_EMPTY_PATH | At.AT_RECURSIVE)
                    .into(source).label(why);
            p.mountSetattr(source, "", At.AT_EMPTY_PATH | At.AT_RECURSIVE,
                    new MountAttr(Mount.MOUNT_ATTR_RDONLY, 0, 0, 0)).label(why);
            p.moveMount(source, "", target, "", Mount.MOVE_MOUNT_F_EMPTY_PATH | Mount.MOVE_MOUNT_T_EMPTY_PATH).label(why);
            p.close(source);
            p.close(target);
        });
    }

    private void maskPath(String path, String why) {
        boolean directory = x.maskedDirs().contains(path);
        b.openat2(root, rel(path), Open.O_PATH | Open.O_CLOEXEC, 0, IN_ROOT).into(target).label(why);
        b.orSkip(Errno.ENOENT, p -> {
            if (directory) {
                filesystem("tmpfs", "tmpfs", List.of("size=0"), why);
                p.fsmount(context, Mount.MOUNT_ATTR_RDONLY | Mount.MOUNT_ATTR_NOSUID | Mount.MOUNT_ATTR_NODEV
                        | Mount.MOUNT_ATTR_NOEXEC).into(source).label(why);
                p.close(context);
            } else {
                p.openTree(FdRef.CWD, "/dev/null", Mount.OPEN_TREE_CLONE | Mount.OPEN_TREE_CLOEXEC).into(source)
                        .label(why + ": the host's /dev/null, not the image's");
            }
            p.moveMount(source, "", target, "", Mount.MOVE_MOUNT_F_EMPTY_PATH | Mount.MOVE_MOUNT_T_EMPTY_PATH)
                    .label(why);
            p.close(source);
            p.close(target);
        });
    }

    // ---- the process ------------------------------------------------------------------------------

    private void process(ProcessConfig p) {
        ProcessSteps.identity(b, p, x.capLastCap(), x.setgroupsAllowed(), c.seccomp(), x.seccompSocket());
        if (x.dieWithParent()) {
            b.parentDeathSignal(dev.berth.syscall.Signal.SIGKILL).label("the sandbox dies with berth");
        }
        for (int i = 0; i < x.preserveFds(); i++) {
            // --preserve-fds N: the caller's fds 3..3+N-1 (Berth's JVM opened none of its own there)
            b.inheritFd(3 + i, 3 + i);
        }
        b.write(fd(x.readyFd()), "r").label("sync: set up, waiting for start");
        if (fifo != null) {
            b.readByte(fifo).label("exec FIFO: wait for start");
        } else if (x.startFd() >= 0) {
            b.readByte(fd(x.startFd())).label("sync: startContainer hooks done");
        }
        execPath(b, x.executables(), p.args(), p.env());
    }
}
