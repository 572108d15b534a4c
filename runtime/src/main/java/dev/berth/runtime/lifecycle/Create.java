package dev.berth.runtime.lifecycle;

import dev.berth.runtime.cgroup.Cgroup;
import dev.berth.runtime.cgroup.CgroupAccess;
import dev.berth.runtime.cgroup.CgroupLayout;
import dev.berth.runtime.config.ConfigException;
import dev.berth.runtime.config.ContainerConfig;
import dev.berth.runtime.config.NamespaceConfig;
import dev.berth.runtime.config.SpecConverter;
import dev.berth.runtime.plan.CgroupMountsProbe;
import dev.berth.runtime.plan.ChildContext;
import dev.berth.runtime.plan.ChildPlanner;
import dev.berth.runtime.plan.HostFacts;
import dev.berth.runtime.state.ContainerState;
import dev.berth.runtime.state.StateStore;
import dev.berth.specs.Hooks;
import dev.berth.specs.Spec;
import dev.berth.specs.SpecException;
import dev.berth.specs.SpecReader;
import dev.berth.specs.State;
import dev.berth.specs.validate.SpecValidator;
import dev.berth.specs.validate.Violation;
import dev.berth.syscall.At;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fd;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Open;
import dev.berth.syscall.Sock;
import dev.berth.syscall.Sockets;
import dev.berth.syscall.Stat;
import dev.berth.syscall.spawn.SpawnPlan;
import dev.berth.syscall.spawn.Spawned;
import dev.berth.syscall.spawn.Spawner;
import dev.berth.syscall.spawn.SyncPipe;
import dev.berth.syscall.struct.SockaddrUn;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code create}: from a bundle to a container whose init is set up and waits on the exec FIFO. The host
 * side in order: state directory, spec read, validated and converted, cgroup, FIFO, console socket, the
 * init spawned from its plan; while it waits, the parent writes its id maps, places it in its cgroups, sets
 * up its network ({@link ContainerNetwork}) and runs the hooks; once it reports "set up", the state is written. Any failure undoes all of it.
 */
public final class Create {
    private Create() {}

    /**
     * A created container: its state, the live init (for {@code run}, which waits on it), and for a
     * container created to run at once with startContainer hooks, the pipe that lets its init exec once
     * the hooks have run (null otherwise).
     */
    /**
     * @param consoleReceiver with {@code process.terminal} and no console socket in a foreground {@code run}:
     *     Berth's end of the socket pair the init sends the pty master to (see {@link ConsoleRelay}); else null
     */
    public record Created(ContainerState state, Spawned init, ContainerConfig config, SyncPipe startGo,
            Fd consoleReceiver) {}

    public static Created create(StateStore store, CreateOptions o, Log log) throws Exception {
        return create(store, o, false, log);
    }

    /** With {@code dieWithParent}, the init gets SIGKILL when the thread that creates it ends ({@code berth sandbox}). */
    public static Created create(StateStore store, CreateOptions o, boolean dieWithParent, Log log) throws Exception {
        return create(store, o, dieWithParent, false, log);
    }

