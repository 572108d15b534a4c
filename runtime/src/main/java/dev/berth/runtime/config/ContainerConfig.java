package dev.berth.runtime.config;

import dev.berth.specs.Hooks;
import dev.berth.specs.Resources;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A container as Berth executes it: the OCI spec after validation and conversion
 * ({@link SpecConverter}), with paths absolute, options parsed, capability names turned into bit
 * masks and defaults filled in. Everything the planners need and nothing they would have to re-derive.
 *
 * @param id the container id
 * @param bundle the bundle directory (absolute)
 * @param rootfs the root filesystem (absolute)
 * @param rootReadonly {@code root.readonly}
 * @param namespaces namespaces to create or join, in the order they are handled
 * @param uidMappings {@code linux.uidMappings} (with a new user namespace)
 * @param gidMappings {@code linux.gidMappings}
 * @param hostname {@code hostname}, or null
 * @param domainname {@code domainname}, or null
 * @param mounts {@code mounts}, in order
 * @param devices device nodes to create in {@code /dev}: the defaults and {@code linux.devices}
 * @param maskedPaths {@code linux.maskedPaths}
 * @param readonlyPaths {@code linux.readonlyPaths}
 * @param rootfsPropagation {@code MS_*} propagation of the new root ({@code linux.rootfsPropagation}), 0 = default
 * @param sysctl {@code linux.sysctl}
 * @param process the payload, or null (a spec read for {@code delete} need not have one)
 * @param cgroupsPath {@code linux.cgroupsPath}, or null
 * @param resources {@code linux.resources}, or null
 * @param hooks {@code hooks}, or null
 * @param annotations {@code annotations}
 * @param personality {@code PER_*} persona for {@code personality(2)}, or -1 to leave it
 * @param timeOffsets {@code linux.timeOffsets}: clock name to {seconds, nanoseconds}
 * @param seccomp {@code linux.seccomp} compiled for this architecture, or null
 */
public record ContainerConfig(
        String id,
        Path bundle,
        Path rootfs,
        boolean rootReadonly,
        List<NamespaceConfig> namespaces,
        List<IdMap> uidMappings,
        List<IdMap> gidMappings,
        String hostname,
        String domainname,
        List<MountConfig> mounts,
        List<DeviceConfig> devices,
        List<String> maskedPaths,
        List<String> readonlyPaths,
        long rootfsPropagation,
        Map<String, String> sysctl,
        ProcessConfig process,
        String cgroupsPath,
        Resources resources,
        Hooks hooks,
        Map<String, String> annotations,
        int personality,
        Map<String, long[]> timeOffsets,
        dev.berth.runtime.seccomp.SeccompProgram seccomp) {

    /** One line of a uid or gid map: {@code containerId hostId size}. */
    public record IdMap(long containerId, long hostId, long size) {
        @Override
        public String toString() {
            return containerId + " " + hostId + " " + size;
        }
    }

    public ContainerConfig withProcess(ProcessConfig p) {
        return new ContainerConfig(id, bundle, rootfs, rootReadonly, namespaces, uidMappings, gidMappings, hostname,
                domainname, mounts, devices, maskedPaths, readonlyPaths, rootfsPropagation, sysctl, p, cgroupsPath,
                resources, hooks, annotations, personality, timeOffsets, seccomp);
    }

    /** Whether a namespace of {@code type} ({@code "user"}, {@code "mount"}...) is created or joined. */
    public boolean has(String type) {
        return namespace(type) != null;
    }

    /** The namespace of {@code type}, or null. */
    public NamespaceConfig namespace(String type) {
        for (NamespaceConfig n : namespaces) {
            if (n.type().equals(type)) {
                return n;
            }
        }
        return null;
    }

    /** Whether the container gets a user namespace of its own. */
    public boolean newUserNamespace() {
        NamespaceConfig u = namespace("user");
        return u != null && u.path() == null;
    }
}
