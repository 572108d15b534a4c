package dev.berth.runtime.lifecycle;

import dev.berth.runtime.config.NamespaceConfig;
import dev.berth.specs.Hook;
import dev.berth.syscall.Clone;
import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fd;
import dev.berth.syscall.Fs;
import dev.berth.syscall.NsThread;
import dev.berth.syscall.Open;
import dev.berth.syscall.Signal;
import dev.berth.syscall.spawn.ExitStatus;
import dev.berth.syscall.spawn.FdRef;
import dev.berth.syscall.spawn.PlanBuilder;
import dev.berth.syscall.spawn.SpawnPlan;
import dev.berth.syscall.spawn.Spawned;
import dev.berth.syscall.spawn.Spawner;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs OCI hooks (config.md "POSIX-platform Hooks"): each with the container's state JSON on stdin,
 * killed when its {@code timeout} passes, one after another in order. Hooks of the runtime namespace run
 * as plain children; hooks "in the container namespace" ({@code createContainer},
 * {@code startContainer}) join the namespaces of the container's init first, inside the child, so
 * that their path is resolved in the container.
 */
public final class HookRunner {
    /** The namespaces a container-namespace hook joins, in {@code setns} order (user first). */
    private static final List<String> JOIN = List.of("user", "mnt", "ipc", "uts", "net", "cgroup");

    private HookRunner() {}

    /** A hook failed: the phase, its index, and why. */
    public static final class HookException extends Exception {
        private static final long serialVersionUID = 1L;

        HookException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Runs {@code hooks} of {@code phase} ({@code "prestart"}, ...). With {@code containerPid > 0}, each hook
     * joins that process's namespaces (those that differ from Berth's own).
     */
    public static void run(String phase, List<Hook> hooks, byte[] state, int containerPid) throws HookException {
        for (int i = 0; i < hooks.size(); i++) {
            Hook h = hooks.get(i);
            String what = "hooks." + phase + "[" + i + "] " + h.path();
            try {
                ExitStatus status = containerPid > 0 ? NsThread.entered("/proc/" + containerPid + "/ns/pid",
                        Clone.CLONE_NEWPID, () -> runOne(h, state, containerPid)) : runOne(h, state, 0);
                if (!status.exited() || status.code() != 0) {
                    throw new HookException(what + ": " + (status.exited() ? "exited with status " + status.code()
                            : status.toString()), null);
                }
            } catch (HookException e) {
                throw e;
            } catch (Exception e) {
                throw new HookException(what + ": " + e.getMessage(), e);
            }
        }
    }

    private static ExitStatus runOne(Hook h, byte[] state, int containerPid) throws Exception {
        int[] in = Fs.pipe2(Open.O_CLOEXEC);
        int[] out = Fs.pipe2(Open.O_CLOEXEC);
        List<Fd> joined = new ArrayList<>();
        try (Fd inRead = Fd.of(in[0]); Fd inWrite = Fd.of(in[1]); Fd outRead = Fd.of(out[0]);
                Fd outWrite = Fd.of(out[1])) {
            PlanBuilder plan = SpawnPlan.builder();
            if (containerPid > 0) {
                for (String ns : JOIN) {
                    String mine = Fs.readlinkat(dev.berth.syscall.At.AT_FDCWD, "/proc/self/ns/" + ns);
                    String theirs;
                    try {
                        theirs = Fs.readlinkat(dev.berth.syscall.At.AT_FDCWD, "/proc/" + containerPid + "/ns/" + ns);
                    } catch (ErrnoException e) {
                        continue;
                    }
                    if (!mine.equals(theirs)) {
                        Fd f = Fd.of(Fs.open("/proc/" + containerPid + "/ns/" + ns, Open.O_RDONLY | Open.O_CLOEXEC));
                        joined.add(f);
                        plan.setns(FdRef.of(f.get()), NamespaceConfig.flag(ns.equals("mnt") ? "mount"
                                : ns.equals("net") ? "network" : ns)).label("join the container's " + ns + " namespace");
                    }
                }
                plan.chdir("/");
            }
            List<String> args = h.args().isEmpty() ? List.of(h.path()) : h.args();
            if (containerPid > 0) {
                // in the container's mount namespace the path is the image's: no exec of it from the JVM's
                // binary (an image's "#!/proc/self/exe" would run the host's java there, runc CVE-2019-5736)
                plan.execveThroughShim(List.of(h.path()), args, h.env());
            } else {
                plan.execve(h.path(), args, h.env());
            }
            plan.inheritFd(inRead.get(), 0).inheritFd(outWrite.get(), 1).inheritFd(outWrite.get(), 2);
            try (Spawned s = Spawner.spawn(plan.build())) {
                inRead.close();
                outWrite.close();
                s.awaitExec();
                try {
                    Fs.writeAll(inWrite.get(), state);
                } catch (ErrnoException e) {
                    if (!e.is(Errno.EPIPE)) {
                        throw e;
                    }
                }
                inWrite.close();
                ExitStatus status = waitWithTimeout(s, h.timeout());
                String output = drain(outRead.get());
                if (!status.exited() || status.code() != 0) {
                    if (!output.isBlank()) {
                        throw new ErrnoException(Errno.EIO, h.path(), status + ", output: " + output.strip());
                    }
                }
                return status;
            }
        } finally {
            for (Fd f : joined) {
                f.close();
            }
        }
    }

    private static ExitStatus waitWithTimeout(Spawned s, Integer timeoutSeconds) throws Exception {
        if (timeoutSeconds == null || timeoutSeconds <= 0) {
            return s.waitFor();
        }
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (!s.hasEnded()) {
            if (System.nanoTime() > deadline) {
                s.kill(Signal.SIGKILL);
                ExitStatus st = s.waitFor();
                throw new ErrnoException(Errno.ETIMEDOUT, "hook", "timed out after " + timeoutSeconds + " s: " + st);
            }
            Thread.sleep(5);
        }
        return s.waitFor();
    }

    private static String drain(int fd) throws ErrnoException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] chunk;
        while ((chunk = Fs.read(fd, 4096)).length > 0) {
            b.writeBytes(chunk);
        }
        return b.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
