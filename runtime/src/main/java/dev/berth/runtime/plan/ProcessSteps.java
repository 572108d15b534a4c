package dev.berth.runtime.plan;

import dev.berth.runtime.config.ProcessConfig;
import dev.berth.syscall.spawn.PlanBuilder;
import dev.berth.syscall.struct.CapUserData;
import dev.berth.syscall.struct.Rlimit;

/**
 * The steps that make a process what its {@code process} object says, in runc's order: rlimits, working
 * directory, bounding set, then the user switch with capabilities kept across it, the effective,
 * permitted and inheritable sets, the ambient set, no_new_privs, and the umask. Shared by a container's
 * init and {@code exec}.
 */
public final class ProcessSteps {
    private ProcessSteps() {}

    public static void identity(PlanBuilder b, ProcessConfig p, int capLastCap) {
        identity(b, p, capLastCap, true, null, -1);
    }

    /**
     * The identity steps with a seccomp filter where runc puts it: with no_new_privs as the very last step
     * (the filter then also covers the epilogue and exec); without it first, while the process still has
     * CAP_SYS_ADMIN, which the kernel requires to install a filter then. A filter with a listener hands the
     * listener fd over {@code listenerSocket} right after installing it.
     */
    public static void identity(PlanBuilder b, ProcessConfig p, int capLastCap, boolean setgroupsAllowed,
            dev.berth.runtime.seccomp.SeccompProgram seccomp, int listenerSocket) {
        if (seccomp != null && !p.noNewPrivileges()) {
            installSeccomp(b, seccomp, listenerSocket);
        }
        identity(b, p, capLastCap, setgroupsAllowed);
        if (seccomp != null && p.noNewPrivileges()) {
            installSeccomp(b, seccomp, listenerSocket);
        }
    }

    private static void installSeccomp(PlanBuilder b, dev.berth.runtime.seccomp.SeccompProgram seccomp,
            int listenerSocket) {
        b.seccomp(seccomp.flags(), seccomp.instructions()).label("linux.seccomp");
        if (seccomp.newListener()) {
            dev.berth.syscall.spawn.Slot listener = b.slot();
            b.into(listener);
            b.sendFd(dev.berth.syscall.spawn.FdRef.of(listenerSocket), listener,
                    "seccomp".getBytes(java.nio.charset.StandardCharsets.UTF_8)).label("linux.seccomp.listenerPath");
            b.close(listener);
        }
    }

    /**
     * With {@code setgroupsAllowed} false (a user namespace whose {@code setgroups} file says "deny", as an
     * unprivileged caller must write before its gid map) the supplementary groups stay as they are:
     * {@code setgroups(2)} would fail with EPERM.
     */
    public static void identity(PlanBuilder b, ProcessConfig p, int capLastCap, boolean setgroupsAllowed) {
        for (long[] r : p.rlimits()) {
            b.prlimit((int) r[0], new Rlimit(r[1], r[2])).label("process.rlimits");
        }
        b.chdir(p.cwd()).label("process.cwd");
        for (int cap = 0; cap <= capLastCap; cap++) {
            if ((p.bounding() & (1L << cap)) == 0) {
                b.dropBoundingCap(cap).label("process.capabilities.bounding");
            }
        }
        boolean switching = p.uid() != 0 || p.gid() != 0;
        if (switching) {
            b.keepCaps(true).label("keep the permitted set across the user switch");
        }
        if (setgroupsAllowed) {
            b.setgroups(p.additionalGids()).label("process.user.additionalGids");
        }
        b.setresgid(p.gid(), p.gid(), p.gid()).label("process.user.gid");
        b.setresuid(p.uid(), p.uid(), p.uid()).label("process.user.uid");
        if (switching) {
            b.keepCaps(false);
        }
        b.capset(new CapUserData.Sets(p.effective(), p.permitted(), p.inheritable())).label("process.capabilities");
        for (int cap = 0; cap < 64; cap++) {
            if ((p.ambient() & (1L << cap)) != 0) {
                b.raiseAmbientCap(cap).label("process.capabilities.ambient");
            }
        }
        if (p.noNewPrivileges()) {
            b.noNewPrivs().label("process.noNewPrivileges");
        }
        b.umask(p.umask() >= 0 ? p.umask() : 022).label("process.user.umask");
    }
}
