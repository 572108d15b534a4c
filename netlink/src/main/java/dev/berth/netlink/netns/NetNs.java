package dev.berth.netlink.netns;

import dev.berth.netlink.client.NetlinkClient;
import dev.berth.netlink.ops.Monitor;
import dev.berth.netlink.ops.NewLink;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.syscall.At;
import dev.berth.syscall.Clone;
import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Mount;
import dev.berth.syscall.MountException;
import dev.berth.syscall.Mounts;
import dev.berth.syscall.NsThread;
import dev.berth.syscall.Open;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A network namespace, held by an open file descriptor of its {@code nsfs} file
 * ({@code network_namespaces(7)}, {@code setns(2)}), and the named namespaces under {@code /run/netns}
 * made and removed exactly as {@code ip netns add/del} does ({@code ip-netns(8)}).
 *
 * <p>Work inside a namespace runs on a dedicated platform thread that {@code setns}es into it and then
 * ends, so no other thread of the JVM ever changes namespace. A netlink socket made that way stays in
 * the namespace for its whole life and may then be used from any thread: {@link #open()},
 * {@link #rtnl()}, {@link #monitor(Set)}.
 *
 * <p>The handle owns its descriptor; {@link #close()} releases it. A namespace lives while a handle, a
 * bind mount, or a process holds it. Handles are immutable and thread-safe until closed.
 */
public final class NetNs implements AutoCloseable {
    /** Where named namespaces are bind-mounted, as iproute2 keeps them. */
    public static final String RUN_DIR = "/run/netns";

    private final int fd;
    private final String description;
    private volatile boolean closed;

    private NetNs(int fd, String description) {
        this.fd = fd;
        this.description = description;
    }

    // ---- named namespaces, as ip netns ----

    /**
     * Creates the named namespace {@code name}, as {@code ip netns add}: makes {@code /run/netns} a
     * shared mount (a bind mount of itself, once) so that the namespace mounts propagate between mount
     * namespaces, creates the empty file {@code /run/netns/NAME}, and bind-mounts onto it the network
     * namespace of a thread that {@code unshare(CLONE_NEWNET)}ed. Fails with {@code EEXIST} if the name is
     * taken; leaves nothing behind on failure.
     */
    public static void add(String name) throws ErrnoException {
        String path = pathOf(name);
        prepareRunDir();
        int f;
        try {
            f = Fs.openat(At.AT_FDCWD, path, Open.O_RDONLY | Open.O_CREAT | Open.O_EXCL | Open.O_CLOEXEC, 0);
        } catch (ErrnoException e) {
            throw e.withContext("cannot create namespace file " + path);
        }
        Fs.close(f);
        try {
            NsThread.unshared(Clone.CLONE_NEWNET, () -> {
                Mounts.mount("/proc/thread-self/ns/net", path, "none", Mount.MS_BIND, null);
                return null;
            });
        } catch (Exception e) {
            try {
                Fs.unlinkat(At.AT_FDCWD, path, 0);
            } catch (ErrnoException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw rethrow(e, "cannot create namespace " + name);
        }
    }

    /** Creates the named namespace {@code name} ({@link #add(String)}) and opens a handle to it. */
    public static NetNs create(String name) throws ErrnoException {
        add(name);
        return named(name);
    }

    /**
     * Deletes the named namespace {@code name}, as {@code ip netns del}: detaches the bind mount and
     * removes the file. The namespace itself lives on while anything else holds it.
     */
    public static void delete(String name) throws ErrnoException {
        String path = pathOf(name);
        try {
            Mounts.umount2(path, Mount.MNT_DETACH);
        } catch (MountException e) {
            if (!e.is(Errno.EINVAL) && !e.is(Errno.ENOENT)) {
                throw e.withContext("cannot delete namespace " + name);
            }
        }
        try {
            Fs.unlinkat(At.AT_FDCWD, path, 0);
        } catch (ErrnoException e) {
            throw e.withContext("cannot remove namespace file " + path);
        }
    }

    /** The names under {@code /run/netns}, sorted; empty when the directory does not exist. */
    public static List<String> list() throws ErrnoException {
        int dir;
        try {
            dir = Fs.open(RUN_DIR, Open.O_RDONLY | Open.O_DIRECTORY | Open.O_CLOEXEC);
        } catch (ErrnoException e) {
            if (e.is(Errno.ENOENT)) {
                return List.of();
            }
            throw e;
        }
        try {
            List<String> names = new ArrayList<>();
            for (Fs.Dirent d : Fs.readDirectory(dir)) {
                names.add(d.name());
            }
            names.sort(null);
            return names;
        } finally {
            Fs.close(dir);
        }
    }

    /** Whether the named namespace exists. */
    public static boolean exists(String name) throws ErrnoException {
        return list().contains(name);
    }

    private static String pathOf(String name) {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("invalid namespace name \"" + name + "\"");
        }
        return RUN_DIR + "/" + name;
    }

    /** iproute2's netns_add: make /run/netns a shared mount point, upgrading it to a bind mount once. */
    private static void prepareRunDir() throws ErrnoException {
        try {
            Fs.mkdirat(At.AT_FDCWD, RUN_DIR, 0755);
        } catch (ErrnoException e) {
            if (!e.is(Errno.EEXIST)) {
                throw e.withContext("cannot create " + RUN_DIR);
            }
        }
        boolean madeMount = false;
        while (true) {
            try {
                Mounts.mount("", RUN_DIR, "none", Mount.MS_SHARED | Mount.MS_REC, null);
                return;
            } catch (MountException e) {
                if (!e.is(Errno.EINVAL) || madeMount) {
                    throw e.withContext("cannot make " + RUN_DIR + " shared");
                }
            }
            Mounts.mount(RUN_DIR, RUN_DIR, "none", Mount.MS_BIND | Mount.MS_REC, null);
            madeMount = true;
        }
    }

    // ---- handles ----

    /** The named namespace {@code /run/netns/NAME}. */
    public static NetNs named(String name) throws ErrnoException {
        return path(pathOf(name));
    }

    /** The namespace whose nsfs file (or bind mount of one) is at {@code path}. */
    public static NetNs path(String path) throws ErrnoException {
        return new NetNs(Fs.open(path, Open.O_RDONLY | Open.O_CLOEXEC), path);
    }

    /** The namespace of process {@code pid} ({@code /proc/PID/ns/net}). */
    public static NetNs pid(int pid) throws ErrnoException {
        return path("/proc/" + pid + "/ns/net");
    }

    /** The namespace of {@code fd}, which is duplicated: the caller keeps its own. */
    public static NetNs fd(int fd) throws ErrnoException {
        int dup = Fs.fcntl(fd, dev.berth.syscall.Fcntl.F_DUPFD_CLOEXEC, 0);
        return new NetNs(dup, "fd " + fd);
    }

    /** The calling thread's namespace. */
    public static NetNs current() throws ErrnoException {
        return path("/proc/thread-self/ns/net");
    }

    /**
     * A new namespace with no name: it lives as long as this handle (or anything moved into it), like
     * {@code unshare --net} without a mount. What tests and throw-away sandboxes want.
     */
    public static NetNs createAnonymous() throws ErrnoException {
        try {
            int f = NsThread.unshared(Clone.CLONE_NEWNET,
                    () -> Fs.open("/proc/thread-self/ns/net", Open.O_RDONLY | Open.O_CLOEXEC));
            return new NetNs(f, "anonymous netns");
        } catch (Exception e) {
            throw rethrow(e, "cannot create a network namespace");
        }
    }

    /** The namespace's file descriptor (owned by this handle). */
    public int fd() {
        checkOpen();
        return fd;
    }

    /** This namespace as a target for {@code IFLA_NET_NS_FD}: create a link or a veth peer in it, move a link to it. */
    public NewLink.Netns target() {
        checkOpen();
        return NewLink.Netns.fd(fd);
    }

    /** A path to this namespace that other programs accept ({@code nsenter --net=PATH}, {@code ip netns exec} wants names). */
    public String procPath() {
        checkOpen();
        return "/proc/" + ProcessHandle.current().pid() + "/fd/" + fd;
    }

    /** Runs {@code task} on a new platform thread inside this namespace and returns its result. */
    public <T> T run(NsThread.Task<T> task) throws ErrnoException {
        checkOpen();
        try {
            return NsThread.entered(fd, Clone.CLONE_NEWNET, task);
        } catch (Exception e) {
            throw rethrow(e, "in " + description);
        }
    }

    /** A netlink client whose socket lives in this namespace; usable from any thread. */
    public NetlinkClient open() throws ErrnoException {
        return run(NetlinkClient::open);
    }

    /** Typed operations inside this namespace. */
    public Rtnl rtnl() throws ErrnoException {
        return Rtnl.of(open());
    }

    /** A monitor of events inside this namespace. */
    public Monitor monitor(Set<Monitor.Group> groups) throws ErrnoException {
        NetlinkClient c = open();
        try {
            return Monitor.over(c, groups);
        } catch (ErrnoException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static ErrnoException rethrow(Exception e, String context) {
        if (e instanceof ErrnoException x) {
            return x.withContext(context);
        }
        if (e instanceof RuntimeException r) {
            throw r;
        }
        return new ErrnoException(Errno.EIO, context, e.toString());
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(description + " already closed");
        }
    }

    @Override
    public void close() throws ErrnoException {
        if (!closed) {
            closed = true;
            Fs.close(fd);
        }
    }

    @Override
    public String toString() {
        return "NetNs[" + description + (closed ? ", closed" : ", fd " + fd) + "]";
    }
}