    /**
     * With {@code relayConsole} (a foreground {@code run}), a terminal without a console socket is sent to
     * Berth itself, through a socket pair, and {@link Created#consoleReceiver} returned.
     */
    static Created create(StateStore store, CreateOptions o, boolean dieWithParent, boolean relayConsole, Log log)
            throws Exception {
        int cgroupFd = -1;
        Fd consoleReceiver = null;
        StateStore.checkId(o.id());
        Path dir = store.create(o.id());
        try (Rollback rollback = new Rollback(log); Resources res = new Resources()) {
            rollback.add("removing " + dir, () -> store.remove(o.id()));
            Path bundle = o.bundle().toAbsolutePath().normalize();
            dev.berth.runtime.util.Trace.mark("state dir");
            byte[] configBytes = readConfig(bundle);
            dev.berth.runtime.util.Trace.mark("read config");
            Spec spec = SpecReader.readConfig(configBytes, "config.json");
            List<Violation> violations = SpecValidator.validateForCreate(spec);
            if (!violations.isEmpty()) {
                throw new ConfigException(violations.stream().map(Violation::toString).toList());
            }
            dev.berth.runtime.util.Trace.mark("validated");
            ContainerNetwork.Plan network = ContainerNetwork.plan(spec, bundle);
            spec = ContainerNetwork.withEtcMounts(spec, network, dir);
            ContainerConfig c = SpecConverter.convert(o.id(), bundle, spec);
            c = c.withProcess(c.process().withEnv(HostFacts.withHome(c.process().env(), c.rootfs().toString(),
                    c.process().uid())));
            Files.write(dir.resolve(StateStore.CONFIG), configBytes);
            if (!c.has("mount")) {
                throw new ConfigException("linux.namespaces: a mount namespace is required (Berth sets up the root "
                        + "filesystem in it)");
            }
            if (c.process().terminal() && o.consoleSocket() == null && (o.waitForStart() || !relayConsole)) {
                throw new ConfigException("process.terminal: a terminal needs --console-socket (the pty master is "
                        + "sent there)" + (o.waitForStart() ? "" : ", or a run in the foreground"));
            }

            HostFacts.checkExecutable(c, c.process().args().get(0), c.process().path());
            List<String> executables = HostFacts.candidates(c.process().cwd(), c.process().args().get(0),
                    c.process().path());
            Cgroup cgroup = createCgroup(c, o, log);
            if (cgroup != null) {
                rollback.add("removing the cgroup", cgroup::delete);
                int cgFd = cgroup.openUnifiedDirectory();
                if (cgFd >= 0) {
                    res.add(cgFd);
                }
                cgroupFd = cgFd;
            }
            Path fifo = null;
            if (o.waitForStart()) {
                fifo = dir.resolve(StateStore.FIFO);
                Fs.mknodat(At.AT_FDCWD, fifo.toString(), Stat.S_IFIFO | 0622, 0);
            }
            int consoleFd = -1;
            if (c.process().terminal() && o.consoleSocket() != null) {
                consoleFd = res.add(connect(o.consoleSocket()));
            } else if (c.process().terminal()) {
                int[] pair = Sockets.socketpair(Sock.AF_UNIX, Sock.SOCK_STREAM | Sock.SOCK_CLOEXEC, 0);
                Fd receiver = Fd.of(pair[0]);
                consoleReceiver = receiver;
                rollback.add("closing the console socket", receiver::close);
                consoleFd = res.add(pair[1]);
            }
            Map<String, Integer> joins = new HashMap<>();
            for (NamespaceConfig n : c.namespaces()) {
                if (n.path() != null) {
                    try {
                        joins.put(n.type(), res.add(Fs.open(n.path(), Open.O_RDONLY | Open.O_CLOEXEC)));
                    } catch (ErrnoException e) {
                        throw e.withContext("linux.namespaces: joining " + n.type() + " namespace " + n.path());
                    }
                }
            }
            Hooks hooks = c.hooks();
            boolean prePivotHooks = hooks != null && (!hooks.prestart().isEmpty() || !hooks.createRuntime().isEmpty()
                    || !hooks.createContainer().isEmpty());
            SyncPipe go = res.add(SyncPipe.toChild());
            SyncPipe ready = res.add(SyncPipe.fromChild());
            SyncPipe hooksReady = prePivotHooks ? res.add(SyncPipe.fromChild()) : null;
            SyncPipe hooksGo = prePivotHooks ? res.add(SyncPipe.toChild()) : null;
            SyncPipe startGo = !o.waitForStart() && hooks != null && !hooks.startContainer().isEmpty()
                    ? SyncPipe.toChild() : null;
            if (startGo != null) {
                rollback.add("closing the start pipe", startGo::close);
            }

            int[] seccompSockets = c.seccomp() != null && c.seccomp().newListener()
                    ? Sockets.socketpair(Sock.AF_UNIX, Sock.SOCK_STREAM | Sock.SOCK_CLOEXEC, 0) : null;
            if (seccompSockets != null) {
                res.add(seccompSockets[0]);
                res.add(seccompSockets[1]);
            }
            ChildContext ctx = new ChildContext(number(go), hooksReady == null ? -1 : number(hooksReady),
                    hooksGo == null ? -1 : number(hooksGo), number(ready), fifo == null ? null : fifo.toString(),
                    startGo == null ? -1 : number(startGo), consoleFd, joins, o.preserveFds(), o.noPivot(), HostFacts.capLastCap(),
                    HostFacts.maskedDirs(c), CgroupMountsProbe.probe(cgroupBinds(cgroup)), HostFacts.fileBindSources(c), executables,
                    dieWithParent, !o.noNewKeyring(), IdMaps.setgroupsAllowed(c),
                    seccompSockets == null ? -1 : seccompSockets[1], cgroupFd);
            dev.berth.runtime.util.Trace.mark("host facts");
            SpawnPlan plan = ChildPlanner.plan(c, ctx);
            if (log.debugEnabled()) {
                log.debug("plan of " + o.id() + ":\n" + plan.render());
            }

            dev.berth.runtime.util.Trace.mark("planned");
            Spawned init = Spawner.spawn(plan);
            rollback.add("killing the init", init::close);
            dev.berth.runtime.util.Trace.mark("spawned");
            go.afterSpawn();
            ready.afterSpawn();
            if (hooksReady != null) {
                hooksReady.afterSpawn();
                hooksGo.afterSpawn();
            }
            if (startGo != null) {
                startGo.afterSpawn();
            }
            if (c.newUserNamespace()) {
                IdMaps.write(init.pid(), c);
            }
            if (cgroup != null) {
                cgroup.place(init.pid());
            }
            ContainerNetwork.setUp(network, dir, o.id(), init.pid(), rollback);
            dev.berth.runtime.util.Trace.mark("maps, network");
            go.signal();
            ContainerState state = new ContainerState(o.id(), init.pid(), StateStore.startTime(init.pid()),
                    bundle.toString(), c.rootfs().toString(), Instant.now().truncatedTo(ChronoUnit.NANOS).toString(),
                    StateStore.owner(), c.annotations(), cgroup == null ? List.of() : cgroup.saved().dirs(),
                    cgroup == null ? List.of() : cgroup.saved().created(), !o.waitForStart(), hookPhases(hooks));
            if (prePivotHooks) {
                if (!hooksReady.await()) {
                    init.awaitExec();
                }
                byte[] creating = stateJson(state, State.Status.CREATING);
                HookRunner.run("prestart", hooks.prestart(), creating, 0);
                HookRunner.run("createRuntime", hooks.createRuntime(), creating, 0);
                HookRunner.run("createContainer", hooks.createContainer(), creating, init.pid());
                hooksGo.signal();
            }
            if (!ready.await()) {
                init.awaitExec();
                throw new IllegalStateException("the container's init ended before it was set up");
            }
            dev.berth.runtime.util.Trace.mark("child ready");
            if (seccompSockets != null) {
                forwardListener(seccompSockets[0], c, state);
            }
            store.write(state);
            if (o.pidFile() != null) {
                writePidFile(o.pidFile(), init.pid());
            }
            rollback.commit();
            return new Created(state, init, c, startGo, consoleReceiver);
        } catch (SpecException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /**
     * The container's cgroup with its limits applied: for root always; for a rootless caller only where it
     * can write (a delegated cgroup v2 subtree), failing clearly if the spec asks for limits it cannot apply.
     */
    private static Cgroup createCgroup(ContainerConfig c, CreateOptions o, Log log) throws Exception {
        CgroupLayout layout = CgroupLayout.detect();
        if (dev.berth.syscall.Syscalls.geteuid() != 0) {
            CgroupAccess access = CgroupAccess.check(layout, c.cgroupsPath(), o.id());
            access.requireFor(c.resources());
            if (!access.complete()) {
                return null;
            }
        }
        return Cgroup.create(layout, c.cgroupsPath(), o.id(), c.resources(), log::warn);
    }

    /** The container's cgroup directory per v1 mount (by the mount point's name) and for cgroup2 (""), for binds. */
    private static Map<String, String> cgroupBinds(Cgroup cg) {
        Map<String, String> out = new HashMap<>();
        if (cg == null) {
            return out;
        }
        for (dev.berth.runtime.cgroup.Hierarchy h : cg.layout().hierarchies()) {
            String dir = cg.directories().get(h.label());
            if (dir == null) {
                continue;
            }
            if (h.unified()) {
                out.put("", dir);
            } else {
                out.put(h.mountPoint().substring(h.mountPoint().lastIndexOf('/') + 1), dir);
            }
        }
        return out;
    }

    /** The seccomp listener fd the init sent after installing its filter, passed on to {@code listenerPath}. */
    static void forwardListener(int socket, ContainerConfig c, ContainerState state) throws Exception {
        Sockets.Received got = Sockets.receiveFds(socket, 64, 1);
        if (got.fds().length != 1) {
            throw new ErrnoException(dev.berth.syscall.Errno.EPROTO, "recvmsg", "the seccomp listener fd did not come");
        }
        try (Fd listener = Fd.of(got.fds()[0])) {
            dev.berth.runtime.seccomp.SeccompListener.send(listener.get(), c.seccomp().listenerPath(),
                    new State(Spec.VERSION, state.id(), State.Status.CREATING, state.pid(), state.bundle(),
                            state.annotations()), state.pid(), c.seccomp().listenerMetadata());
        }
    }

    private static List<String> hookPhases(Hooks h) {
        List<String> phases = new ArrayList<>();
        if (h != null) {
            for (String name : Hooks.NAMES) {
                boolean any = switch (name) {
                    case "prestart" -> !h.prestart().isEmpty();
                    case "createRuntime" -> !h.createRuntime().isEmpty();
                    case "createContainer" -> !h.createContainer().isEmpty();
                    case "startContainer" -> !h.startContainer().isEmpty();
                    case "poststart" -> !h.poststart().isEmpty();
                    default -> !h.poststop().isEmpty();
                };
                if (any) {
                    phases.add(name);
                }
            }
        }
        return phases;
    }

    private static int number(SyncPipe p) {
        return ((dev.berth.syscall.spawn.FdRef.Number) p.childEnd()).fd();
    }

    private static byte[] readConfig(Path bundle) throws ConfigException {
        Path file = bundle.resolve(SpecReader.CONFIG_JSON);
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException("cannot read " + file + ": no such file (is --bundle right?)");
        } catch (java.io.IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The OCI state document for hooks. */
    static byte[] stateJson(ContainerState s, State.Status status) {
        return dev.berth.specs.SpecWriter.toBytes(new State(Spec.VERSION, s.id(), status, s.pid(), s.bundle(),
                s.annotations()));
    }

    /** A unix socket connected to {@code path}. */
    static int connect(Path path) throws ErrnoException {
        int fd = Sockets.socket(Sock.AF_UNIX, Sock.SOCK_STREAM | Sock.SOCK_CLOEXEC, 0);
        try (Arena a = Arena.ofConfined()) {
            SockaddrUn addr = new SockaddrUn(path.toString());
            MemorySegment s = addr.allocate(a);
            Sockets.connect(fd, s, addr.length());
            return fd;
        } catch (ErrnoException e) {
            Fs.close(fd);
            throw e.withContext("--console-socket " + path);
        }
    }

    /** The pid file, written atomically as runc does. */
    static void writePidFile(Path file, int pid) throws java.io.IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, Integer.toString(pid));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Fds and pipes a create opens for itself: all closed when it ends, whatever happens. */
    private static final class Resources implements AutoCloseable {
        private final List<AutoCloseable> open = new ArrayList<>();

        int add(int fd) {
            open.add(Fd.of(fd));
            return fd;
        }

        SyncPipe add(SyncPipe p) {
            open.add(p);
            return p;
        }

        @Override
        public void close() {
            for (AutoCloseable c : open) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing our own fds: nothing to report
                }
            }
        }
    }
}
