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
        Create.Created c = Create.create(store, o, dieWithParent, log);
        Containers containers = new Containers(store, log);
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
        } catch (Exception e) {
            c.init().close();
            containers.delete(o.id(), true);
            throw e;
        }
        if (detach) {
            c.init().detach();
            return 0;
        }
        dev.berth.runtime.util.Trace.mark("exec'd");
        ExitStatus status = waitForwarding(c, catcher, timeoutSeconds);
        dev.berth.runtime.util.Trace.mark("payload ended");
        c.init().close();
        if (!keep) {
            containers.delete(o.id(), true);
        }
        return status.shellCode();
    }

    /** Waits for the init, forwarding caught signals to it meanwhile. */
    private static ExitStatus waitForwarding(Create.Created c, SignalCatcher catcher, double timeoutSeconds)
            throws Exception {
        long deadline = timeoutSeconds > 0 ? System.nanoTime() + (long) (timeoutSeconds * 1e9) : Long.MAX_VALUE;
        try (Fd ep = Fd.of(Epolls.create(Epoll.EPOLL_CLOEXEC))) {
            Epolls.ctl(ep.get(), Epoll.EPOLL_CTL_ADD, catcher.fd(), Epoll.EPOLLIN, 1);
            Epolls.ctl(ep.get(), Epoll.EPOLL_CTL_ADD, c.init().pidfd(), Epoll.EPOLLIN, 2);
            while (true) {
                long left = deadline == Long.MAX_VALUE ? -1 : Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
                var events = waitEvents(ep.get(), (int) Math.min(Integer.MAX_VALUE, left));
                if (events.isEmpty() && left == 0) {
                    Signals.pidfdSendSignal(c.init().pidfd(), Signal.SIGKILL);
                    deadline = Long.MAX_VALUE;
                }
                for (var ev : events) {
                    if (ev.data() == 2) {
                        return c.init().waitFor();
                    }
                    int sig = catcher.take();
                    try {
                        Signals.pidfdSendSignal(c.init().pidfd(), sig);
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
                return Epolls.wait(ep, 4, timeoutMillis);
            } catch (ErrnoException e) {
                if (!e.is(Errno.EINTR)) {
                    throw e;
                }
            }
        }
    }
}
