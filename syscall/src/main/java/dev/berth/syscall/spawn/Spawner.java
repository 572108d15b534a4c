package dev.berth.syscall.spawn;

import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Open;
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
                nativePlan = NativePlan.write(plan, errPipe[1]);
                long pid = Trampoline.spawn(nativePlan.header);
                if (pid < 0) {
                    throw new ErrnoException((int) -pid, "clone3", "{flags=" + dev.berth.syscall.Clone.format(
                            plan.allCloneFlags()) + "}", "88");
                }
                int pidfd = nativePlan.pidfd.get(java.lang.foreign.ValueLayout.JAVA_INT, 0);
                return new Spawned(plan, (int) pid, pidfd, errRead, nativePlan.block);
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
