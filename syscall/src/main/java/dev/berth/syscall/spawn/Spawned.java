package dev.berth.syscall.spawn;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Signal;
import dev.berth.syscall.Signals;
import dev.berth.syscall.Syscalls;
import dev.berth.syscall.Wait;
import dev.berth.syscall.struct.Siginfo;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A child started from a plan: its pid and pidfd (immune to pid reuse), the outcome of its steps
 * ({@link #awaitExec()}) and its end ({@link #waitFor()}).
 *
 * <p>The plan's native memory is shared with the child until it execs; it is freed when
 * {@link #awaitExec()} has seen the exec (or the child's end). {@link #close()} of a child that has not
 * got that far kills it first. Methods are thread-safe.
 */
public final class Spawned implements AutoCloseable {
    private final SpawnPlan plan;
    private final int pid;
    private int pidfd;
    private int errRead;
    private NativeBlock block;
    private ErrnoException failure;
    private boolean execed;
    private ExitStatus status;

    Spawned(SpawnPlan plan, int pid, int pidfd, int errRead, NativeBlock block) {
        this.plan = plan;
        this.pid = pid;
        this.pidfd = pidfd;
        this.errRead = errRead;
        this.block = block;
    }

    /** The child's pid (in the caller's pid namespace). */
    public int pid() {
        return pid;
    }

    /** A pidfd for the child ({@code O_CLOEXEC}), owned by this handle until {@link #close()}. */
    public int pidfd() {
        return pidfd;
    }

    /** The plan it runs. */
    public SpawnPlan plan() {
        return plan;
    }

    /**
     * Waits until the child has exec'd its payload, or ran out of steps and exited 0. If a step failed,
     * reaps the child and throws {@link SpawnStepException} naming the step and its errno (every later
     * call throws the same).
     */
    public synchronized void awaitExec() throws ErrnoException {
        if (failure != null) {
            throw failure;
        }
        if (execed || errRead < 0) {
            return;
        }
        long[] record = readRecord();
        Spawner.closeQuietly(errRead);
        errRead = -1;
        block.free();
        block = null;
        if (record == null) {
            execed = true;
            return;
        }
        int index = (int) record[0];
        Step step = index >= 0 && index < plan.steps().size() ? plan.steps().get(index)
                : new Step("?", 0, java.util.List.of(), 0, 0, null, null, "corrupt error record");
        failure = new SpawnStepException(step, index, plan.steps().size(), record[1]);
        reap();
        throw failure;
    }

    /** Reads the 16-byte {step, result} record, or null at end of file (exec happened or the child died). */
    private long[] readRecord() throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(16, 8);
            int got = 0;
            while (got < 16) {
                int n;
                try {
                    n = Fs.read(errRead, buf.asSlice(got));
                } catch (ErrnoException e) {
                    if (e.is(Errno.EINTR)) {
                        continue;
                    }
                    throw e;
                }
                if (n == 0) {
                    break;
                }
                got += n;
            }
            if (got == 0) {
                return null;
            }
            if (got < 16) {
                throw new ErrnoException(Errno.EIO, "read", Integer.toString(errRead), "spawn error record",
                        "16 (short read: " + got + ")");
            }
            return new long[] {buf.get(JAVA_LONG, 0), buf.get(JAVA_LONG, 8)};
        }
    }

    /** Waits for the child to end and reaps it (through the pidfd). */
    public synchronized ExitStatus waitFor() throws ErrnoException {
        if (status == null) {
            reap();
        }
        if (block != null) {
            // It has ended, so it no longer uses the plan's memory (exec or death released it).
            awaitExec();
        }
        return status;
    }

    /** Whether the child has ended, without blocking; reaps it if so. */
    public synchronized boolean hasEnded() throws ErrnoException {
        if (status != null) {
            return true;
        }
        Siginfo info = Syscalls.waitid(Wait.P_PIDFD, pidfd, Wait.WEXITED | Wait.WNOHANG);
        if (info == null) {
            return false;
        }
        status = ExitStatus.of(info);
        return true;
    }

    private void reap() throws ErrnoException {
        while (true) {
            try {
                status = ExitStatus.of(Syscalls.waitid(Wait.P_PIDFD, pidfd, Wait.WEXITED));
                return;
            } catch (ErrnoException e) {
                if (!e.is(Errno.EINTR)) {
                    throw e;
                }
            }
        }
    }

    /** Sends {@code signal} through the pidfd; false if the child has already been reaped. */
    public synchronized boolean kill(int signal) throws ErrnoException {
        if (status != null) {
            return false;
        }
        try {
            Signals.pidfdSendSignal(pidfd, signal);
            return true;
        } catch (ErrnoException e) {
            if (e.is(Errno.ESRCH)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Releases the handle. A child that has not exec'd yet is killed and reaped first (its memory is the
     * plan's); a running payload is left alone, but its pidfd is closed.
     */
    @Override
    public synchronized void close() throws ErrnoException {
        try {
            if (block != null && failure == null) {
                kill(Signal.SIGKILL);
                if (status == null) {
                    reap();
                }
                awaitExec();
            }
        } finally {
            if (errRead >= 0) {
                Spawner.closeQuietly(errRead);
                errRead = -1;
            }
            if (pidfd >= 0) {
                Spawner.closeQuietly(pidfd);
                pidfd = -1;
            }
        }
    }

    /**
     * Lets the child go on without this handle: closes the pidfd and the error pipe's read end, and does
     * not kill it. For a child that waits before exec (an OCI {@code create}) in a process that exits
     * next: the plan's memory stays with the child (it shares this process's memory until it execs), and
     * a step that fails later is no longer reported here. A long-lived JVM should use {@link #awaitExec()}
     * instead, or the plan's native memory leaks.
     */
    public synchronized void detach() {
        if (errRead >= 0) {
            Spawner.closeQuietly(errRead);
            errRead = -1;
        }
        block = null;
        if (pidfd >= 0) {
            Spawner.closeQuietly(pidfd);
            pidfd = -1;
        }
    }

    @Override
    public String toString() {
        return "pid " + pid + (status != null ? " (" + status + ")" : execed ? " (running)" : "");
    }
}
