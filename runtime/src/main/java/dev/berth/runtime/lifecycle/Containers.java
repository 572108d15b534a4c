package dev.berth.runtime.lifecycle;

import dev.berth.runtime.state.ContainerState;
import dev.berth.runtime.state.StateException;
import dev.berth.runtime.state.StateStore;
import dev.berth.runtime.state.Status;
import dev.berth.runtime.util.Trace;
import dev.berth.specs.Hooks;
import dev.berth.specs.Spec;
import dev.berth.specs.SpecReader;
import dev.berth.specs.State;
import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fd;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Open;
import dev.berth.syscall.Signal;
import dev.berth.syscall.Signals;
import dev.berth.syscall.Syscalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The lifecycle operations on an existing container: {@code start}, {@code kill}, {@code delete},
 * {@code state}. Each reads the state, derives the status from the live process, and refuses with
 * runc's message when the container is in the wrong state.
 */
public final class Containers {
    private final StateStore store;
    private final Log log;

    public Containers(StateStore store, Log log) {
        this.store = store;
        this.log = log;
    }

    public StateStore store() {
        return store;
    }

    /** The status of {@code s} now. */
    public Status status(ContainerState s) {
        return store.status(s, Freezer.frozen(s));
    }

    /** The OCI state document of {@code id}, as {@code berth state} prints it (with runc's extra fields). */
    public String state(String id) throws Exception {
        ContainerState s = store.read(id);
        Status st = status(s);
        int pid = st == Status.STOPPED ? 0 : s.pid();
        StringBuilder sb = new StringBuilder();
        sb.append("{\n  \"ociVersion\": ").append(Log.quote(Spec.VERSION)).append(",\n  \"id\": ").append(Log.quote(s.id()))
                .append(",\n  \"pid\": ").append(pid).append(",\n  \"status\": ").append(Log.quote(st.json()))
                .append(",\n  \"bundle\": ").append(Log.quote(s.bundle())).append(",\n  \"rootfs\": ")
                .append(Log.quote(s.rootfs())).append(",\n  \"created\": ").append(Log.quote(s.created()))
                .append(",\n  \"owner\": ").append(Log.quote(s.owner()));
        if (!s.annotations().isEmpty()) {
            sb.append(",\n  \"annotations\": {");
            boolean first = true;
            for (var e : s.annotations().entrySet()) {
                sb.append(first ? "\n" : ",\n").append("    ").append(Log.quote(e.getKey())).append(": ")
                        .append(Log.quote(e.getValue()));
                first = false;
            }
            sb.append("\n  }");
        }
        return sb.append("\n}\n").toString();
    }

    /** The spec the container was created from (its snapshot in the state directory). */
    public Spec spec(String id) throws Exception {
        return SpecReader.readConfig(store.dir(id).resolve(StateStore.CONFIG), "config.json");
    }

    /** {@code start}: runs the startContainer hooks, releases the init through the exec FIFO, then poststart hooks. */
    public void start(String id) throws Exception {
        try (StateStore.Lock lock = store.lock(id)) {
            ContainerState s = store.read(id);
            Status st = status(s);
            switch (st) {
                case CREATED -> {
                    // the one state start accepts
                }
                case STOPPED -> throw new StateException("cannot start a container that has stopped", 1);
                case RUNNING, PAUSED -> throw new StateException("cannot start an already running container", 1);
                default -> throw new StateException("cannot start a container in the " + st + " state", 1);
            }
            Hooks hooks = s.hasHooks("startContainer") || s.hasHooks("poststart") ? spec(id).hooks() : null;
            if (hooks != null && !hooks.startContainer().isEmpty()) {
                HookRunner.run("startContainer", hooks.startContainer(), Create.stateJson(s, State.Status.CREATED),
                        s.pid());
            }
            Path fifo = store.dir(id).resolve(StateStore.FIFO);
            try (Fd f = Fd.of(Fs.open(fifo.toString(), Open.O_WRONLY | Open.O_NONBLOCK | Open.O_CLOEXEC))) {
                Fs.writeAll(f.get(), new byte[] {'0'});
            } catch (ErrnoException e) {
                if (e.is(Errno.ENXIO) || e.is(Errno.ENOENT)) {
                    throw new StateException("cannot start a container that has stopped", 1);
                }
                throw e;
            }
            Files.deleteIfExists(fifo);
            ContainerState started = s.withStarted();
            store.write(started);
            if (hooks != null && !hooks.poststart().isEmpty()) {
                try {
                    HookRunner.run("poststart", hooks.poststart(), Create.stateJson(started, State.Status.RUNNING), 0);
                } catch (HookRunner.HookException e) {
                    log.warn(e.getMessage());
                }
            }
        }
    }

