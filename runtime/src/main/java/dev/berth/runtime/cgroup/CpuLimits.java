package dev.berth.runtime.cgroup;

import dev.berth.syscall.Errno;
import dev.berth.specs.Resources;

/**
 * {@code linux.resources.cpu}. v1 (sched-bwc.rst, sched-rt-group.rst): {@code cpu.shares},
 * {@code cpu.cfs_period_us}, {@code cpu.cfs_quota_us}, {@code cpu.cfs_burst_us}, {@code cpu.rt_period_us},
 * {@code cpu.rt_runtime_us}, {@code cpu.idle}; cpuset {@code cpuset.cpus}, {@code cpuset.mems}. v2:
 * {@code cpu.weight} (converted from shares), {@code cpu.max} ("quota period"), {@code cpu.max.burst},
 * {@code cpu.idle}, {@code cpuset.cpus}, {@code cpuset.mems}; v2 has no real-time group scheduling.
 * Zero means unset (a negative quota means unlimited).
 */
final class CpuLimits {
    private static final String FIELD = "linux.resources.cpu";

    private CpuLimits() {}

    /** Whether any cpu-controller setting is given (zero means unset). */
    static boolean cpuSet(Resources.Cpu c) {
        return c != null && (nz(c.shares()) || nz(c.quota()) || nz(c.period()) || nz(c.burst())
                || nz(c.realtimeRuntime()) || nz(c.realtimePeriod()) || c.idle() != null);
    }

    /** Whether cpus or mems is given. */
    static boolean cpusetSet(Resources.Cpu c) {
        return c != null && (notBlank(c.cpus()) || notBlank(c.mems()));
    }

    static void check(Resources.Cpu c, Target t) throws CgroupException {
        if (cpuSet(c)) {
            if (t.v2("cpu", FIELD) && (nz(c.realtimeRuntime()) || nz(c.realtimePeriod()))) {
                throw new CgroupException(FIELD + ".realtimeRuntime/realtimePeriod: cgroup v2 has no real-time group"
                        + " scheduling (" + t.dir("cpu", FIELD) + " is on cgroup v2)");
            }
        }
        if (cpusetSet(c)) {
            t.require("cpuset", FIELD + ".cpus/mems");
        }
    }

    static void apply(Resources.Cpu c, Target t) throws CgroupException {
        if (cpusetSet(c)) {
            String dir = t.dir("cpuset", FIELD);
            if (notBlank(c.cpus())) {
                t.write(dir, "cpuset.cpus", c.cpus(), FIELD + ".cpus");
            }
            if (notBlank(c.mems())) {
                t.write(dir, "cpuset.mems", c.mems(), FIELD + ".mems");
            }
        }
        if (!cpuSet(c)) {
            return;
        }
        String dir = t.dir("cpu", FIELD);
        if (t.v2("cpu", FIELD)) {
            applyV2(c, t, dir);
        } else {
            applyV1(c, t, dir);
        }
    }

    private static void applyV1(Resources.Cpu c, Target t, String dir) throws CgroupException {
        if (nz(c.shares())) {
            t.write(dir, "cpu.shares", Long.toUnsignedString(c.shares()), FIELD + ".shares");
            String got = t.read(dir, "cpu.shares");
            if (!got.equals(Long.toUnsignedString(c.shares()))) {
                throw new CgroupException(FIELD + ".shares " + Long.toUnsignedString(c.shares()) + ": the kernel set "
                        + got + " in " + CgroupPaths.join(dir, "cpu.shares") + " (the range is 2 to 262144)");
            }
        }
        // A smaller period can be refused (EINVAL) while the old quota/new period would exceed the
        // parent's bandwidth; when a quota comes too, retry the period after it, as runc does.
        boolean periodPending = false;
        if (nz(c.period())) {
            try {
                t.write(dir, "cpu.cfs_period_us", Long.toUnsignedString(c.period()), FIELD + ".period");
            } catch (CgroupException e) {
                if (!e.is(Errno.EINVAL) || !nz(c.quota())) {
                    throw e;
                }
                periodPending = true;
            }
        }
        if (nz(c.quota())) {
            t.write(dir, "cpu.cfs_quota_us", Long.toString(c.quota() < 0 ? -1 : c.quota()), FIELD + ".quota");
            if (periodPending) {
                t.write(dir, "cpu.cfs_period_us", Long.toUnsignedString(c.period()), FIELD + ".period");
            }
        }
        if (nz(c.burst())) {
            t.write(dir, "cpu.cfs_burst_us", Long.toUnsignedString(c.burst()), FIELD + ".burst");
        }
        if (nz(c.realtimePeriod())) {
            t.write(dir, "cpu.rt_period_us", Long.toUnsignedString(c.realtimePeriod()), FIELD + ".realtimePeriod");
        }
        if (nz(c.realtimeRuntime())) {
            t.write(dir, "cpu.rt_runtime_us", Long.toString(c.realtimeRuntime()), FIELD + ".realtimeRuntime");
        }
        if (c.idle() != null) {
            t.write(dir, "cpu.idle", Long.toString(c.idle()), FIELD + ".idle");
        }
    }

    private static void applyV2(Resources.Cpu c, Target t, String dir) throws CgroupException {
        if (nz(c.shares())) {
            t.write(dir, "cpu.weight", Long.toString(Convert.cpuSharesToWeight(c.shares())), FIELD + ".shares");
        }
        if (nz(c.quota()) || nz(c.period())) {
            // cpu.max takes both numbers at once: keep the one not given, so a partial update does not
            // reset the other (runc writes "max PERIOD" for a period alone, dropping the quota).
            String[] current = {"max", "100000"};
            String existing = t.readIfExists(dir, "cpu.max");
            if (existing != null && existing.split("\\s+").length == 2) {
                current = existing.split("\\s+");
            }
            String quota = nz(c.quota()) ? (c.quota() < 0 ? "max" : Long.toString(c.quota())) : current[0];
            String period = nz(c.period()) ? Long.toUnsignedString(c.period()) : current[1];
            t.write(dir, "cpu.max", quota + " " + period, FIELD + (nz(c.quota()) ? ".quota" : ".period"));
        }
        if (nz(c.burst())) {
            t.write(dir, "cpu.max.burst", Long.toUnsignedString(c.burst()), FIELD + ".burst");
        }
        if (c.idle() != null) {
            t.write(dir, "cpu.idle", Long.toString(c.idle()), FIELD + ".idle");
        }
    }

    private static boolean nz(Long v) {
        return v != null && v != 0;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
