package dev.berth.runtime.cgroup;

import dev.berth.specs.Resources;

/** {@code linux.resources.pids}: {@code pids.max} on v1 and v2 (pids.rst). 0 means unset, negative {@code max}. */
final class PidsLimits {
    private static final String FIELD = "linux.resources.pids.limit";

    private PidsLimits() {}

    static boolean isSet(Resources.Pids p) {
        return p != null && p.limit() != null && p.limit() != 0;
    }

    static void check(Resources.Pids p, Target t) throws CgroupException {
        if (isSet(p)) {
            t.require("pids", FIELD);
        }
    }

    static void apply(Resources.Pids p, Target t) throws CgroupException {
        if (isSet(p)) {
            t.write(t.dir("pids", FIELD), "pids.max", Convert.v2Max(p.limit()), FIELD);
        }
    }
}