    /** {@code kill}: sends {@code signal} to the init, or with {@code all} to every process of the container. */
    public void kill(String id, int signal, boolean all) throws Exception {
        ContainerState s = store.read(id);
        Status st = status(s);
        if (st == Status.STOPPED || st == Status.CREATING) {
            throw new StateException("container not running", 1);
        }
        if (all) {
            Freezer.killAll(s, signal);
            return;
        }
        signal(s, signal);
    }

    /** Signals the init through a pidfd, after checking its start time (no pid reuse). */
    static void signal(ContainerState s, int signal) throws Exception {
        int pidfd;
        try {
            pidfd = Syscalls.pidfdOpen(s.pid(), 0);
        } catch (ErrnoException e) {
            if (e.is(Errno.ESRCH)) {
                throw new StateException("container not running", 1);
            }
            throw e;
        }
        try (Fd f = Fd.of(pidfd)) {
            if (StateStore.startTime(s.pid()) != s.pidStartTime()) {
                throw new StateException("container not running", 1);
            }
            Signals.pidfdSendSignal(f.get(), signal);
        }
    }

    /**
     * {@code delete}: a stopped or created container is removed; a running or paused one only with
     * {@code force}, which kills it first. Runs the poststop hooks, removes the cgroup and the state.
     */
    public void delete(String id, boolean force) throws Exception {
        StateStore.checkId(id);
        if (!store.exists(id)) {
            if (force) {
                return; // runc: --force on a container that is not there is not an error
            }
            throw StateStore.notFound(id);
        }
        try (StateStore.Lock lock = store.lock(id)) {
            ContainerState s;
            try {
                s = store.read(id);
            } catch (StateException e) {
                // a create that died half-way: its directory (and perhaps a network) is all there is
                tearDownNetwork(id);
                store.remove(id);
                return;
            }
            Status st = status(s);
            if ((st == Status.RUNNING || st == Status.PAUSED) && !force) {
                throw new StateException("cannot delete container " + id + " that is not stopped: " + st.json(), 1);
            }
            if (st != Status.STOPPED) {
                if (st == Status.PAUSED) {
                    Freezer.thaw(s);
                }
                killAndWait(s);
            }
            Hooks hooks = null;
            if (s.hasHooks("poststop")) {
                try {
                    hooks = spec(id).hooks();
                } catch (Exception e) {
                    log.warn("reading the hooks of " + id + ": " + e.getMessage());
                }
            }
            if (hooks != null && !hooks.poststop().isEmpty()) {
                try {
                    HookRunner.run("poststop", hooks.poststop(), Create.stateJson(s, State.Status.STOPPED), 0);
                } catch (HookRunner.HookException e) {
                    log.warn(e.getMessage());
                }
            }
            tearDownNetwork(id);
            Trace.mark("delete: stopped, network down");
            Freezer.destroy(s);
            Trace.mark("delete: cgroup removed");
            store.remove(id);
        }
    }

    /**
     * CNI DEL, devices moved back, namespace unpinned. A failure is reported and the delete goes on: the
     * plugins' DEL is idempotent, and a container that can never be deleted helps nobody.
     */
    private void tearDownNetwork(String id) {
        try {
            ContainerNetwork.tearDown(store.dir(id), id);
        } catch (Exception e) {
            log.warn("tearing down the network of " + id + ": " + e.getMessage());
        }
    }

