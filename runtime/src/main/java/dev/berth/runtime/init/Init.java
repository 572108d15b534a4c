package dev.berth.runtime.init;

import dev.berth.syscall.Epoll;
import dev.berth.syscall.Epolls;
import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fd;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Ioctl;
import dev.berth.syscall.Prctl;
import dev.berth.syscall.Signal;
import dev.berth.syscall.SignalCatcher;
import dev.berth.syscall.Signals;
import dev.berth.syscall.Syscalls;
import dev.berth.syscall.Terminals;
import dev.berth.syscall.Wait;
import dev.berth.syscall.spawn.ExitStatus;
import dev.berth.syscall.spawn.FdRef;
import dev.berth.syscall.spawn.PlanBuilder;
import dev.berth.syscall.spawn.SpawnPlan;
import dev.berth.syscall.spawn.SpawnStepException;
import dev.berth.syscall.spawn.Spawned;
import dev.berth.syscall.spawn.Spawner;
import dev.berth.syscall.spawn.SyncPipe;
import dev.berth.syscall.struct.Siginfo;
import java.io.PrintStream;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The init loop: starts the payload, then on one thread reads caught signals from the
 * {@link SignalCatcher}'s pipe (with a timeout for the next timer) and reaps, forwards, delays,
 * rewrites and escalates. One thread, one loop, like tini's {@code sigtimedwait} loop: every decision
 * happens in order, and a signal that comes before the payload exists waits in the pipe.
 */
public final class Init {
    /** Signals forwarded to the payload: every catchable one but those listed in {@link #NOT_FORWARDED}. */
    static final int[] FORWARDED;
    /**
     * Caught but not forwarded: SIGCHLD (reaping), SIGTTIN/SIGTTOU (an init must not stop on terminal
     * access), SIGPIPE (a write of our own to a closed pipe raises it in this process).
     */
    static final int[] NOT_FORWARDED = {Signal.SIGCHLD, Signal.SIGTTIN, Signal.SIGTTOU, Signal.SIGPIPE};
    /**
     * Never touched: the synchronous signals the JVM relies on or that report a fault of the receiver
     * itself (SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGSYS; tini leaves them alone too),
     * SIGKILL and SIGSTOP (uncatchable), and 32/33 which glibc keeps for itself.
     */
    static final int[] UNTOUCHED = {Signal.SIGILL, Signal.SIGTRAP, Signal.SIGABRT, Signal.SIGBUS, Signal.SIGFPE,
            Signal.SIGSEGV, Signal.SIGSYS, Signal.SIGKILL, Signal.SIGSTOP, 32, 33};

    static {
        java.util.BitSet skip = new java.util.BitSet();
        for (int s : NOT_FORWARDED) {
            skip.set(s);
        }
        for (int s : UNTOUCHED) {
            skip.set(s);
        }
        FORWARDED = java.util.stream.IntStream.rangeClosed(1, Signal.NSIG).filter(s -> !skip.get(s)).toArray();
    }

    private record Timer(long at, int signal) implements Comparable<Timer> {
        static final int GRACE = -1;

        @Override
        public int compareTo(Timer o) {
            return Long.compare(at, o.at);
        }
    }

    private final InitOptions options;
    private final PrintStream log;
    private final boolean pid1 = Syscalls.getpid() == 1;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private int payload;
    private ExitStatus status;
    private boolean noChildren;
    private boolean graceStarted;

