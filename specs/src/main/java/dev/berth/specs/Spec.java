package dev.berth.specs;

import dev.berth.specs.internal.Immutable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A container's configuration: the {@code config.json} of an OCI bundle (runtime-spec 1.3, Linux part).
 * Properties of other platforms ({@code windows}, {@code solaris}, {@code vm}, {@code zos},
 * {@code freebsd}) are not modelled and, like every unknown property, ignored when read.
 *
 * @param ociVersion the version of the spec the document follows (SemVer)
 * @param process the container process, null when absent (required only to start the container)
 * @param root the root filesystem, null when absent
 * @param hostname null when absent
 * @param domainname null when absent
 * @param mounts additional mounts, in mount order
 * @param hooks lifecycle hooks, null when absent
 * @param annotations arbitrary metadata, in document order
 * @param linux the Linux section, null when absent
 */
public record Spec(
        String ociVersion,
        Process process,
        Root root,
        String hostname,
        String domainname,
        List<Mount> mounts,
        Hooks hooks,
        Map<String, String> annotations,
        Linux linux) {

    /** The version of the runtime spec this model follows and Berth writes. */
    public static final String VERSION = "1.3.0";

    public Spec {
        Objects.requireNonNull(ociVersion, "ociVersion");
        mounts = Immutable.list(mounts);
        annotations = Immutable.map(annotations);
    }

    public Spec withProcess(Process process) {
        return new Spec(ociVersion, process, root, hostname, domainname, mounts, hooks, annotations, linux);
    }

    public Spec withRoot(Root root) {
        return new Spec(ociVersion, process, root, hostname, domainname, mounts, hooks, annotations, linux);
    }

    public Spec withHostname(String hostname) {
        return new Spec(ociVersion, process, root, hostname, domainname, mounts, hooks, annotations, linux);
    }

    public Spec withMounts(List<Mount> mounts) {
        return new Spec(ociVersion, process, root, hostname, domainname, mounts, hooks, annotations, linux);
    }

    public Spec withHooks(Hooks hooks) {
        return new Spec(ociVersion, process, root, hostname, domainname, mounts, hooks, annotations, linux);
    }

    public Spec withAnnotations(Map<String, String> annotations) {
        return new Spec(ociVersion, process, root, hostname, domainname, mounts, hooks, annotations, linux);
    }

    public Spec withLinux(Linux linux) {
        return new Spec(ociVersion, process, root, hostname, domainname, mounts, hooks, annotations, linux);
    }
}
