package dev.berth.syscall.spawn;

import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Open;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Starts processes from {@link SpawnPlan}s with the trampoline: {@code clone3} with
 * {@code CLONE_VM|CLONE_CLEAR_SIGHAND|CLONE_PIDFD} (never {@code CLONE_VFORK}: a child waiting for
 * its parent would block the spawning thread), all signals blocked around the call in the calling
 * thread, then the plan's steps in the child.
 *
 * <p>Each spawn gets an {@code O_CLOEXEC} error pipe: the child writes the failed step to it, and its
 * end of file tells the parent the child has exec'd (or died), which is also when the plan's memory,
 * shared with the child, may be freed. Creating the pipe, cloning and closing the parent's copy of the
 * write end happen under one lock, so no other spawn's child can hold that write end and delay the
 * end of file.
 */
public final class Spawner {
    private static final ReentrantLock LOCK = new ReentrantLock();

    private Spawner() {}

    /**
     * Starts a child running {@code plan}. Returns once {@code clone3} has returned; the child may still
     * be running its steps (or waiting on a sync pipe): {@link Spawned#awaitExec()} waits for the outcome.
     *
     * @throws ErrnoException if {@code pipe2} or {@code clone3} fails (e.g. {@code EPERM} for a namespace)
     */
    public static Spawned spawn(SpawnPlan plan) throws ErrnoException {
        NativePlan nativePlan = null;
        int errRead = -1;
        LOCK.lock();
        try {
            int[] errPipe = Fs.pipe2(Open.O_CLOEXEC);
            errRead = errPipe[0];
            try {
                boolean legacy = noClone3 && NativePlan.fitsLegacyClone(plan);
                SpawnPlan run = legacy ? withSignalHandlersReset(plan) : plan;
                nativePlan = NativePlan.write(run, errPipe[1], legacy);
                long pid = Trampoline.spawn(nativePlan.header);
                if (pid == -Errno.ENOSYS && !legacy && NativePlan.fitsLegacyClone(plan)) {
                    // clone3 filtered out (docker's default seccomp profile without CAP_SYS_ADMIN answers
                    // ENOSYS so that libc falls back to clone): do the same, from now on
                    noClone3 = true;
                    release(nativePlan);
                    nativePlan = null;
                    legacy = true;
                    run = withSignalHandlersReset(plan);
                    nativePlan = NativePlan.write(run, errPipe[1], true);
                    pid = Trampoline.spawn(nativePlan.header);
                }
                if (pid < 0) {
                    throw new ErrnoException((int) -pid, legacy ? "clone" : "clone3", "{flags="
                            + dev.berth.syscall.Clone.format(plan.allCloneFlags()) + "}", legacy ? "..." : "88");
                }
                int pidfd;
                if (legacy) {
                    try {
                        // the child is ours and not yet waited for: its pid cannot have been reused
                        pidfd = dev.berth.syscall.Syscalls.pidfdOpen((int) pid, 0);
                    } catch (ErrnoException e) {
                        dev.berth.syscall.Signals.kill((int) pid, dev.berth.syscall.Signal.SIGKILL);
                        dev.berth.syscall.Syscalls.waitid(dev.berth.syscall.Wait.P_PID, (int) pid,
                                dev.berth.syscall.Wait.WEXITED);
                        throw e;
                    }
                } else {
                    pidfd = nativePlan.pidfd.get(java.lang.foreign.ValueLayout.JAVA_INT, 0);
                }
                return new Spawned(run, (int) pid, pidfd, errRead, nativePlan.block);
            } finally {
                closeQuietly(errPipe[1]);
                if (nativePlan != null) {
                    // the child has its own copies (or was never cloned)
                    for (int fd : nativePlan.parentFds) {
                        closeQuietly(fd);
                    }
                }
            }
        } catch (ErrnoException | RuntimeException | Error e) {
            if (errRead >= 0) {
                closeQuietly(errRead);
            }
            if (nativePlan != null) {
                nativePlan.block.free();
            }
            throw e;
        } finally {
            LOCK.unlock();
        }
    }

    /** Set once clone3 answered ENOSYS: later spawns go straight to clone(2). */
    private static volatile boolean noClone3;

    /** Whether spawns go through {@code clone(2)}, clone3 having answered {@code ENOSYS}. */
    public static boolean usesLegacyClone() {
        return noClone3;
    }

    /** Tests: forget that clone3 was missing. */
    static void resetClone3Probe() {
        noClone3 = false;
    }

    private static final int NR_RT_SIGACTION = dev.berth.syscall.Arch.current().syscall("rt_sigaction");

    /**
     * {@code plan} with {@code rt_sigaction(SIG_DFL)} for every signal first, in place of
     * {@code CLONE_CLEAR_SIGHAND}, which {@code clone(2)} lacks: the child shares the JVM's handlers until
     * its exec, and the plan unblocks signals before that.
     */
    static SpawnPlan withSignalHandlersReset(SpawnPlan plan) {
        List<Step> steps = new java.util.ArrayList<>();
        Arg.Bytes dfl = new Arg.Bytes(new byte[32]); // struct kernel_sigaction: SIG_DFL, no flags, empty mask
        for (int sig = 1; sig <= dev.berth.syscall.Signal.NSIG; sig++) {
            if (sig == dev.berth.syscall.Signal.SIGKILL || sig == dev.berth.syscall.Signal.SIGSTOP) {
                continue;
            }
            steps.add(new Step("rt_sigaction", NR_RT_SIGACTION, List.of(Arg.dec(sig), dfl, Arg.dec(0), Arg.dec(8)),
                    Errno.EINVAL, 0, null, null, "no JVM signal handler in the child (clone has no CLONE_CLEAR_SIGHAND)"));
        }
        steps.addAll(plan.steps());
        return new SpawnPlan(plan.cloneFlags(), plan.cgroupFd(), plan.exitSignal(), plan.ownMemory(), steps);
    }

    private static void release(NativePlan p) {
        for (int fd : p.parentFds) {
            closeQuietly(fd);
        }
        p.block.free();
    }

    /** {@link #spawn} then {@link Spawned#awaitExec()}: returns once the payload runs, or throws why it cannot. */
    public static Spawned start(SpawnPlan plan) throws ErrnoException {
        Spawned s = spawn(plan);
        try {
            s.awaitExec();
            return s;
        } catch (ErrnoException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    static void closeQuietly(int fd) {
        try {
            Fs.close(fd);
        } catch (ErrnoException ignored) {
            // already closed: nothing to release
        }
    }
}
