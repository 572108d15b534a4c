package dev.berth.runtime.e2e;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One line of {@code /proc/PID/mountinfo} (proc(5)): {@code 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3
 * /dev/root rw,errors=continue}.
 *
 * @param device {@code major:minor} of the filesystem
 * @param root the mount's root within its filesystem
 * @param point the mount point
 * @param options per-mount options ({@code ro}, {@code nosuid}...)
 * @param type the filesystem type
 * @param source the mount source
 * @param superOptions per-superblock options ({@code size=65536k}, {@code mode=755}...)
 */
public record MountInfo(String device, String root, String point, Set<String> options, String type, String source,
        Set<String> superOptions) {

    public static MountInfo parseLine(String line) {
        int dash = line.indexOf(" - ");
        String[] f = line.substring(0, dash).split(" ");
        String[] t = line.substring(dash + 3).split(" ");
        return new MountInfo(f[2], unescape(f[3]), unescape(f[4]), Set.of(f[5].split(",")), t[0], t[1],
                Set.of(t.length > 2 ? t[2].split(",") : new String[0]));
    }

    /** The mounts of a mountinfo text by mount point; the last (topmost) one wins. */
    public static Map<String, MountInfo> parse(String text) {
        Map<String, MountInfo> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.contains(" - ")) {
                MountInfo i = parseLine(line);
                m.put(i.point(), i);
            }
        }
        return m;
    }

    /** Every mount line, in order. */
    public static List<MountInfo> all(String text) {
        return text.lines().filter(l -> l.contains(" - ")).map(MountInfo::parseLine).toList();
    }

    private static String unescape(String s) {
        return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }

    public boolean readOnly() {
        return options.contains("ro");
    }
}