    /** SIGKILL to the init (and so to its pid namespace), then waits until it is gone. */
    static void killAndWait(ContainerState s) throws Exception {
        int pidfd;
        try {
            pidfd = Syscalls.pidfdOpen(s.pid(), 0);
        } catch (ErrnoException e) {
            if (e.is(Errno.ESRCH)) {
                return;
            }
            throw e;
        }
        try (Fd f = Fd.of(pidfd)) {
            if (StateStore.startTime(s.pid()) != s.pidStartTime()) {
                return;
            }
            Freezer.killAll(s, Signal.SIGKILL);
            try {
                Signals.pidfdSendSignal(f.get(), Signal.SIGKILL);
            } catch (ErrnoException e) {
                // the cgroup-wide kill got it first, and its parent (a subreaper, PID 1) has reaped it
                if (!e.is(Errno.ESRCH)) {
                    throw e;
                }
            }
            waitGone(f.get(), s);
        }
    }

    /** Waits (polling the pidfd) until the process has exited; its reaper is whoever its parent is. */
    static void waitGone(int pidfd, ContainerState s) throws Exception {
        for (int i = 0; i < 10_000; i++) {
            if (!StateStore.alive(s)) {
                return;
            }
            Thread.sleep(1);
        }
        throw new StateException("container " + s.id() + " did not stop after SIGKILL", 1);
    }

    private dev.berth.runtime.cgroup.Cgroup cgroupOf(ContainerState s, String verb) throws Exception {
        dev.berth.runtime.cgroup.Cgroup cg = Freezer.load(s);
        if (cg == null) {
            throw new StateException("container " + s.id() + " has no cgroup (created without one, rootless): cannot "
                    + verb, 1);
        }
        return cg;
    }

    /** {@code pause}: freezes every process of a running container (freezer on v1, cgroup.freeze on v2). */
    public void pause(String id) throws Exception {
        try (StateStore.Lock lock = store.lock(id)) {
            ContainerState s = store.read(id);
            Status st = status(s);
            if (st != Status.RUNNING && st != Status.CREATED) {
                throw new StateException("container not running or created: " + st.json(), 1);
            }
            cgroupOf(s, "pause").freeze(Freezer.TIMEOUT);
        }
    }

    /** {@code resume}: thaws a paused container. */
    public void resume(String id) throws Exception {
        try (StateStore.Lock lock = store.lock(id)) {
            ContainerState s = store.read(id);
            if (status(s) != Status.PAUSED) {
                throw new StateException("container not paused", 1);
            }
            cgroupOf(s, "resume").thaw(Freezer.TIMEOUT);
        }
    }

    /** The pids of every process in the container (its cgroup), for {@code ps}. */
    public List<Integer> pids(String id) throws Exception {
        ContainerState s = store.read(id);
        if (status(s) == Status.STOPPED) {
            return List.of();
        }
        dev.berth.runtime.cgroup.Cgroup cg = Freezer.load(s);
        return cg == null ? List.of(s.pid()) : cg.pids();
    }

    /** {@code update}: new limits for a container's cgroup; absent or zero values are left as they are. */
    public List<String> update(String id, dev.berth.specs.Resources resources) throws Exception {
        try (StateStore.Lock lock = store.lock(id)) {
            ContainerState s = store.read(id);
            if (status(s) == Status.STOPPED) {
                throw new StateException("container not running", 1);
            }
            return cgroupOf(s, "update").update(resources);
        }
    }

    /** One {@code events --stats} line of a container: runc's JSON. */
    public String statsEvent(String id) throws Exception {
        ContainerState s = store.read(id);
        if (status(s) == Status.STOPPED) {
            throw new StateException("container " + id + " is not running", 1);
        }
        return dev.berth.runtime.cgroup.StatsJson.event(id, cgroupOf(s, "report stats").stats());
    }

    /** The container's cgroup's OOM kill count so far (0 without a cgroup). */
    public long oomKills(String id) throws Exception {
        dev.berth.runtime.cgroup.Cgroup cg = Freezer.load(store.read(id));
        return cg == null ? 0 : cg.oomKills();
    }

    /** Every container's state and status, for {@code list}. */
    public List<ContainerState> list() throws Exception {
        return store.list();
    }
}
