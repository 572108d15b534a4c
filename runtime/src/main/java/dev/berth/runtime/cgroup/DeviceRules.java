package dev.berth.runtime.cgroup;

import dev.berth.specs.Resources;
import java.util.List;

/**
 * {@code linux.resources.devices}: on v1, each rule in order to {@code devices.allow} or
 * {@code devices.deny} as {@code TYPE MAJOR:MINOR ACCESS} (devices.rst). cgroup v2 has no device files:
 * enforcing the rules there needs a {@code BPF_PROG_TYPE_CGROUP_DEVICE} program attached to the cgroup,
 * which Berth does not build yet, so rules on v2 are refused rather than silently dropped.
 */
final class DeviceRules {
    private static final String FIELD = "linux.resources.devices";

    private DeviceRules() {}

    static void check(List<Resources.DeviceRule> rules, Target t) throws CgroupException {
        if (rules.isEmpty()) {
            return;
        }
        for (int i = 0; i < rules.size(); i++) {
            Resources.DeviceRule r = rules.get(i);
            String type = r.type() == null ? "a" : r.type();
            if (!type.equals("a") && !type.equals("b") && !type.equals("c")) {
                throw new CgroupException(FIELD + "[" + i + "].type \"" + r.type() + "\" is not a, b or c");
            }
            if (r.access() != null && !r.access().matches("[rwm]*")) {
                throw new CgroupException(FIELD + "[" + i + "].access \"" + r.access() + "\" is not made of r, w, m");
            }
        }
        Hierarchy h = t.hierarchy("devices");
        if (h == null) {
            throw new CgroupException(FIELD + ": no devices controller on this host (neither a v1 hierarchy nor"
                    + " cgroup v2); refusing to run without the " + rules.size() + " device rules");
        }
        if (h.unified()) {
            throw new CgroupException(FIELD + ": " + rules.size() + " device rules cannot be enforced on cgroup v2 ("
                    + t.dir(h) + "): that needs a BPF_PROG_TYPE_CGROUP_DEVICE program, which Berth does not load yet;"
                    + " refusing rather than running without them");
        }
    }

    static void apply(List<Resources.DeviceRule> rules, Target t) throws CgroupException {
        if (rules.isEmpty()) {
            return;
        }
        String dir = t.dir("devices", FIELD);
        for (int i = 0; i < rules.size(); i++) {
            Resources.DeviceRule r = rules.get(i);
            t.write(dir, r.allow() ? "devices.allow" : "devices.deny", line(r), FIELD + "[" + i + "]");
        }
    }

    /** The v1 rule line: {@code c 1:3 rwm}, {@code a *:* rwm}; absent numbers are {@code *}, absent access {@code rwm}. */
    static String line(Resources.DeviceRule r) {
        String type = r.type() == null ? "a" : r.type();
        String major = r.major() == null || r.major() < 0 ? "*" : Long.toString(r.major());
        String minor = r.minor() == null || r.minor() < 0 ? "*" : Long.toString(r.minor());
        String access = r.access() == null || r.access().isEmpty() ? "rwm" : r.access();
        return type + " " + major + ":" + minor + " " + access;
    }
}
