package dev.berth.runtime.state;

import java.util.List;
import java.util.Map;

/**
 * What Berth keeps about a container between commands, in {@code <root>/<id>/state.json}. The status
 * is not stored: it is derived from the live process each time ({@link StateStore#status}).
 *
 * @param id the container id
 * @param pid the container's init, as the host sees it; 0 before it exists
 * @param pidStartTime the init's start time in clock ticks since boot ({@code /proc/PID/stat} field 22),
 *     which tells the init from a later process that reuses its pid
 * @param bundle the bundle directory
 * @param rootfs the root filesystem
 * @param created creation time, RFC 3339 in UTC
 * @param owner the user that created it (runc's {@code owner}): empty for root
 * @param annotations the spec's annotations
 * @param cgroupPaths every cgroup directory Berth made for it, innermost last per hierarchy
 * @param createdCgroups the directories Berth itself created (and so removes)
 * @param started whether {@code start} has released it
 * @param hooks the hook phases the spec has ({@code "poststop"}...): the commands that run no hook need not
 *     read the spec again
 */
public record ContainerState(String id, int pid, long pidStartTime, String bundle, String rootfs, String created,
        String owner, Map<String, String> annotations, List<String> cgroupPaths, List<String> createdCgroups,
        boolean started, List<String> hooks) {

    public ContainerState {
        annotations = Map.copyOf(annotations);
        cgroupPaths = List.copyOf(cgroupPaths);
        createdCgroups = List.copyOf(createdCgroups);
        hooks = List.copyOf(hooks);
    }

    public ContainerState withStarted() {
        return new ContainerState(id, pid, pidStartTime, bundle, rootfs, created, owner, annotations, cgroupPaths,
                createdCgroups, true, hooks);
    }

    /** Whether the spec has hooks of {@code phase}. */
    public boolean hasHooks(String phase) {
        return hooks.contains(phase);
    }
}
