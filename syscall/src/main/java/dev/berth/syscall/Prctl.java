package dev.berth.syscall;

/** Options of {@code prctl(2)} ({@code <linux/prctl.h>}) and the secure bits ({@code <linux/securebits.h>}). */
public final class Prctl {
    public static final int PR_SET_PDEATHSIG = 1;
    public static final int PR_GET_PDEATHSIG = 2;
    public static final int PR_GET_DUMPABLE = 3;
    public static final int PR_SET_DUMPABLE = 4;
    public static final int PR_GET_KEEPCAPS = 7;
    public static final int PR_SET_KEEPCAPS = 8;
    public static final int PR_SET_NAME = 15;
    public static final int PR_GET_NAME = 16;
    public static final int PR_GET_SECCOMP = 21;
    public static final int PR_SET_SECCOMP = 22;
    public static final int PR_CAPBSET_READ = 23;
    public static final int PR_CAPBSET_DROP = 24;
    public static final int PR_GET_SECUREBITS = 27;
    public static final int PR_SET_SECUREBITS = 28;
    public static final int PR_SET_CHILD_SUBREAPER = 36;
    public static final int PR_GET_CHILD_SUBREAPER = 37;
    public static final int PR_SET_NO_NEW_PRIVS = 38;
    public static final int PR_GET_NO_NEW_PRIVS = 39;
    public static final int PR_CAP_AMBIENT = 47;
    public static final int PR_CAP_AMBIENT_IS_SET = 1;
    public static final int PR_CAP_AMBIENT_RAISE = 2;
    public static final int PR_CAP_AMBIENT_LOWER = 3;
    public static final int PR_CAP_AMBIENT_CLEAR_ALL = 4;

    public static final int SECBIT_NOROOT = 1 << 0;
    public static final int SECBIT_NOROOT_LOCKED = 1 << 1;
    public static final int SECBIT_NO_SETUID_FIXUP = 1 << 2;
    public static final int SECBIT_NO_SETUID_FIXUP_LOCKED = 1 << 3;
    public static final int SECBIT_KEEP_CAPS = 1 << 4;
    public static final int SECBIT_KEEP_CAPS_LOCKED = 1 << 5;
    public static final int SECBIT_NO_CAP_AMBIENT_RAISE = 1 << 6;
    public static final int SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED = 1 << 7;

    private Prctl() {}

    private static final class Names {
        static final FlagSet PR = FlagSet.of(Prctl.class, "PR_", n -> n.startsWith("PR_CAP_AMBIENT_"));
    }

    /** A {@code prctl(2)} option as {@code PR_SET_NO_NEW_PRIVS}. */
    public static String formatOption(int option) {
        return Names.PR.formatValue(option);
    }
}