    public Init(InitOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    private void say(String message) {
        if (options.verbose()) {
            log.println("berth init: " + message);
        }
    }

    /** Catches every signal an init forwards or must not be stopped or killed by. Idempotent. */
    static void catchAll() throws ErrnoException {
        SignalCatcher catcher = SignalCatcher.get();
        catcher.catchSignals(FORWARDED);
        catcher.catchSignals(NOT_FORWARDED);
    }

    /** Runs the payload to its end (and with {@code --drain}, every other process too); returns the exit code. */
    public int run(List<String> argv, List<String> env) throws ErrnoException {
        if (!pid1 && options.subreaper()) {
            Syscalls.prctl(Prctl.PR_SET_CHILD_SUBREAPER, 1);
        }
        catchAll();
        SignalCatcher catcher = SignalCatcher.get();
        holdForTests();
        String path = Launch.resolve(argv.get(0), env);
        if (path == null) {
            log.println("berth init: " + argv.get(0) + ": command not found");
            return 127;
        }
        try {
            payload = start(path, argv, env);
        } catch (SpawnStepException e) {
            log.println("berth init: cannot run " + argv.get(0) + ": " + e.getMessage());
            return e.is(Errno.ENOENT) ? 127 : 126;
        }
        say("started " + argv + " as pid " + payload);
        loop(catcher);
        int code = status.shellCode();
        say(argv.get(0) + " ended: " + status + (options.successCodes().contains(code) ? ", reported as 0" : ""));
        return options.successCodes().contains(code) ? 0 : code;
    }

    /**
     * {@code BERTH_INIT_START_DELAY_MS}: waits this long before starting the payload, so that tests can
     * send signals that arrive before the payload exists (they must be delivered once it does).
     */
    private static void holdForTests() {
        String ms = System.getenv("BERTH_INIT_START_DELAY_MS");
        if (ms != null) {
            try {
                Thread.sleep(Long.parseLong(ms));
            } catch (InterruptedException | NumberFormatException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Spawns the payload in its own process group (or session), in the foreground of the terminal. */
    private int start(String path, List<String> argv, List<String> env) throws ErrnoException {
        boolean tty = Terminals.isatty(0);
        PlanBuilder plan = SpawnPlan.builder();
        try (SyncPipe go = SyncPipe.toChild()) {
            if (options.setsid()) {
                plan.setsid();
                if (tty) {
                    plan.ioctl(FdRef.of(0), Ioctl.TIOCSCTTY, 0).tolerate(Errno.EPERM).label("stdin as controlling tty");
                }
            } else {
                plan.syscall("setpgid", 0, 0).label("own process group");
                if (tty) {
                    plan.readByte(go.childEnd()).label("sync: wait to be the terminal's foreground");
                }
            }
            plan.execve(path, argv, env);
            try (Spawned child = Spawner.spawn(plan.build())) {
                go.afterSpawn();
                if (tty && !options.setsid()) {
                    foreground(child.pid());
                    go.signal();
                }
                child.awaitExec();
                return child.pid();
            }
        }
    }

    /** Makes {@code pgrp} the terminal's foreground group, with SIGTTOU ignored meanwhile (tcsetpgrp from the background). */
    private void foreground(int pgrp) throws ErrnoException {
        Signals.sigaction(Signal.SIGTTOU, Signal.SIG_IGN, 0, 0, 0);
        try {
            Terminals.setForegroundGroup(0, pgrp);
        } catch (ErrnoException e) {
            say("cannot give the terminal to the payload: " + e.getMessage());
        } finally {
            SignalCatcher.get().catchSignals(Signal.SIGTTOU);
        }
    }

    private boolean done() {
        return status != null && (!options.drain() || noChildren);
    }

    private void loop(SignalCatcher catcher) throws ErrnoException {
        try (Fd ep = Fd.of(Epolls.create(Epoll.EPOLL_CLOEXEC))) {
            Epolls.ctl(ep.get(), Epoll.EPOLL_CTL_ADD, catcher.fd(), Epoll.EPOLLIN, 0);
            reap();
            while (!done()) {
                long now = System.nanoTime();
                while (!timers.isEmpty() && timers.peek().at() <= now) {
                    fire(timers.poll());
                }
                if (done()) {
                    break;
                }
                int timeout = timers.isEmpty() ? -1
                        : (int) Math.max(1, Math.min(Integer.MAX_VALUE, (timers.peek().at() - now + 999_999) / 1_000_000));
                List<dev.berth.syscall.struct.EpollEvent> ready;
                try {
                    ready = Epolls.wait(ep.get(), 1, timeout);
                } catch (ErrnoException e) {
                    if (e.is(Errno.EINTR)) {
                        continue;
                    }
                    throw e;
                }
                if (!ready.isEmpty()) {
                    handle(catcher.take());
                }
            }
        }
    }

    private void handle(int sig) throws ErrnoException {
        switch (sig) {
            case Signal.SIGCHLD -> reap();
            case Signal.SIGTTIN, Signal.SIGTTOU, Signal.SIGPIPE -> say("ignored " + Signal.name(sig));
            default -> {
                if (sig == Signal.SIGTERM && options.graceSeconds() >= 0 && !graceStarted) {
                    graceStarted = true;
                    timers.add(new Timer(System.nanoTime() + (long) (options.graceSeconds() * 1e9), Timer.GRACE));
                }
                Double delay = options.delays().get(sig);
                if (delay != null && delay > 0) {
                    say("holding " + Signal.name(sig) + " for " + delay + " s");
                    timers.add(new Timer(System.nanoTime() + (long) (delay * 1e9), sig));
                } else {
                    forward(sig);
                }
            }
        }
    }

    private void fire(Timer t) throws ErrnoException {
        if (t.signal() == Timer.GRACE) {
            say("grace period over: SIGKILL to everything left");
            killEverything(Signal.SIGKILL);
        } else {
            forward(t.signal());
        }
    }

    /** Sends {@code sig} (rewritten if asked) to the payload, its group, or after it ended to what is left. */
    private void forward(int sig) throws ErrnoException {
        int out = options.rewrites().getOrDefault(sig, sig);
        if (out == 0) {
            say("dropped " + Signal.name(sig));
            return;
        }
        if (status != null) {
            if (pid1) {
                say("forwarding " + Signal.name(out) + " to every process left");
                send(-1, out);
            }
            return;
        }
        int target = options.processGroup() ? -payload : payload;
        say("forwarding " + Signal.name(sig) + (out != sig ? " as " + Signal.name(out) : "") + " to "
                + (target < 0 ? "process group " + -target : "pid " + target));
        send(target, out);
    }

    private void killEverything(int sig) throws ErrnoException {
        if (pid1) {
            send(-1, sig);
        } else if (status == null) {
            send(-payload, sig);
            send(payload, sig);
        }
    }

    private static void send(int target, int sig) throws ErrnoException {
        try {
            Signals.kill(target, sig);
        } catch (ErrnoException e) {
            if (!e.is(Errno.ESRCH)) {
                throw e;
            }
        }
    }

    /** Reaps every child that has ended: the payload (its status is kept) and any orphan. */
    private void reap() throws ErrnoException {
        while (true) {
            Siginfo info;
            try {
                info = Syscalls.waitid(Wait.P_ALL, 0, Wait.WEXITED | Wait.WNOHANG);
            } catch (ErrnoException e) {
                if (e.is(Errno.ECHILD)) {
                    noChildren = true;
                    return;
                }
                if (e.is(Errno.EINTR)) {
                    continue;
                }
                throw e;
            }
            if (info == null) {
                return;
            }
            if (info.pid() == payload) {
                status = ExitStatus.of(info);
            } else {
                say("reaped pid " + info.pid() + " (" + ExitStatus.of(info) + ")");
            }
        }
    }
}
