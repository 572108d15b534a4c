package dev.berth.specs;

import java.util.Objects;

/**
 * The container's root filesystem ({@code root}).
 *
 * @param path absolute, or relative to the bundle directory (conventionally {@code rootfs})
 * @param readonly whether the root filesystem is read-only inside the container
 */
public record Root(String path, boolean readonly) {
    public Root {
        Objects.requireNonNull(path, "path");
    }
}
