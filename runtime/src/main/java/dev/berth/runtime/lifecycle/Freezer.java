package dev.berth.runtime.lifecycle;

import dev.berth.runtime.cgroup.Cgroup;
import dev.berth.runtime.cgroup.CgroupException;
import dev.berth.runtime.cgroup.CgroupLayout;
import dev.berth.runtime.cgroup.FreezerState;
import dev.berth.runtime.state.ContainerState;
import java.time.Duration;

/**
 * The container's cgroup as the lifecycle verbs need it, loaded from what {@code create} saved in the
 * state: frozen or not, every process signalled, pids, the directories removed. A container without a
 * cgroup (a rootless caller with no delegated cgroup) has none of these: kill --all then signals the init.
 */
final class Freezer {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Freezer() {}

    /** The container's cgroup, or null when it has none. */
    static Cgroup load(ContainerState s) throws CgroupException {
        if (s.cgroupPaths().isEmpty()) {
            return null;
        }
        return Cgroup.load(CgroupLayout.detect(), new Cgroup.Saved(s.cgroupPaths(), s.createdCgroups()));
    }

    static boolean frozen(ContainerState s) {
        try {
            Cgroup cg = load(s);
            return cg != null && cg.freezerState() == FreezerState.FROZEN;
        } catch (CgroupException e) {
            return false;
        }
    }

    static void thaw(ContainerState s) throws CgroupException {
        Cgroup cg = load(s);
        if (cg != null) {
            cg.thaw(TIMEOUT);
        }
    }

    static void killAll(ContainerState s, int signal) throws Exception {
        Cgroup cg = load(s);
        if (cg == null) {
            Containers.signal(s, signal);
        } else {
            cg.killAll(signal, TIMEOUT);
        }
    }

    static void destroy(ContainerState s) throws CgroupException {
        Cgroup cg = load(s);
        if (cg != null) {
            cg.delete();
        }
    }

    /** Puts {@code pid} into the container's cgroups. */
    static void place(ContainerState s, int pid) throws CgroupException {
        Cgroup cg = load(s);
        if (cg != null) {
            cg.place(pid);
        }
    }
}
