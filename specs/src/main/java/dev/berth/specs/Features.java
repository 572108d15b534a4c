package dev.berth.specs;

import dev.berth.specs.internal.Immutable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a runtime implements, as its {@code features} command prints it (features.md,
 * features-linux.md). Lists hold the recognised names; a sub-object is null when absent.
 *
 * @param ociVersionMin oldest spec version supported
 * @param ociVersionMax newest spec version supported
 * @param hooks recognised hook names
 * @param mountOptions recognised mount options
 * @param linux the Linux part, null when absent
 * @param annotations implementation details, in document order
 * @param potentiallyUnsafeConfigAnnotations config annotations (or prefixes ending in {@code .}) that change the runtime's behaviour
 */
public record Features(
        String ociVersionMin,
        String ociVersionMax,
        List<String> hooks,
        List<String> mountOptions,
        LinuxFeatures linux,
        Map<String, String> annotations,
        List<String> potentiallyUnsafeConfigAnnotations) {

    public Features {
        Objects.requireNonNull(ociVersionMin, "ociVersionMin");
        Objects.requireNonNull(ociVersionMax, "ociVersionMax");
        hooks = Immutable.list(hooks);
        mountOptions = Immutable.list(mountOptions);
        annotations = Immutable.map(annotations);
        potentiallyUnsafeConfigAnnotations = Immutable.list(potentiallyUnsafeConfigAnnotations);
    }

    /**
     * The Linux features.
     *
     * @param namespaces recognised namespace types
     * @param capabilities recognised capability names
     * @param cgroup cgroup managers, null when absent
     * @param seccomp seccomp support, null when absent
     * @param apparmor null when absent
     * @param selinux null when absent
     * @param intelRdt null when absent
     * @param mountExtensions null when absent
     * @param netDevices null when absent
     * @param memoryPolicy null when absent
     */
    public record LinuxFeatures(
            List<String> namespaces,
            List<String> capabilities,
            Cgroup cgroup,
            SeccompFeatures seccomp,
            Enabled apparmor,
            Enabled selinux,
            IntelRdtFeatures intelRdt,
            MountExtensions mountExtensions,
            Enabled netDevices,
            MemoryPolicyFeatures memoryPolicy) {
        public LinuxFeatures {
            namespaces = Immutable.list(namespaces);
            capabilities = Immutable.list(capabilities);
        }
    }

    /** cgroup managers; each flag null when absent. */
    public record Cgroup(Boolean v1, Boolean v2, Boolean systemd, Boolean systemdUser, Boolean rdma) {}

    /** Seccomp support: recognised actions, operators, architectures and flags. */
    public record SeccompFeatures(Boolean enabled, List<String> actions, List<String> operators, List<String> archs,
            List<String> knownFlags, List<String> supportedFlags) {
        public SeccompFeatures {
            actions = Immutable.list(actions);
            operators = Immutable.list(operators);
            archs = Immutable.list(archs);
            knownFlags = Immutable.list(knownFlags);
            supportedFlags = Immutable.list(supportedFlags);
        }
    }

    /** An object with one {@code enabled} flag, null when absent. */
    public record Enabled(Boolean enabled) {}

    /** Intel RDT support; each flag null when absent. */
    public record IntelRdtFeatures(Boolean enabled, Boolean schemata, Boolean monitoring) {}

    /** Mount extensions: {@code idmap} support, null when absent. */
    public record MountExtensions(Enabled idmap) {}

    /** Recognised memory policy modes and flags. */
    public record MemoryPolicyFeatures(List<String> modes, List<String> flags) {
        public MemoryPolicyFeatures {
            modes = Immutable.list(modes);
            flags = Immutable.list(flags);
        }
    }
}
