package dev.berth.runtime.cgroup;

import java.util.Objects;
import java.util.Set;

/**
 * One mounted cgroup hierarchy as this process sees it (cgroups(7)).
 *
 * @param id the hierarchy number of {@code /proc/self/cgroup} (0 for the unified hierarchy)
 * @param controllers the v1 controllers bound to it, or for the unified hierarchy those its root's
 *     {@code cgroup.controllers} lists; empty for a named hierarchy such as {@code name=systemd}
 * @param name the {@code name=} of a named v1 hierarchy, or null
 * @param unified whether this is the cgroup v2 hierarchy
 * @param mountPoint where it is mounted ({@code /sys/fs/cgroup/memory})
 * @param mountRoot the cgroup the mount shows at its mount point ({@code /} unless a bind mount or a
 *     cgroup namespace shows a subtree)
 * @param ownPath this process's cgroup in this hierarchy, from {@code /proc/self/cgroup}; null if the
 *     file has no line for it
 */
public record Hierarchy(int id, Set<String> controllers, String name, boolean unified, String mountPoint,
        String mountRoot, String ownPath) {

    public Hierarchy {
        controllers = Set.copyOf(controllers);
        Objects.requireNonNull(mountPoint, "mountPoint");
        Objects.requireNonNull(mountRoot, "mountRoot");
    }

    /** Whether {@code controller} is served here. */
    public boolean has(String controller) {
        return controllers.contains(controller);
    }

    /**
     * The directory of this process's own cgroup, or null when it is not visible under the mount
     * (the mount shows a subtree that does not contain it).
     */
    public String ownDir() {
        if (ownPath == null) {
            return null;
        }
        String rel = CgroupPaths.relativeTo(ownPath, mountRoot);
        return rel == null ? null : CgroupPaths.join(mountPoint, rel);
    }

    /** A short label for messages: {@code memory}, {@code cpu,cpuacct}, {@code name=systemd}, {@code unified}. */
    public String label() {
        if (unified) {
            return "unified";
        }
        if (name != null) {
            return "name=" + name;
        }
        return String.join(",", controllers.stream().sorted().toList());
    }
}
