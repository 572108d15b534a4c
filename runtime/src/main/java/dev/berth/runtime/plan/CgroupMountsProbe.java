package dev.berth.runtime.plan;

import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads from {@code /proc/self/mountinfo} how this host mounts cgroups, to make a container's
 * {@code cgroup} mount the same shape: one cgroup2, or a v1 hierarchy per controller set (plus
 * {@code unified} on hybrid hosts).
 */
public final class CgroupMountsProbe {
    private CgroupMountsProbe() {}

    /**
     * The host's layout. {@code containerPaths} maps a v1 directory name (or {@code ""} for cgroup2) to the
     * container's cgroup directory on the host, bound when the container has no cgroup namespace.
     */
    public static ChildContext.CgroupMounts probe(Map<String, String> containerPaths) throws ErrnoException {
        return parse(Fs.readFile("/proc/self/mountinfo"), containerPaths);
    }

    static ChildContext.CgroupMounts parse(String mountinfo, Map<String, String> containerPaths) {
        boolean unified = false;
        boolean hybrid = false;
        Map<String, String[]> v1 = new LinkedHashMap<>();
        for (String line : mountinfo.split("\n")) {
            int dash = line.indexOf(" - ");
            if (dash < 0) {
                continue;
            }
            String[] f = line.substring(0, dash).split(" ");
            String[] tail = line.substring(dash + 3).split(" ");
            String point = f[4];
            if (tail[0].equals("cgroup2")) {
                if (point.equals("/sys/fs/cgroup")) {
                    unified = true;
                } else if (point.equals("/sys/fs/cgroup/unified")) {
                    hybrid = true;
                }
            } else if (tail[0].equals("cgroup") && point.startsWith("/sys/fs/cgroup/")) {
                String name = point.substring("/sys/fs/cgroup/".length());
                String controllers = String.join(",", List.of(tail[2].split(",")).stream()
                        .filter(o -> !List.of("rw", "ro", "relatime", "nosuid", "nodev", "noexec").contains(o)).toList());
                v1.put(name, new String[] {controllers, containerPaths.get(name)});
            }
        }
        return new ChildContext.CgroupMounts(unified && v1.isEmpty(), v1, hybrid, containerPaths.get(""));
    }
}
