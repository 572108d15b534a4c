package dev.berth.runtime.config;

/**
 * A device node in the container's {@code /dev}.
 *
 * @param path absolute path inside the container
 * @param type {@code 'c'}, {@code 'b'}, {@code 'p'} (fifo)
 * @param major major number
 * @param minor minor number
 * @param mode permission bits
 * @param uid owner inside the container
 * @param gid group inside the container
 */
public record DeviceConfig(String path, char type, long major, long minor, int mode, long uid, long gid) {
    /** What runc creates in every container: null, zero, full, random, urandom, tty. */
    public static final java.util.List<DeviceConfig> DEFAULTS = java.util.List.of(
            new DeviceConfig("/dev/null", 'c', 1, 3, 0666, 0, 0),
            new DeviceConfig("/dev/zero", 'c', 1, 5, 0666, 0, 0),
            new DeviceConfig("/dev/full", 'c', 1, 7, 0666, 0, 0),
            new DeviceConfig("/dev/random", 'c', 1, 8, 0666, 0, 0),
            new DeviceConfig("/dev/urandom", 'c', 1, 9, 0666, 0, 0),
            new DeviceConfig("/dev/tty", 'c', 5, 0, 0666, 0, 0));
}
