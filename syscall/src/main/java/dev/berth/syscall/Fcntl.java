package dev.berth.syscall;

/**
 * Commands and flags of {@code fcntl(2)}, {@code close_range(2)}, {@code memfd_create(2)},
 * {@code renameat2(2)} and {@code lseek(2)} ({@code <linux/fcntl.h>}, {@code <linux/close_range.h>},
 * {@code <linux/memfd.h>}, {@code <linux/fs.h>}).
 */
public final class Fcntl {
    public static final int F_DUPFD = 0;
    public static final int F_GETFD = 1;
    public static final int F_SETFD = 2;
    public static final int F_GETFL = 3;
    public static final int F_SETFL = 4;
    public static final int F_SETOWN = 8;
    public static final int F_GETOWN = 9;
    public static final int F_DUPFD_CLOEXEC = 1030;
    public static final int F_SETPIPE_SZ = 1031;
    public static final int F_GETPIPE_SZ = 1032;
    public static final int F_ADD_SEALS = 1033;
    public static final int F_GET_SEALS = 1034;
    public static final int FD_CLOEXEC = 1;
    public static final int F_SEAL_SEAL = 0x0001;
    public static final int F_SEAL_SHRINK = 0x0002;
    public static final int F_SEAL_GROW = 0x0004;
    public static final int F_SEAL_WRITE = 0x0008;

    public static final int CLOSE_RANGE_UNSHARE = 1 << 1;
    public static final int CLOSE_RANGE_CLOEXEC = 1 << 2;

    public static final int MFD_CLOEXEC = 0x0001;
    public static final int MFD_ALLOW_SEALING = 0x0002;

    public static final int RENAME_NOREPLACE = 1;
    public static final int RENAME_EXCHANGE = 2;
    public static final int RENAME_WHITEOUT = 4;

    public static final int SEEK_SET = 0;
    public static final int SEEK_CUR = 1;
    public static final int SEEK_END = 2;

    private Fcntl() {}

    private static final class Names {
        static final FlagSet CMD = FlagSet.of(Fcntl.class, "F_", n -> n.startsWith("F_SEAL_"));
        static final FlagSet CLOSE_RANGE = FlagSet.of(Fcntl.class, "CLOSE_RANGE_");
        static final FlagSet RENAME = FlagSet.of(Fcntl.class, "RENAME_");
    }

    /** An {@code fcntl(2)} command as {@code F_SETFD}. */
    public static String formatCmd(int cmd) {
        return cmd == F_DUPFD ? "F_DUPFD" : Names.CMD.formatValue(cmd);
    }

    /** {@code close_range(2)} flags. */
    public static String formatCloseRange(int flags) {
        return Names.CLOSE_RANGE.format(flags);
    }

    /** {@code renameat2(2)} flags. */
    public static String formatRename(int flags) {
        return Names.RENAME.format(flags);
    }
}
