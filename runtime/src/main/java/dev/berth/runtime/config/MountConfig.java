package dev.berth.runtime.config;

/**
 * One mount of the container, normalised.
 *
 * @param destination absolute path inside the container
 * @param type filesystem type ({@code proc}, {@code tmpfs}, ...), or {@code "bind"} for bind mounts
 * @param source for a bind: the absolute host path; otherwise the source the filesystem takes
 *     ({@code "tmpfs"}, {@code "/dev/sda1"}, an overlay's name)
 * @param options the parsed options
 * @param specIndex the index in the spec's {@code mounts}, for error messages
 */
public record MountConfig(String destination, String type, String source, MountOptions options, int specIndex) {
    public boolean isBind() {
        return options.bind() || "bind".equals(type);
    }
}
