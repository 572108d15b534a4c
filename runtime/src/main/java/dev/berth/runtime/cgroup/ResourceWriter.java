package dev.berth.runtime.cgroup;

import dev.berth.specs.Resources;
import java.util.List;

/**
 * Applies an OCI {@link Resources} to a container's cgroup: every setting is checked first (controller
 * available, representable on this cgroup version), so a refusal writes nothing; then the writes go
 * controller by controller (cpuset and cpu, devices, memory, pids, blkio/io, hugetlb, network, rdma) and
 * {@code unified} last, so it overrides. Zero or absent numbers mean "leave unchanged", for
 * {@code create} and {@code update} alike (docker sends zeros for unset fields); the one exception is
 * swappiness, where 0 is a real value and -1 or absent means unset, as in runc.
 */
final class ResourceWriter {
    private ResourceWriter() {}

    /** Returns the warnings for settings the kernel does not honour (see {@link Target#warn}). */
    static List<String> apply(Resources r, Target t) throws CgroupException {
        if (r == null) {
            return List.of();
        }
        if (t.update && !r.devices().isEmpty()) {
            throw new CgroupException("linux.resources.devices: device rules cannot be changed by update ("
                    + r.devices().size() + " given)");
        }
        DeviceRules.check(r.devices(), t);
        MemoryLimits.check(r.memory(), t);
        CpuLimits.check(r.cpu(), t);
        PidsLimits.check(r.pids(), t);
        IoLimits.check(r.blockIo(), t);
        HugetlbLimits.check(r.hugepageLimits(), t);
        NetworkLimits.check(r, t);
        UnifiedKeys.check(r.unified(), t);

        CpuLimits.apply(r.cpu(), t);
        DeviceRules.apply(r.devices(), t);
        MemoryLimits.apply(r.memory(), t);
        PidsLimits.apply(r.pids(), t);
        IoLimits.apply(r.blockIo(), t);
        HugetlbLimits.apply(r.hugepageLimits(), t);
        NetworkLimits.apply(r, t);
        UnifiedKeys.apply(r.unified(), t);
        return List.copyOf(t.warnings);
    }
}
