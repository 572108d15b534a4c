package dev.berth.syscall;

/**
 * Flags of {@code open(2)}/{@code openat2(2)} ({@code <asm-generic/fcntl.h>}) and the
 * {@code RESOLVE_*} flags of {@code struct open_how} ({@code <linux/openat2.h>}). Three flags differ
 * between architectures and come from {@link Arch}.
 */
public final class Open {
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_ACCMODE = 3;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NOCTTY = 0400;
    public static final int O_TRUNC = 01000;
    public static final int O_APPEND = 02000;
    public static final int O_NONBLOCK = 04000;
    public static final int O_DSYNC = 010000;
    public static final int O_ASYNC = 020000;
    public static final int O_DIRECT = Arch.current().O_DIRECT;
    public static final int O_DIRECTORY = Arch.current().O_DIRECTORY;
    public static final int O_NOFOLLOW = Arch.current().O_NOFOLLOW;
    public static final int O_NOATIME = 01000000;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_SYNC = 04000000 | O_DSYNC;
    public static final int O_PATH = 010000000;
    public static final int O_TMPFILE = 020000000 | O_DIRECTORY;

    public static final long RESOLVE_NO_XDEV = 0x01;
    public static final long RESOLVE_NO_MAGICLINKS = 0x02;
    public static final long RESOLVE_NO_SYMLINKS = 0x04;
    public static final long RESOLVE_BENEATH = 0x08;
    public static final long RESOLVE_IN_ROOT = 0x10;
    public static final long RESOLVE_CACHED = 0x20;

    private Open() {}

    private static final class Names {
        static final FlagSet O = FlagSet.of(Open.class, "O_", n -> n.equals("O_ACCMODE"))
                .withField(O_ACCMODE, "O_RDONLY", "O_WRONLY", "O_RDWR");
        static final FlagSet RESOLVE = FlagSet.of(Open.class, "RESOLVE_");
    }

    /** Open flags as {@code O_RDONLY|O_CLOEXEC|O_DIRECTORY}. */
    public static String format(int flags) {
        return Names.O.format(flags);
    }

    /** {@code open_how.resolve} as {@code RESOLVE_IN_ROOT|RESOLVE_NO_MAGICLINKS}. */
    public static String formatResolve(long resolve) {
        return Names.RESOLVE.format(resolve);
    }
}
