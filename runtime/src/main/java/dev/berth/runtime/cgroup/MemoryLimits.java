package dev.berth.runtime.cgroup;

import dev.berth.specs.Resources;

/**
 * {@code linux.resources.memory}. v1 (Documentation/admin-guide/cgroup-v1/memory.rst):
 * {@code memory.limit_in_bytes}, {@code memory.soft_limit_in_bytes}, {@code memory.memsw.limit_in_bytes},
 * {@code memory.kmem[.tcp].limit_in_bytes}, {@code memory.swappiness}, {@code memory.oom_control},
 * {@code memory.use_hierarchy}. v2 (cgroup-v2.rst): {@code memory.max}, {@code memory.low},
 * {@code memory.swap.max} (swap alone, converted from the OCI memory+swap value). Zero means unset.
 */
final class MemoryLimits {
    private static final String FIELD = "linux.resources.memory";

    private MemoryLimits() {}

    static boolean isSet(Resources.Memory m) {
        return m != null && (nz(m.limit()) || nz(m.reservation()) || nz(m.swap()) || nz(m.kernel())
                || nz(m.kernelTcp()) || swappiness(m) != null || m.disableOomKiller() != null
                || m.useHierarchy() != null);
    }

    static void check(Resources.Memory m, Target t) throws CgroupException {
        if (!isSet(m)) {
            return;
        }
        Long sw = swappiness(m);
        if (sw != null && (sw < 0 || sw > 100)) {
            throw new CgroupException(FIELD + ".swappiness " + Long.toUnsignedString(sw) + " is not between 0 and 100");
        }
        for (Long v : new Long[] {m.limit(), m.swap(), m.reservation()}) {
            if (v != null && v < -1) {
                throw new CgroupException(FIELD + ": " + v + " is negative and not -1 (unlimited)");
            }
        }
        if (!t.v2("memory", FIELD)) {
            return;
        }
        String dir = t.dir("memory", FIELD);
        if (sw != null) {
            throw new CgroupException(FIELD + ".swappiness: cgroup v2 has no per-cgroup swappiness (" + dir
                    + " is on cgroup v2); remove the setting");
        }
        if (Boolean.TRUE.equals(m.disableOomKiller())) {
            throw new CgroupException(FIELD + ".disableOOMKiller: cgroup v2 cannot disable the OOM killer for a"
                    + " cgroup (" + dir + " is on cgroup v2)");
        }
        if (Boolean.FALSE.equals(m.useHierarchy())) {
            throw new CgroupException(FIELD + ".useHierarchy false: cgroup v2 accounting is always hierarchical");
        }
    }

    static void apply(Resources.Memory m, Target t) throws CgroupException {
        if (!isSet(m)) {
            return;
        }
        String dir = t.dir("memory", FIELD);
        if (t.v2("memory", FIELD)) {
            applyV2(m, t, dir);
        } else {
            applyV1(m, t, dir);
        }
    }

    private static void applyV1(Resources.Memory m, Target t, String dir) throws CgroupException {
        long limit = val(m.limit());
        long swap = val(m.swap());
        checkUsage(m, t, dir, "memory.usage_in_bytes");
        boolean swapFile = t.exists(dir, "memory.memsw.limit_in_bytes");
        if (limit == -1 && swap == 0 && swapFile) {
            swap = -1; // unlimited memory with swap unset means both unlimited, as runc does
        }
        if (swap != 0 && !swapFile) {
            throw new CgroupException(FIELD + ".swap: " + dir + "/memory.memsw.limit_in_bytes does not exist (the"
                    + " kernel has no swap accounting: swapaccount=1)");
        }
        // The kernel keeps memsw >= memory at every step, so the order of the two writes depends on
        // whether the limits grow or shrink.
        if (limit != 0 && swap != 0) {
            long current = Convert.parseLimit(t.read(dir, "memory.limit_in_bytes"));
            if (swap == -1 || Long.compareUnsigned(current, swap) < 0) {
                t.write(dir, "memory.memsw.limit_in_bytes", Convert.v1Bytes(swap), FIELD + ".swap");
                t.write(dir, "memory.limit_in_bytes", Convert.v1Bytes(limit), FIELD + ".limit");
            } else {
                t.write(dir, "memory.limit_in_bytes", Convert.v1Bytes(limit), FIELD + ".limit");
                t.write(dir, "memory.memsw.limit_in_bytes", Convert.v1Bytes(swap), FIELD + ".swap");
            }
        } else if (limit != 0) {
            t.write(dir, "memory.limit_in_bytes", Convert.v1Bytes(limit), FIELD + ".limit");
        } else if (swap != 0) {
            t.write(dir, "memory.memsw.limit_in_bytes", Convert.v1Bytes(swap), FIELD + ".swap");
        }
        if (nz(m.reservation())) {
            t.write(dir, "memory.soft_limit_in_bytes", Convert.v1Bytes(m.reservation()), FIELD + ".reservation");
        }
        kernelLimit(t, dir, "memory.kmem.limit_in_bytes", m.kernel(), FIELD + ".kernel");
        kernelLimit(t, dir, "memory.kmem.tcp.limit_in_bytes", m.kernelTcp(), FIELD + ".kernelTCP");
        Long sw = swappiness(m);
        if (sw != null) {
            t.write(dir, "memory.swappiness", Long.toString(sw), FIELD + ".swappiness");
        }
        if (m.disableOomKiller() != null) {
            t.write(dir, "memory.oom_control", m.disableOomKiller() ? "1" : "0", FIELD + ".disableOOMKiller");
        }
        if (m.useHierarchy() != null) {
            String want = m.useHierarchy() ? "1" : "0";
            if (!want.equals(t.read(dir, "memory.use_hierarchy"))) {
                t.write(dir, "memory.use_hierarchy", want, FIELD + ".useHierarchy");
            }
        }
    }

