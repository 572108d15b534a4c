package dev.berth.syscall;

/** Flags and the special directory fd of the {@code *at(2)} calls ({@code <linux/fcntl.h>}). */
public final class At {
    /** The "current working directory" directory fd. */
    public static final int AT_FDCWD = -100;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    public static final int AT_EACCESS = 0x200;
    public static final int AT_REMOVEDIR = 0x200;
    public static final int AT_SYMLINK_FOLLOW = 0x400;
    public static final int AT_NO_AUTOMOUNT = 0x800;
    public static final int AT_EMPTY_PATH = 0x1000;
    public static final int AT_STATX_SYNC_AS_STAT = 0x0000;
    public static final int AT_STATX_FORCE_SYNC = 0x2000;
    public static final int AT_STATX_DONT_SYNC = 0x4000;
    public static final int AT_RECURSIVE = 0x8000;

    private At() {}

    private static final class Names {
        static final FlagSet SET = FlagSet.of(At.class, "AT_", n -> n.equals("AT_FDCWD") || n.equals("AT_EACCESS"));
    }

    static FlagSet names() {
        return Names.SET;
    }

    /** {@code flags} as {@code AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH}. */
    public static String format(int flags) {
        return Names.SET.format(flags);
    }
}
