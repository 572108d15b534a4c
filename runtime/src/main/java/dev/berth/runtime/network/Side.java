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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

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
    private Worker worker;

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
            worker = new Worker(ns.fd(), "berth-netns " + ns);
        }
        return worker.call(task);
    }

    /**
     * Starts {@code task} inside the namespace on the side's thread and returns without waiting for it
     * (for the caller's own namespace it runs here). Tasks run one at a time, in the order given.
     */
    <T> CompletableFuture<T> start(NsThread.Task<T> task) {
        if (ns == null) {
            CompletableFuture<T> f = new CompletableFuture<>();
            try {
                f.complete(task.run());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
            return f;
        }
        if (worker == null) {
            worker = new Worker(ns.fd(), "berth-netns " + ns);
        }
        return worker.start(task);
    }

    /**
     * The side's thread: {@code setns}es into the namespace, then runs what it is handed, one task at a
     * time, until closed. A plain thread and a queue rather than an executor service: this is on every
     * container's path, and the executor's own bookkeeping cost about as much as the thread. If the
     * {@code setns} failed, every task fails with its error (the thread never runs anything elsewhere).
     */
    private static final class Worker {
        /** A task; with {@code last}, the thread ends after it. */
        private record Job(NsThread.Task<?> task, CompletableFuture<Object> result, boolean last) {}

        private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();

        Worker(int nsfd, String name) {
            Thread.ofPlatform().name(name).daemon().start(() -> loop(nsfd));
        }

        private void loop(int nsfd) {
            Exception failure = null;
            try {
                Syscalls.setns(nsfd, Clone.CLONE_NEWNET);
            } catch (Exception e) {
                failure = e; // every task fails with it; this thread never runs anything elsewhere
            }
            while (true) {
                Job job;
                try {
                    job = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                if (failure != null && !job.last()) {
                    job.result().completeExceptionally(failure);
                } else {
                    try {
                        job.result().complete(job.task().run());
                    } catch (Throwable t) {
                        job.result().completeExceptionally(t);
                    }
                }
                if (job.last()) {
                    return;
                }
            }
        }

        @SuppressWarnings("unchecked")
        <T> CompletableFuture<T> start(NsThread.Task<T> task) {
            Job job = new Job(task, new CompletableFuture<>(), false);
            queue.add(job);
            return (CompletableFuture<T>) (CompletableFuture<?>) job.result();
        }

        <T> T call(NsThread.Task<T> task) throws Exception {
            try {
                return start(task).get();
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
         * Ends the thread (a thread that changed namespace is never reused) after it has run {@code last};
         * returns at once, so that closing what the side opened costs the caller nothing.
         */
        void stop(NsThread.Task<?> last) {
            queue.add(new Job(last, new CompletableFuture<>(), true));
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

    @Override
    public void close() {
        Rtnl socket = nl;
        NetNs handle = self;
        NsThread.Task<Void> release = () -> {
            if (socket != null) {
                socket.close();
            }
            if (handle != null) {
                handle.close();
            }
            return null;
        };
        if (worker != null) {
            worker.stop(release);
        } else {
            try {
                release.run();
            } catch (Exception ignored) {
                // closing our own socket and fd: nothing to report
            }
        }
        if (ownsNs && ns != null) {
            try {
                ns.close();
            } catch (ErrnoException ignored) {
                // closing our own fd: nothing to report
            }
        }
    }
}