    /**
     * Kernel memory limits are deprecated in the OCI spec and the kernel: since Linux 5.16 the kmem
     * file still takes writes but ignores them, and newer kernels and v2 have no such file. Write where
     * it exists and warn when the value does not stick, rather than pretend.
     */
    private static void kernelLimit(Target t, String dir, String file, Long value, String field)
            throws CgroupException {
        if (!nz(value)) {
            return;
        }
        if (!t.exists(dir, file)) {
            t.warn(field + " " + value + " ignored: " + CgroupPaths.join(dir, file) + " does not exist on this kernel");
            return;
        }
        t.write(dir, file, Convert.v1Bytes(value), field);
        long got = Convert.parseLimit(t.read(dir, file));
        boolean sticks = value == -1 ? got >= Long.MAX_VALUE / 2 || got == -1 : Math.abs(got - value) < 65536;
        if (!sticks) {
            t.warn(field + " " + value + " ignored: the kernel accepted the write to " + CgroupPaths.join(dir, file)
                    + " but keeps " + Long.toUnsignedString(got) + " (kernel memory limits are gone since Linux 5.16)");
        }
    }

    private static void applyV2(Resources.Memory m, Target t, String dir) throws CgroupException {
        long limit = val(m.limit());
        long swap = val(m.swap());
        checkUsage(m, t, dir, "memory.current");
        if (swap != 0 || limit == -1) {
            long memory = limit;
            if (memory == 0 && t.update) {
                memory = Convert.parseLimit(t.read(dir, "memory.max"));
            }
            long v2 = Convert.swapToV2(swap, memory);
            if (v2 != 0) {
                if (t.exists(dir, "memory.swap.max")) {
                    t.write(dir, "memory.swap.max", Convert.v2Max(v2), FIELD + ".swap");
                } else if (v2 != -1) {
                    throw new CgroupException(FIELD + ".swap: " + dir + "/memory.swap.max does not exist (the kernel"
                            + " has no swap accounting)");
                }
            }
        }
        if (limit != 0) {
            t.write(dir, "memory.max", Convert.v2Max(limit), FIELD + ".limit");
        }
        if (nz(m.reservation())) {
            t.write(dir, "memory.low", Convert.v2Max(m.reservation()), FIELD + ".reservation");
        }
        if (nz(m.kernel())) {
            t.warn(FIELD + ".kernel " + m.kernel() + " ignored: cgroup v2 has no kernel memory limit (" + dir + ")");
        }
        if (nz(m.kernelTcp())) {
            t.warn(FIELD + ".kernelTCP " + m.kernelTcp() + " ignored: cgroup v2 has no kernel TCP limit (" + dir + ")");
        }
    }

    /** {@code checkBeforeUpdate}: refuse a limit below what the cgroup already uses. */
    private static void checkUsage(Resources.Memory m, Target t, String dir, String usageFile) throws CgroupException {
        if (!Boolean.TRUE.equals(m.checkBeforeUpdate()) || !t.update || val(m.limit()) <= 0) {
            return;
        }
        long usage = Convert.parseLimit(t.read(dir, usageFile));
        if (m.limit() < usage) {
            throw new CgroupException(FIELD + ".limit " + m.limit() + " is below the current usage " + usage + " ("
                    + CgroupPaths.join(dir, usageFile) + ") and checkBeforeUpdate is set");
        }
    }

    /** Swappiness, or null when absent or -1 (the uint64 maximum, which runc reads as unset). */
    private static Long swappiness(Resources.Memory m) {
        Long s = m.swappiness();
        return s == null || s == -1 ? null : s;
    }

    static boolean nz(Long v) {
        return v != null && v != 0;
    }

    static long val(Long v) {
        return v == null ? 0 : v;
    }
}
