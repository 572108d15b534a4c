package dev.berth.syscall;

/** {@code waitid(2)} id types, options and {@code si_code} values of {@code SIGCHLD} ({@code <linux/wait.h>}). */
public final class Wait {
    public static final int P_ALL = 0;
    public static final int P_PID = 1;
    public static final int P_PGID = 2;
    public static final int P_PIDFD = 3;

    public static final int WNOHANG = 0x00000001;
    public static final int WSTOPPED = 0x00000002;
    public static final int WUNTRACED = WSTOPPED;
    public static final int WEXITED = 0x00000004;
    public static final int WCONTINUED = 0x00000008;
    public static final int WNOWAIT = 0x01000000;
    public static final int __WNOTHREAD = 0x20000000;
    public static final int __WALL = 0x40000000;
    public static final int __WCLONE = 0x80000000;

    public static final int CLD_EXITED = 1;
    public static final int CLD_KILLED = 2;
    public static final int CLD_DUMPED = 3;
    public static final int CLD_TRAPPED = 4;
    public static final int CLD_STOPPED = 5;
    public static final int CLD_CONTINUED = 6;

    private Wait() {}

    private static final class Names {
        static final FlagSet OPTIONS = FlagSet.of(Wait.class, "W", n -> n.equals("WUNTRACED"))
                .and(FlagSet.of(Wait.class, "__W"));
        static final FlagSet IDTYPE = FlagSet.of(Wait.class, "P_");
    }

    /** {@code waitid(2)} options as {@code WEXITED|WNOHANG}. */
    public static String formatOptions(int options) {
        return Names.OPTIONS.format(options);
    }

    /** An id type as {@code P_PIDFD}. */
    public static String formatIdType(int idtype) {
        return idtype == P_ALL ? "P_ALL" : Names.IDTYPE.formatValue(idtype);
    }
}
