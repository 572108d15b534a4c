package dev.berth.runtime.lifecycle;

import dev.berth.runtime.config.ProcessConfig;
import dev.berth.runtime.config.SpecConverter;
import dev.berth.runtime.plan.ChildPlanner;
import dev.berth.runtime.plan.HostFacts;
import dev.berth.runtime.plan.ProcessSteps;
import dev.berth.runtime.state.ContainerState;
import dev.berth.runtime.state.StateException;
import dev.berth.runtime.state.Status;
import dev.berth.specs.Process;
import dev.berth.syscall.At;
import dev.berth.syscall.Clone;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fd;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Ioctl;
import dev.berth.syscall.NsThread;
import dev.berth.syscall.Open;
import dev.berth.syscall.Signal;
import dev.berth.syscall.SignalCatcher;
import dev.berth.syscall.Sockets;
import dev.berth.syscall.spawn.ExitStatus;
import dev.berth.syscall.spawn.FdRef;
import dev.berth.syscall.spawn.PlanBuilder;
import dev.berth.syscall.spawn.Slot;
import dev.berth.syscall.spawn.SpawnPlan;
import dev.berth.syscall.spawn.Spawned;
import dev.berth.syscall.spawn.Spawner;
import dev.berth.syscall.spawn.SyncPipe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code exec}: a new process in a running container. It joins every namespace of the container's init
 * that differs from Berth's own (the pid namespace from the spawning thread, the others in the child),
 * is placed in the container's cgroups while it waits on a sync pipe, and takes the identity its process
 * object gives (as the init's does). In the foreground Berth waits for it and forwards signals; with
 * {@code --detach} it returns once the process runs.
 */
public final class Exec {
    /** {@code setns} order, as runc's nsexec: user first (for the capabilities to join the rest), mount last but cgroup/time. */
    private static final List<String> ORDER = List.of("user", "ipc", "uts", "net", "mnt", "cgroup", "time");
    private static final int[] FORWARDED = {Signal.SIGHUP, Signal.SIGINT, Signal.SIGQUIT, Signal.SIGUSR1, Signal.SIGUSR2,
        Signal.SIGTERM, Signal.SIGWINCH, Signal.SIGCONT, Signal.SIGALRM, Signal.SIGPWR};

    /**
     * @param id the container
     * @param process the process ({@code --process} file, or the container's own with the command line's changes)
     * @param detach {@code --detach}
     * @param pidFile {@code --pid-file}, or null
     * @param consoleSocket {@code --console-socket}, or null
     * @param preserveFds {@code --preserve-fds}
     */
    public record Options(String id, Process process, boolean detach, Path pidFile, Path consoleSocket, int preserveFds) {}

    private Exec() {}

    public static int exec(Containers containers, Options o, Log log) throws Exception {
        ContainerState s = containers.store().read(o.id());
        Status st = containers.status(s);
        if (st == Status.STOPPED) {
            throw new StateException("cannot exec in a stopped container", 1);
        }
        if (st == Status.PAUSED) {
            throw new StateException("cannot exec in a paused container", 1);
        }
        List<String> problems = new ArrayList<>();
        ProcessConfig p = SpecConverter.process(o.process(), problems);
        if (!problems.isEmpty()) {
            throw new dev.berth.runtime.config.ConfigException(problems);
        }
        p = p.withEnv(HostFacts.withHome(p.env(), "/proc/" + s.pid() + "/root", p.uid()));
        if (p.terminal() && o.consoleSocket() == null && o.detach()) {
            throw new dev.berth.runtime.config.ConfigException("process.terminal: a terminal needs --console-socket, "
                    + "or an exec in the foreground");
        }
        String root = "/proc/" + s.pid() + "/root";
        String executable = HostFacts.executable(root, p.cwd(), p.args().get(0), p.path());

        SignalCatcher catcher = null;
        if (!o.detach()) {
            catcher = SignalCatcher.get();
            catcher.catchSignals(FORWARDED);
        }
        List<Fd> open = new ArrayList<>();
        try (SyncPipe go = SyncPipe.toChild()) {
            PlanBuilder b = SpawnPlan.builder();
            // The child shows in the container's pid namespace at once, a clone of this JVM (exe = java) until
            // its exec: out of reach of the container's processes (runc CVE-2019-5736).
            ChildPlanner.notDumpable(b);
            b.readByte(go.childEnd()).label("sync: placed in the container's cgroups");
            boolean userns = false;
            for (String ns : ORDER) {
                String theirs = link("/proc/" + s.pid() + "/ns/" + ns);
                if (theirs == null || theirs.equals(link("/proc/self/ns/" + ns))) {
                    continue;
                }
                Fd f = Fd.of(Fs.open("/proc/" + s.pid() + "/ns/" + ns, Open.O_RDONLY | Open.O_CLOEXEC));
                open.add(f);
                long flag = switch (ns) {
                    case "user" -> Clone.CLONE_NEWUSER;
                    case "ipc" -> Clone.CLONE_NEWIPC;
                    case "uts" -> Clone.CLONE_NEWUTS;
                    case "net" -> Clone.CLONE_NEWNET;
                    case "mnt" -> Clone.CLONE_NEWNS;
                    case "cgroup" -> Clone.CLONE_NEWCGROUP;
                    default -> Clone.CLONE_NEWTIME;
                };
                if (ns.equals("time")) {
                    b.ownMemory();
                }
                b.setns(FdRef.of(f.get()), flag).label("join the container's " + ns + " namespace");
                if (ns.equals("user")) {
                    userns = true;
                    b.setresgid(0, 0, 0).setresuid(0, 0, 0);
                }
            }
            Fd console = null;
            Fd consoleReceiver = null;
            if (p.terminal()) {
                if (o.consoleSocket() != null) {
                    console = Fd.of(Create.connect(o.consoleSocket()));
                } else {
                    // in the foreground without a console socket: the master comes to Berth (ConsoleRelay)
                    int[] pair = dev.berth.syscall.Sockets.socketpair(dev.berth.syscall.Sock.AF_UNIX,
                            dev.berth.syscall.Sock.SOCK_STREAM | dev.berth.syscall.Sock.SOCK_CLOEXEC, 0);
                    consoleReceiver = Fd.of(pair[0]);
                    open.add(consoleReceiver);
                    console = Fd.of(pair[1]);
                }
                open.add(console);
                b.setsid();
                Slot master = b.slot();
                Slot slave = b.slot();
                b.openat(FdRef.CWD, "/dev/ptmx", Open.O_RDWR | Open.O_NOCTTY | Open.O_CLOEXEC, 0).into(master)
                        .label("process.terminal");
                b.ioctlIntPointer(master, Ioctl.TIOCSPTLCK, 0);
                b.ioctl(master, Ioctl.TIOCGPTPEER, Open.O_RDWR | Open.O_NOCTTY).into(slave);
                if (p.consoleHeight() > 0 || p.consoleWidth() > 0) {
                    b.setWindowSize(slave, new dev.berth.syscall.struct.Winsize(p.consoleHeight(), p.consoleWidth()));
                }
                b.sendFd(FdRef.of(console.get()), master, "/dev/ptmx".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                b.close(master);
                for (int i = 0; i < 3; i++) {
                    b.dup3(slave, i, 0);
                }
                b.close(slave);
                b.ioctl(FdRef.of(0), Ioctl.TIOCSCTTY, 0);
            }
            dev.berth.runtime.seccomp.SeccompProgram seccomp = null;
            dev.berth.specs.Spec spec = containers.spec(o.id());
            if (spec.linux() != null && spec.linux().seccomp() != null) {
                seccomp = dev.berth.runtime.seccomp.SeccompCompiler.compile(spec.linux().seccomp(),
                        dev.berth.syscall.Arch.current());
            }
            int[] seccompSockets = seccomp != null && seccomp.newListener()
                    ? dev.berth.syscall.Sockets.socketpair(dev.berth.syscall.Sock.AF_UNIX,
                            dev.berth.syscall.Sock.SOCK_STREAM | dev.berth.syscall.Sock.SOCK_CLOEXEC, 0) : null;
            if (seccompSockets != null) {
                open.add(Fd.of(seccompSockets[0]));
                open.add(Fd.of(seccompSockets[1]));
            }
            ProcessSteps.identity(b, p, HostFacts.capLastCap(), !userns || dev.berth.syscall.Syscalls.geteuid() == 0,
                    seccomp, seccompSockets == null ? -1 : seccompSockets[1]);
            for (int i = 0; i < o.preserveFds(); i++) {
                b.inheritFd(3 + i, 3 + i);
            }
            ChildPlanner.execPath(b, List.of(executable), p.args(), p.env());
            SpawnPlan plan = b.build();
            if (log.debugEnabled()) {
                log.debug("plan of exec in " + o.id() + ":\n" + plan.render());
            }
            boolean ownPidNs = !equalLinks("/proc/" + s.pid() + "/ns/pid", "/proc/self/ns/pid");
            Spawned child = ownPidNs ? NsThread.entered("/proc/" + s.pid() + "/ns/pid", Clone.CLONE_NEWPID,
                    () -> Spawner.spawn(plan)) : Spawner.spawn(plan);
            try {
                go.afterSpawn();
                Freezer.place(s, child.pid());
                go.signal();
                if (seccompSockets != null) {
                    Sockets.Received got = Sockets.receiveFds(seccompSockets[0], 64, 1);
                    try (Fd listener = Fd.of(got.fds()[0])) {
                        dev.berth.runtime.seccomp.SeccompListener.send(listener.get(), seccomp.listenerPath(),
                                new dev.berth.specs.State(dev.berth.specs.Spec.VERSION, s.id(),
                                        dev.berth.specs.State.Status.RUNNING, s.pid(), s.bundle(), s.annotations()),
                                child.pid(), seccomp.listenerMetadata());
                    }
                }
                ExecErrors.awaitExec(child, p.args().get(0), p.args().get(0).contains("/"));
            } catch (Exception e) {
                child.close();
                throw e;
            }
            if (o.pidFile() != null) {
                Create.writePidFile(o.pidFile(), child.pid());
            }
            if (o.detach()) {
                child.close();
                return 0;
            }
            ExitStatus status;
            if (consoleReceiver == null) {
                status = RunCommand.waitForwarding(child, catcher, 0, null);
            } else {
                ConsoleRelay relay;
                try {
                    relay = ConsoleRelay.start(consoleReceiver.get());
                } catch (ErrnoException | RuntimeException e) {
                    child.close();
                    throw e;
                }
                try (relay) {
                    status = RunCommand.waitForwarding(child, catcher, 0, relay);
                }
            }
            child.close();
            return status.shellCode();
        } finally {
            for (Fd f : open) {
                f.close();
            }
        }
    }

    private static String link(String path) {
        try {
            return Fs.readlinkat(At.AT_FDCWD, path);
        } catch (ErrnoException e) {
            return null;
        }
    }

    private static boolean equalLinks(String a, String b) {
        String x = link(a);
        return x != null && x.equals(link(b));
    }
}
