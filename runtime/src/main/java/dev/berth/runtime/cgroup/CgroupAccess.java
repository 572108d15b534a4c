package dev.berth.runtime.cgroup;

import dev.berth.specs.Resources;
import dev.berth.syscall.Syscalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether the caller can make and fill a container's cgroup: root can; a rootless caller can only
 * inside a cgroup v2 subtree delegated to it (owned by its uid, as systemd's {@code Delegate=yes} or
 * {@code user@.service} arrange), and never on v1. Checked up front with {@code faccessat2(AT_EACCESS)}
 * on the deepest existing directory of each path, so the runtime can refuse clearly when limits are
 * asked for, or go without a cgroup when none are (as rootless runc does).
 *
 * @param writable the hierarchies (by {@link Hierarchy#label()}) where the cgroup can be made
 * @param problems one line per hierarchy where it cannot, naming the directory and the uid
 */
public record CgroupAccess(List<String> writable, List<String> problems) {
    public CgroupAccess {
        writable = List.copyOf(writable);
        problems = List.copyOf(problems);
    }

    /** Checks the directories {@code create} would make for {@code cgroupsPath} (or the id). */
    public static CgroupAccess check(CgroupLayout layout, String cgroupsPath, String id) throws CgroupException {
        return check(KernelHost.INSTANCE, layout, cgroupsPath, id, Syscalls.geteuid());
    }

    static CgroupAccess check(CgroupHost host, CgroupLayout layout, String cgroupsPath, String id, int euid)
            throws CgroupException {
        List<String> ok = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Hierarchy, String> e : CgroupPaths.resolve(layout, cgroupsPath, id).entrySet()) {
            String dir = e.getValue();
            String existing = dir;
            while (!host.exists(existing) && existing.length() > e.getKey().mountPoint().length()) {
                existing = CgroupPaths.parent(existing);
            }
            String probe = existing.equals(dir) ? CgroupPaths.join(dir, "cgroup.procs") : existing;
            boolean can = host.access(existing, CgroupHost.W_OK | CgroupHost.X_OK)
                    && (!existing.equals(dir) || !host.exists(probe) || host.access(probe, CgroupHost.W_OK));
            if (can) {
                ok.add(e.getKey().label());
            } else {
                problems.add(e.getKey().label() + ": " + probe + " is not writable by uid " + euid
                        + (e.getKey().unified() ? " (no delegated cgroup v2 subtree here)" : " (cgroup v1 cannot be"
                        + " delegated to a rootless user)"));
            }
        }
        return new CgroupAccess(ok, problems);
    }

    /** Whether every hierarchy is writable. */
    public boolean complete() {
        return problems.isEmpty();
    }

    /**
     * Fails when {@code resources} asks for limits the caller cannot apply here; passes when every
     * hierarchy is writable or nothing is asked.
     */
    public void requireFor(Resources resources) throws CgroupException {
        if (complete() || !asksForLimits(resources)) {
            return;
        }
        throw new CgroupException("linux.resources cannot be applied: " + String.join("; ", problems));
    }

    static boolean asksForLimits(Resources r) {
        return r != null && (MemoryLimits.isSet(r.memory()) || CpuLimits.cpuSet(r.cpu())
                || CpuLimits.cpusetSet(r.cpu()) || PidsLimits.isSet(r.pids())
                || IoLimits.isSet(r.blockIo()) || !r.hugepageLimits().isEmpty()
                || (r.network() != null && (r.network().classId() != null || !r.network().priorities().isEmpty()))
                || !r.rdma().isEmpty() || !r.unified().isEmpty() || !r.devices().isEmpty());
    }
}
