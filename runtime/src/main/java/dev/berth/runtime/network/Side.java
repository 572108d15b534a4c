package dev.berth.runtime.network;

import dev.berth.netlink.netns.NetNs;
import dev.berth.netlink.ops.NewLink;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fs;
import dev.berth.syscall.NsThread;
import java.util.ArrayList;
import java.util.List;

/**
 * One network namespace a setup works in: the host's or the container's. Netlink requests go through a
 * socket opened inside it once (a socket stays in the namespace it was made in, so it is then used from
 * the calling thread); what needs a thread inside the namespace ({@code /proc/sys/net}, whose files are
 * those of the opening thread's namespace) runs on a short-lived thread that {@code setns}es there
 * ({@link NetNs#run}). The caller's own namespace needs neither.
 */
final class Side implements AutoCloseable {
    private final NetNs ns;
    private final boolean ownsNs;
    private Rtnl nl;
    private NetNs self;

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
            nl = ns == null ? Rtnl.open() : ns.rtnl();
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
        return NsThread.entered(ns.fd(), dev.berth.syscall.Clone.CLONE_NEWNET, task);
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
