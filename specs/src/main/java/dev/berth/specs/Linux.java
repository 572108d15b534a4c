package dev.berth.specs;

import dev.berth.specs.internal.Immutable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Linux section of config.json ({@code linux}, config-linux.md).
 *
 * @param uidMappings user namespace uid mappings
 * @param gidMappings user namespace gid mappings
 * @param sysctl kernel parameters to set, in document order
 * @param resources cgroup limits, null when absent
 * @param cgroupsPath null when absent
 * @param namespaces namespaces to create or join
 * @param devices device nodes to create
 * @param netDevices host network devices to move into the container, by host name
 * @param seccomp the seccomp filter, null when absent
 * @param rootfsPropagation propagation of the root mount, null when absent
 * @param maskedPaths paths made unreadable
 * @param readonlyPaths paths made read-only
 * @param mountLabel SELinux context of the mounts, null when absent
 * @param intelRdt Intel RDT settings, null when absent
 * @param personality personality(2) domain, null when absent
 * @param timeOffsets time namespace offsets by clock name ({@code monotonic}, {@code boottime})
 * @param memoryPolicy set_mempolicy(2) policy, null when absent
 */
public record Linux(
        List<IdMapping> uidMappings,
        List<IdMapping> gidMappings,
        Map<String, String> sysctl,
        Resources resources,
        String cgroupsPath,
        List<Namespace> namespaces,
        List<Device> devices,
        Map<String, NetDevice> netDevices,
        Seccomp seccomp,
        String rootfsPropagation,
        List<String> maskedPaths,
        List<String> readonlyPaths,
        String mountLabel,
        IntelRdt intelRdt,
        Personality personality,
        Map<String, TimeOffset> timeOffsets,
        MemoryPolicy memoryPolicy) {

    public Linux {
        uidMappings = Immutable.list(uidMappings);
        gidMappings = Immutable.list(gidMappings);
        sysctl = Immutable.map(sysctl);
        namespaces = Immutable.list(namespaces);
        devices = Immutable.list(devices);
        netDevices = Immutable.map(netDevices);
        maskedPaths = Immutable.list(maskedPaths);
        readonlyPaths = Immutable.list(readonlyPaths);
        timeOffsets = Immutable.map(timeOffsets);
    }

    /** An empty Linux section. */
    public static final Linux EMPTY = new Linux(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null);

    public Linux withNamespaces(List<Namespace> namespaces) {
        return new Linux(uidMappings, gidMappings, sysctl, resources, cgroupsPath, namespaces, devices, netDevices,
                seccomp, rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt, personality, timeOffsets,
                memoryPolicy);
    }

    public Linux withIdMappings(List<IdMapping> uidMappings, List<IdMapping> gidMappings) {
        return new Linux(uidMappings, gidMappings, sysctl, resources, cgroupsPath, namespaces, devices, netDevices,
                seccomp, rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt, personality, timeOffsets,
                memoryPolicy);
    }

    public Linux withResources(Resources resources) {
        return new Linux(uidMappings, gidMappings, sysctl, resources, cgroupsPath, namespaces, devices, netDevices,
                seccomp, rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt, personality, timeOffsets,
                memoryPolicy);
    }

    public Linux withSeccomp(Seccomp seccomp) {
        return new Linux(uidMappings, gidMappings, sysctl, resources, cgroupsPath, namespaces, devices, netDevices,
                seccomp, rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt, personality, timeOffsets,
                memoryPolicy);
    }

    public Linux withPaths(List<String> maskedPaths, List<String> readonlyPaths) {
        return new Linux(uidMappings, gidMappings, sysctl, resources, cgroupsPath, namespaces, devices, netDevices,
                seccomp, rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt, personality, timeOffsets,
                memoryPolicy);
    }

    /** The entry of {@code namespaces} of this type, or null. */
    public Namespace namespace(String type) {
        for (Namespace ns : namespaces) {
            if (ns.type().equals(type)) {
                return ns;
            }
        }
        return null;
    }

    /**
     * A namespace to create, or to join when {@code path} is given.
     *
     * @param type {@code pid}, {@code network}, {@code mount}, {@code ipc}, {@code uts}, {@code user},
     *     {@code cgroup} or {@code time}
     * @param path namespace file to join (such as {@code /proc/1234/ns/net}), null to create one
     */
    public record Namespace(String type, String path) {
        public Namespace {
            Objects.requireNonNull(type, "type");
        }

        /** A namespace to create. */
        public Namespace(String type) {
            this(type, null);
        }
    }

    /**
     * A device node to create in the container (mknod(2)).
     *
     * @param type {@code c}, {@code b}, {@code u} or {@code p}
     * @param path absolute path inside the container
     * @param major int64, null when absent (allowed only for {@code p})
     * @param minor int64, null when absent (allowed only for {@code p})
     * @param fileMode permission bits, in decimal in the JSON; null when absent
     * @param uid owner (uint32), null when absent
     * @param gid group (uint32), null when absent
     */
    public record Device(String type, String path, Long major, Long minor, Long fileMode, Long uid, Long gid) {
        public Device {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * A host network device moved into the container's network namespace.
     *
     * @param name the name inside the container, null to keep the host name
     */
    public record NetDevice(String name) {}

    /**
     * A clock offset of a time namespace (time_namespaces(7)).
     *
     * @param secs int64 seconds
     * @param nanosecs uint32 nanoseconds
     */
    public record TimeOffset(long secs, long nanosecs) {}

    /**
     * Intel Resource Director Technology settings (resctrl).
     *
     * @param closId class of service directory ({@code closID}), null when absent
     * @param schemata lines written to the {@code schemata} file
     * @param l3CacheSchema {@code L3:...} line, null when absent
     * @param memBwSchema {@code MB:...} line, null when absent
     * @param enableMonitoring whether a monitoring group is created
     */
    public record IntelRdt(String closId, List<String> schemata, String l3CacheSchema, String memBwSchema,
            boolean enableMonitoring) {
        public IntelRdt {
            schemata = Immutable.list(schemata);
        }
    }

    /**
     * The execution domain (personality(2)).
     *
     * @param domain {@code LINUX} or {@code LINUX32}, null when absent
     * @param flags additional flags (none is defined by the spec)
     */
    public record Personality(String domain, List<String> flags) {
        public Personality {
            flags = Immutable.list(flags);
        }
    }

    /**
     * The NUMA memory policy (set_mempolicy(2)).
     *
     * @param mode {@code MPOL_*} mode, null when absent
     * @param nodes node list such as {@code 0-3,7}, null when absent
     * @param flags {@code MPOL_F_*} flags
     */
    public record MemoryPolicy(String mode, String nodes, List<String> flags) {
        public MemoryPolicy {
            flags = Immutable.list(flags);
        }
    }
}
