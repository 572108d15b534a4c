package dev.berth.runtime.cgroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The container's cgroup as the controller writers see it: which hierarchy serves a controller, its
 * directory, and writes that name the spec field they come from. Collects warnings for settings this
 * kernel deliberately does not honour (deprecated kernel-memory limits), which the runtime prints.
 */
final class Target {
    final CgroupHost host;
    final CgroupLayout layout;
    private final Map<Hierarchy, String> dirs;
    /** Whether this is {@code update}: current values are read where a partial change needs them. */
    final boolean update;
    final List<String> warnings = new ArrayList<>();

    Target(CgroupHost host, CgroupLayout layout, Map<Hierarchy, String> dirs, boolean update) {
        this.host = host;
        this.layout = layout;
        this.dirs = dirs;
        this.update = update;
    }

    /** The hierarchy serving {@code controller}, or null. */
    Hierarchy hierarchy(String controller) {
        Hierarchy h = layout.hierarchyOf(controller);
        return h != null && dirs.containsKey(h) ? h : null;
    }

    /** Whether {@code controller} is served by the unified hierarchy (fails if it is not available). */
    boolean v2(String controller, String field) throws CgroupException {
        return require(controller, field).unified();
    }

    /** The hierarchy serving {@code controller}, or a refusal naming {@code field}. */
    Hierarchy require(String controller, String field) throws CgroupException {
        Hierarchy h = hierarchy(controller);
        if (h == null) {
            throw new CgroupException(field + ": the " + controller + " controller is not available on this host ("
                    + where(controller) + ")");
        }
        return h;
    }

    private String where(String controller) {
        Hierarchy u = layout.unified();
        String v2 = u == null ? "no cgroup v2 hierarchy" : "not in " + CgroupPaths.join(u.mountPoint(),
                "cgroup.controllers") + " [" + String.join(" ", u.controllers()) + "]";
        return "no cgroup v1 hierarchy has it mounted, " + v2;
    }

    /** The container's directory in the hierarchy serving {@code controller}. */
    String dir(String controller, String field) throws CgroupException {
        return dirs.get(require(controller, field));
    }

    /** The container's directory in {@code h}. */
    String dir(Hierarchy h) {
        return dirs.get(h);
    }

    /** Writes {@code value} to {@code dir/file}; a failure names the spec {@code field}, the path, value and errno. */
    void write(String dir, String file, String value, String field) throws CgroupException {
        try {
            host.write(CgroupPaths.join(dir, file), value);
        } catch (CgroupException e) {
            throw e.withContext(field);
        }
    }

    String read(String dir, String file) throws CgroupException {
        return host.read(CgroupPaths.join(dir, file)).trim();
    }

    /** The trimmed content, or null if the file does not exist. */
    String readIfExists(String dir, String file) throws CgroupException {
        String s = host.readIfExists(CgroupPaths.join(dir, file));
        return s == null ? null : s.trim();
    }

    boolean exists(String dir, String file) {
        return host.exists(CgroupPaths.join(dir, file));
    }

    void warn(String text) {
        warnings.add(text);
    }

    /** The huge page sizes this kernel supports, as cgroup file names spell them ({@code 2MB}, {@code 1GB}). */
    List<String> hugePageSizes() throws CgroupException {
        List<String> out = new ArrayList<>();
        if (!host.exists("/sys/kernel/mm/hugepages")) {
            return out;
        }
        List<String> entries = new ArrayList<>(host.subdirectories("/sys/kernel/mm/hugepages"));
        entries.sort(java.util.Comparator.comparingLong(d -> d.replaceAll("\\D", "").isEmpty() ? 0
                : Long.parseLong(d.replaceAll("\\D", ""))));
        for (String d : entries) {
            String size = HugetlbLimits.pageSizeName(d);
            if (size != null) {
                out.add(size);
            }
        }
        return out;
    }
}
