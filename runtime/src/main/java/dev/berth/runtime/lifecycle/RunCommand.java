package dev.berth.runtime.lifecycle;

import dev.berth.runtime.state.StateStore;
import dev.berth.specs.Hooks;
import dev.berth.specs.State;
import dev.berth.syscall.Epoll;
import dev.berth.syscall.Epolls;
import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fd;
import dev.berth.syscall.Signal;
import dev.berth.syscall.SignalCatcher;
import dev.berth.syscall.Signals;
import dev.berth.syscall.spawn.ExitStatus;

/**
 * {@code run}: create and start at once. In the foreground Berth stays the container's parent: it
 * forwards the signals it receives to the container's init, returns its exit code (128+signal if a
 * signal killed it) and deletes the container unless {@code --keep}. With {@code --detach} it returns
 * once the container runs.
 */
public final class RunCommand {
    /** Signals a foreground {@code run} passes on to the container (as runc's signal proxy does). */
    private static final int[] FORWARDED = {Signal.SIGHUP, Signal.SIGINT, Signal.SIGQUIT, Signal.SIGUSR1, Signal.SIGUSR2,
        Signal.SIGTERM, Signal.SIGWINCH, Signal.SIGCONT, Signal.SIGALRM, Signal.SIGPWR};

    private RunCommand() {}

    /**
     * {@code berth sandbox}'s run: foreground, always deleted afterwards, killed when Berth dies and, with a
     * positive {@code timeoutSeconds}, after that long.
     */
    public static int sandbox(StateStore store, CreateOptions o, double timeoutSeconds, Log log) throws Exception {
        return run(store, o, false, false, timeoutSeconds, true, log);
    }

    public static int run(StateStore store, CreateOptions o, boolean detach, boolean keep, Log log) throws Exception {
        return run(store, o, detach, keep, 0, false, log);
    }

    private static int run(StateStore store, CreateOptions o, boolean detach, boolean keep, double timeoutSeconds,
            boolean dieWithParent, Log log) throws Exception {
        SignalCatcher catcher = null;
        if (!detach) {
            catcher = SignalCatcher.get();
            catcher.catchSignals(FORWARDED);
        }
        dev.berth.runtime.util.Trace.mark("signals caught");
        Create.Created c = Create.create(store, o, dieWithParent, !detach, log);
        Containers containers = new Containers(store, log);
        ConsoleRelay console = null;
        try {
            if (c.startGo() != null) {
                try (var go = c.startGo()) {
                    HookRunner.run("startContainer", c.config().hooks().startContainer(),
                            Create.stateJson(c.state(), State.Status.CREATED), c.init().pid());
                    go.signal();
                }
            }
            ExecErrors.awaitExec(c.init(), c.config().process().args().get(0),
                    c.config().process().args().get(0).contains("/"));
            Hooks hooks = c.config().hooks();
            if (hooks != null && !hooks.poststart().isEmpty()) {
                try {
                    HookRunner.run("poststart", hooks.poststart(), Create.stateJson(c.state(), State.Status.RUNNING), 0);
                } catch (HookRunner.HookException e) {
                    log.warn(e.getMessage());
                }
            }
            if (c.consoleReceiver() != null) {
                try (var receiver = c.consoleReceiver()) {
                    console = ConsoleRelay.start(receiver.get());
                }
            }
        } catch (Exception e) {
            if (c.consoleReceiver() != null) {
                c.consoleReceiver().close();
            }
            c.init().close();
            containers.delete(o.id(), true);
            throw e;
        }
        if (detach) {
            c.init().detach();
            return 0;
        }
        dev.berth.runtime.util.Trace.mark("exec'd");
        ExitStatus status;
        if (console == null) {
            status = waitForwarding(c.init(), catcher, timeoutSeconds, null);
        } else {
            try (ConsoleRelay relay = console) {
                status = waitForwarding(c.init(), catcher, timeoutSeconds, relay);
            }
        }
        dev.berth.runtime.util.Trace.mark("payload ended");
        c.init().close();
        if (!keep) {
            containers.delete(o.id(), true);
        }
        return status.shellCode();
    }

    /**
     * Waits for {@code child} (a container's init, or a process exec'd in it), forwarding caught signals to
     * it meanwhile, and with a {@code console} copying between Berth's stdio and the container's terminal
     * (SIGWINCH then resizes that terminal instead of being forwarded).
     */
    static ExitStatus waitForwarding(dev.berth.syscall.spawn.Spawned child, SignalCatcher catcher,
            double timeoutSeconds, ConsoleRelay console) throws Exception {
        long deadline = timeoutSeconds > 0 ? System.nanoTime() + (long) (timeoutSeconds * 1e9) : Long.MAX_VALUE;
        try (Fd ep = Fd.of(Epolls.create(Epoll.EPOLL_CLOEXEC))) {
            Epolls.ctl(ep.get(), Epoll.EPOLL_CTL_ADD, catcher.fd(), Epoll.EPOLLIN, 1);
            Epolls.ctl(ep.get(), Epoll.EPOLL_CTL_ADD, child.pidfd(), Epoll.EPOLLIN, 2);
            if (console != null) {
                console.watch(ep.get(), 3, 4);
            }
            while (true) {
                long left = deadline == Long.MAX_VALUE ? -1 : Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
                var events = waitEvents(ep.get(), (int) Math.min(Integer.MAX_VALUE, left));
                if (events.isEmpty() && left == 0) {
                    Signals.pidfdSendSignal(child.pidfd(), Signal.SIGKILL);
                    deadline = Long.MAX_VALUE;
                }
                for (var ev : events) {
                    if (ev.data() == 2) {
                        return child.waitFor();
                    }
                    if (ev.data() == 3) {
                        console.fromStdin(ep.get());
                        continue;
                    }
                    if (ev.data() == 4) {
                        console.fromMaster(ep.get());
                        continue;
                    }
                    int sig = catcher.take();
                    if (sig == Signal.SIGWINCH && console != null) {
                        console.resized();
                        continue;
                    }
                    try {
                        Signals.pidfdSendSignal(child.pidfd(), sig);
                    } catch (ErrnoException e) {
                        if (!e.is(Errno.ESRCH)) {
                            throw e;
                        }
                    }
                }
            }
        }
    }

    private static java.util.List<dev.berth.syscall.struct.EpollEvent> waitEvents(int ep, int timeoutMillis)
            throws ErrnoException {
        while (true) {
            try {
                return Epolls.wait(ep, 8, timeoutMillis);
            } catch (ErrnoException e) {
                if (!e.is(Errno.EINTR)) {
                    throw e;
                }
            }
        }
    }
}
