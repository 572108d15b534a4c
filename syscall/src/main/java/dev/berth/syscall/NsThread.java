package dev.berth.syscall;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Runs work in other namespaces on a dedicated platform thread, so the rest of the JVM never changes
 * namespace. The thread enters the namespaces first ({@code unshare(2)} or {@code setns(2)}), runs the
 * task, and then ends: a thread that changed namespace is never given back to any pool, which is how
 * the new namespaces are dropped (or the old ones left) when the work is done.
 *
 * <p>A new mount namespace is made private recursively before the task runs, so nothing it mounts
 * propagates to the host. Inside a thread, {@code /proc/thread-self} (not {@code /proc/self}, which
 * is the main thread) shows this thread's view.
 */
public final class NsThread {
    /** Work that may throw. */
    @FunctionalInterface
    public interface Task<T> {
        T run() throws Exception;
    }

    private NsThread() {}

    /**
     * Runs {@code task} on a new platform thread after {@code unshare(flags)}. {@code CLONE_NEWUSER} is
     * refused by the kernel for a multithreaded process; {@code CLONE_NEWPID} and {@code CLONE_NEWTIME}
     * apply to children the task creates.
     */
    public static <T> T unshared(long flags, Task<T> task) throws Exception {
        return run("unshare " + Clone.format(flags), () -> {
            Syscalls.unshare(flags);
            if ((flags & Clone.CLONE_NEWNS) != 0) {
                Mounts.mount(null, "/", null, Mount.MS_REC | Mount.MS_PRIVATE, null);
            }
            return task.run();
        });
    }

    /** Runs {@code task} on a new platform thread after {@code setns(nsfd, nstype)}. The fd stays the caller's. */
    public static <T> T entered(int nsfd, long nstype, Task<T> task) throws Exception {
        return run("setns " + nsfd, () -> {
            Syscalls.setns(nsfd, nstype);
            return task.run();
        });
    }

    /** Runs {@code task} on a new platform thread after {@code setns} into the namespace file at {@code path}. */
    public static <T> T entered(String path, long nstype, Task<T> task) throws Exception {
        int fd = Fs.open(path, Open.O_RDONLY | Open.O_CLOEXEC);
        try {
            return entered(fd, nstype, task);
        } finally {
            Fs.close(fd);
        }
    }

    private static <T> T run(String what, Callable<T> body) throws Exception {
        FutureTask<T> future = new FutureTask<>(body);
        Thread t = Thread.ofPlatform().name("berth-ns " + what).daemon().unstarted(future);
        t.start();
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        } finally {
            t.join();
        }
    }
}
