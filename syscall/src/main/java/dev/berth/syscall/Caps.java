package dev.berth.syscall;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Capabilities ({@code <linux/capability.h>}, {@code capabilities(7)}): numbers, names, and the
 * header version of {@code capget(2)}/{@code capset(2)}.
 */
public final class Caps {
    public static final int CAP_CHOWN = 0;
    public static final int CAP_DAC_OVERRIDE = 1;
    public static final int CAP_DAC_READ_SEARCH = 2;
    public static final int CAP_FOWNER = 3;
    public static final int CAP_FSETID = 4;
    public static final int CAP_KILL = 5;
    public static final int CAP_SETGID = 6;
    public static final int CAP_SETUID = 7;
    public static final int CAP_SETPCAP = 8;
    public static final int CAP_LINUX_IMMUTABLE = 9;
    public static final int CAP_NET_BIND_SERVICE = 10;
    public static final int CAP_NET_BROADCAST = 11;
    public static final int CAP_NET_ADMIN = 12;
    public static final int CAP_NET_RAW = 13;
    public static final int CAP_IPC_LOCK = 14;
    public static final int CAP_IPC_OWNER = 15;
    public static final int CAP_SYS_MODULE = 16;
    public static final int CAP_SYS_RAWIO = 17;
    public static final int CAP_SYS_CHROOT = 18;
    public static final int CAP_SYS_PTRACE = 19;
    public static final int CAP_SYS_PACCT = 20;
    public static final int CAP_SYS_ADMIN = 21;
    public static final int CAP_SYS_BOOT = 22;
    public static final int CAP_SYS_NICE = 23;
    public static final int CAP_SYS_RESOURCE = 24;
    public static final int CAP_SYS_TIME = 25;
    public static final int CAP_SYS_TTY_CONFIG = 26;
    public static final int CAP_MKNOD = 27;
    public static final int CAP_LEASE = 28;
    public static final int CAP_AUDIT_WRITE = 29;
    public static final int CAP_AUDIT_CONTROL = 30;
    public static final int CAP_SETFCAP = 31;
    public static final int CAP_MAC_OVERRIDE = 32;
    public static final int CAP_MAC_ADMIN = 33;
    public static final int CAP_SYSLOG = 34;
    public static final int CAP_WAKE_ALARM = 35;
    public static final int CAP_BLOCK_SUSPEND = 36;
    public static final int CAP_AUDIT_READ = 37;
    public static final int CAP_PERFMON = 38;
    public static final int CAP_BPF = 39;
    public static final int CAP_CHECKPOINT_RESTORE = 40;
    /** The highest capability these tables know; the running kernel's is in {@code /proc/sys/kernel/cap_last_cap}. */
    public static final int CAP_LAST_CAP = CAP_CHECKPOINT_RESTORE;

    /** {@code _LINUX_CAPABILITY_VERSION_3}: two 32-bit data words per set. */
    public static final int _LINUX_CAPABILITY_VERSION_3 = 0x20080522;
    public static final int _LINUX_CAPABILITY_U32S_3 = 2;

    private Caps() {}

    private static final class Names {
        static final FlagSet SET = FlagSet.of(Caps.class, "CAP_", n -> n.equals("CAP_LAST_CAP"));
    }

    /** The name of capability {@code cap}: {@code CAP_SYS_ADMIN}, or {@code CAP_<n>} for one newer than this table. */
    public static String name(int cap) {
        return cap == CAP_CHOWN ? "CAP_CHOWN" : cap > CAP_LAST_CAP ? "CAP_" + cap : Names.SET.formatValue(cap);
    }

    /** The number of a capability written as {@code CAP_NET_ADMIN} or {@code net_admin}, or -1. */
    public static int number(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (!n.startsWith("CAP_")) {
            n = "CAP_" + n;
        }
        for (int c = 0; c <= CAP_LAST_CAP; c++) {
            if (name(c).equals(n)) {
                return c;
            }
        }
        return -1;
    }

    /** The capabilities in {@code mask} (bit {@code n} = capability {@code n}) by name. */
    public static List<String> names(long mask) {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < 64; c++) {
            if ((mask & (1L << c)) != 0) {
                out.add(name(c));
            }
        }
        return out;
    }
}
