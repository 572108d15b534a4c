package dev.berth.runtime.network;

import dev.berth.netlink.client.NetlinkClient;
import dev.berth.netlink.netns.NetNs;
import dev.berth.netlink.ops.NewLink;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.syscall.Clone;
import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fs;
import dev.berth.syscall.NsThread;
import dev.berth.syscall.Syscalls;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One network namespace a setup works in: the host's or the container's. Netlink requests go through a
 * socket opened inside it once (a socket stays in the namespace it was made in, so it is then used from
 * the calling thread); what needs a thread inside the namespace ({@code /proc/sys/net}, whose files are
 * those of the opening thread's namespace) runs on one platform thread of the side's own, which
 * {@code setns}es there when first needed and ends when the side is closed: it is never given back to a
 * pool, so no other work ever runs in a namespace it did not ask for. One thread per side rather than one
 * per visit ({@link NetNs#run}), because starting a thread costs about as much as the netlink work of a
 * whole plugin. The caller's own namespace needs no thread.
 */
final class Side implements AutoCloseable {
    private final NetNs ns;
    private final boolean ownsNs;
    private Rtnl nl;
    private NetNs self;
    private ExecutorService worker;

    private Side(NetNs ns, boolean ownsNs) {
        this.ns = ns;
        this.ownsNs = ownsNs;
    }

    /** The calling thread's namespace. */
    static Side own() {
        return new Side(null, false);
    }

    /** {@code ns}, which this closes when {@code owns}. */
    static Side of(NetNs ns, boolean owns) {
        return new Side(ns, owns);
    }

    /** Whether this is the caller's own namespace. */
    boolean isOwn() {
        return ns == null;
    }

    /** The namespace's handle, or null for the caller's own. */
    NetNs handle() {
        return ns;
    }

    /** Netlink operations inside the namespace (opened on first use). */
    Rtnl nl() throws ErrnoException {
        if (nl == null) {
            if (ns == null) {
                nl = Rtnl.open();
            } else {
                try {
                    nl = Rtnl.of(run(NetlinkClient::open));
                } catch (ErrnoException e) {
                    throw e;
                } catch (Exception e) {
                    throw new ErrnoException(Errno.EIO, "socket", "AF_NETLINK in " + ns, e.toString());
                }
            }
        }
        return nl;
    }

    /** This namespace as {@code IFLA_NET_NS_FD}: where to create a link or move one to. */
    NewLink.Netns target() throws ErrnoException {
        if (ns != null) {
            return ns.target();
        }
        if (self == null) {
            self = NetNs.current();
        }
        return self.target();
    }

    /** An fd of the namespace for a child's {@code setns}, or -1 for the caller's own. */
    int setnsFd() {
        return ns == null ? -1 : ns.fd();
    }

    /** Runs {@code task} inside the namespace (here, for the caller's own). */
    <T> T run(NsThread.Task<T> task) throws Exception {
        if (ns == null) {
            return task.run();
        }
        if (worker == null) {
            ExecutorService w = Executors.newSingleThreadExecutor(
                    r -> Thread.ofPlatform().name("berth-netns " + ns).daemon().unstarted(r));
            int fd = ns.fd();
            try {
                call(w, () -> {
                    Syscalls.setns(fd, Clone.CLONE_NEWNET);
                    return null;
                });
            } catch (Exception e) {
                w.shutdown();
                throw e;
            }
            worker = w;
        }
        return call(worker, task);
    }

    private static <T> T call(ExecutorService w, NsThread.Task<T> task) throws Exception {
        Future<T> f = w.submit(task::run);
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /**
     * Writes {@code /proc/sys/KEY} for each {@code {KEY, VALUE}} pair inside the namespace, in one visit.
     * Failures are returned, not thrown: the reference plugins ignore most of them (a kernel without IPv6
     * has no {@code net/ipv6}), and the caller decides which matter.
     */
    List<String> sysctls(List<String[]> writes) throws Exception {
        if (writes.isEmpty()) {
            return List.of();
        }
        return run(() -> {
            List<String> failed = new ArrayList<>();
            for (String[] kv : writes) {
                try {
                    Fs.writeFile("/proc/sys/" + kv[0], kv[1]);
                } catch (ErrnoException e) {
                    failed.add(kv[0] + ": " + e.errnoName());
                }
            }
            return failed;
        });
    }

    /** Reads {@code /proc/sys/KEY} inside the namespace, trimmed; null when it cannot be read. */
    String sysctl(String key) throws Exception {
        return run(() -> {
            try {
                return Fs.readFile("/proc/sys/" + key).trim();
            } catch (ErrnoException e) {
                return null;
            }
        });
    }

    @Override
    public void close() {
        try {
            if (nl != null) {
                nl.close();
            }
        } catch (ErrnoException ignored) {
            // closing our own socket: nothing to report
        }
        if (worker != null) {
            worker.shutdown(); // its thread ends: a thread that changed namespace is never reused
        }
        try {
            if (self != null) {
                self.close();
            }
            if (ownsNs && ns != null) {
                ns.close();
            }
        } catch (ErrnoException ignored) {
            // closing our own fds: nothing to report
        }
    }
}
