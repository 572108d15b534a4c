package dev.berth.runtime.e2e;

import java.util.List;

/**
 * Capability numbers from {@code <linux/capability.h>}, written out here rather than taken from Berth's
 * own table, so that the tests compute the masks they expect independently of the code under test.
 */
public final class Capabilities {
    private static final List<String> NAMES = List.of("CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID",
            "KILL", "SETGID", "SETUID", "SETPCAP", "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN",
            "NET_RAW", "IPC_LOCK", "IPC_OWNER", "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT",
            "SYS_ADMIN", "SYS_BOOT", "SYS_NICE", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE",
            "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP", "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM",
            "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF", "CHECKPOINT_RESTORE");

    private Capabilities() {}

    /** The mask of {@code names} ({@code CAP_KILL}...). */
    public static long mask(List<?> names) {
        long m = 0;
        for (Object n : names) {
            int bit = NAMES.indexOf(((String) n).substring("CAP_".length()));
            if (bit < 0) {
                throw new IllegalArgumentException("unknown capability " + n);
            }
            m |= 1L << bit;
        }
        return m;
    }

    /** A set as {@code /proc/PID/status} prints it ({@code CapEff:\t0000000020000420}). */
    public static String line(String field, long mask) {
        return field + ":\t" + String.format("%016x", mask);
    }
}
