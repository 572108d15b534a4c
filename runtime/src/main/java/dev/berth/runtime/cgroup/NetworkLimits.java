package dev.berth.runtime.cgroup;

import dev.berth.specs.Resources;
import java.util.Map;

/**
 * {@code linux.resources.network} ({@code net_cls.classid}, {@code net_prio.ifpriomap}, net_cls.rst and
 * net_prio.rst) and {@code linux.resources.rdma} ({@code rdma.max}, rdma.rst). net_cls and net_prio exist
 * only on v1; where their hierarchy is not mounted the settings are refused, not dropped.
 */
final class NetworkLimits {
    private NetworkLimits() {}

    static void check(Resources r, Target t) throws CgroupException {
        Resources.Network n = r.network();
        if (n != null && n.classId() != null) {
            requireV1(t, "net_cls", "linux.resources.network.classID");
        }
        if (n != null && !n.priorities().isEmpty()) {
            requireV1(t, "net_prio", "linux.resources.network.priorities");
        }
        if (!r.rdma().isEmpty()) {
            t.require("rdma", "linux.resources.rdma");
        }
    }

    private static void requireV1(Target t, String controller, String field) throws CgroupException {
        Hierarchy h = t.hierarchy(controller);
        if (h == null || h.unified()) {
            throw new CgroupException(field + ": no " + controller + " hierarchy is mounted (it exists only on cgroup v1,"
                    + " e.g. mount -t cgroup -o " + controller + " none /sys/fs/cgroup/" + controller + ")");
        }
    }

    static void apply(Resources r, Target t) throws CgroupException {
        Resources.Network n = r.network();
        if (n != null && n.classId() != null) {
            String f = "linux.resources.network.classID";
            t.write(t.dir("net_cls", f), "net_cls.classid", Long.toUnsignedString(n.classId()), f);
        }
        if (n != null) {
            for (Resources.InterfacePriority p : n.priorities()) {
                String f = "linux.resources.network.priorities[" + p.name() + "]";
                t.write(t.dir("net_prio", f), "net_prio.ifpriomap", p.name() + " " + p.priority(), f);
            }
        }
        for (Map.Entry<String, Resources.Rdma> e : r.rdma().entrySet()) {
            String f = "linux.resources.rdma[" + e.getKey() + "]";
            StringBuilder line = new StringBuilder(e.getKey());
            if (e.getValue().hcaHandles() != null) {
                line.append(" hca_handle=").append(e.getValue().hcaHandles());
            }
            if (e.getValue().hcaObjects() != null) {
                line.append(" hca_object=").append(e.getValue().hcaObjects());
            }
            t.write(t.dir("rdma", f), "rdma.max", line.toString(), f);
        }
    }
}
