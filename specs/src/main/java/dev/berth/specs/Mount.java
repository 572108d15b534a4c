package dev.berth.specs;

import dev.berth.specs.internal.Immutable;
import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code mounts}, mounted in list order with mount(2).
 *
 * @param destination path inside the container
 * @param type filesystem type, null when absent (a dummy such as {@code none} for bind mounts)
 * @param source device, directory or dummy; null when absent; relative paths are relative to the bundle
 * @param options fstab-style options ({@code bind}, {@code ro}, {@code mode=755}...)
 * @param uidMappings idmapped mount: uid mapping of the mount
 * @param gidMappings idmapped mount: gid mapping of the mount
 */
public record Mount(
        String destination,
        String type,
        String source,
        List<String> options,
        List<IdMapping> uidMappings,
        List<IdMapping> gidMappings) {

    public Mount {
        Objects.requireNonNull(destination, "destination");
        options = Immutable.list(options);
        uidMappings = Immutable.list(uidMappings);
        gidMappings = Immutable.list(gidMappings);
    }

    /** A mount without idmapping. */
    public Mount(String destination, String type, String source, List<String> options) {
        this(destination, type, source, options, List.of(), List.of());
    }

    /** Whether {@code bind} or {@code rbind} is among the options. */
    public boolean isBind() {
        return options.contains("bind") || options.contains("rbind");
    }
}
