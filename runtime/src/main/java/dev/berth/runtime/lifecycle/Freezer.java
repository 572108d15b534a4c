package dev.berth.runtime.lifecycle;

import dev.berth.runtime.state.ContainerState;

/**
 * The container's cgroup as the lifecycle needs it: frozen or not, every process killed, the
 * directories removed. (Filled in by the cgroup driver; until a container has a cgroup, it has none of these.)
 */
final class Freezer {
    private Freezer() {}

    static boolean frozen(ContainerState s) {
        return false;
    }

    static void thaw(ContainerState s) {
    }

    static void killAll(ContainerState s, int signal) throws Exception {
        Containers.signal(s, signal);
    }

    static void destroy(ContainerState s) {
    }

    /** Puts {@code pid} into the container's cgroups. */
    static void place(ContainerState s, int pid) {
    }
}
