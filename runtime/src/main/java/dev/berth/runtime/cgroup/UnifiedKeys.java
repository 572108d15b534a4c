package dev.berth.runtime.cgroup;

import java.util.Map;

/**
 * {@code linux.resources.unified}: cgroup v2 file names and values, written as given after every other
 * setting (so they override). Each key must be a plain file name whose controller is served by the
 * unified hierarchy; on hybrid hosts a key of a controller that sits on v1 is refused with its v1 path,
 * and on v1-only hosts every key is refused.
 */
final class UnifiedKeys {
    private static final String FIELD = "linux.resources.unified";

    private UnifiedKeys() {}

    static void check(Map<String, String> unified, Target t) throws CgroupException {
        if (unified.isEmpty()) {
            return;
        }
        Hierarchy u = t.layout.unified();
        for (String key : unified.keySet()) {
            String field = FIELD + "[\"" + key + "\"]";
            if (key.isEmpty() || key.contains("/") || key.startsWith(".") || !key.contains(".")) {
                throw new CgroupException(field + ": not a cgroup v2 file name (controller.file)");
            }
            String controller = key.substring(0, key.indexOf('.'));
            Hierarchy v1 = t.layout.hierarchyOf(controller);
            if (u == null) {
                throw new CgroupException(field + ": this host has only cgroup v1 hierarchies" + (v1 != null
                        ? " (the " + controller + " controller is at " + t.dir(v1) + ")" : "")
                        + "; unified settings need cgroup v2");
            }
            if (controller.equals("cgroup")) {
                if (key.equals("cgroup.procs") || key.equals("cgroup.threads") || key.equals("cgroup.subtree_control")
                        || key.equals("cgroup.kill") || key.equals("cgroup.freeze")) {
                    throw new CgroupException(field + ": Berth manages " + key + " itself");
                }
                continue;
            }
            if (v1 != null && !v1.unified()) {
                throw new CgroupException(field + ": the " + controller + " controller is on cgroup v1 here ("
                        + t.dir(v1) + "), not under " + t.dir(u));
            }
            if (!u.has(controller)) {
                throw new CgroupException(field + ": the " + controller + " controller is not available in "
                        + CgroupPaths.join(u.mountPoint(), "cgroup.controllers") + " [" + String.join(" ", u.controllers())
                        + "]");
            }
        }
    }

    static void apply(Map<String, String> unified, Target t) throws CgroupException {
        if (unified.isEmpty()) {
            return;
        }
        String dir = t.dir(t.layout.unified());
        for (Map.Entry<String, String> e : unified.entrySet()) {
            t.write(dir, e.getKey(), e.getValue(), FIELD + "[\"" + e.getKey() + "\"]");
        }
    }
}
