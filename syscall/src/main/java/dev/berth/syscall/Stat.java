package dev.berth.syscall;

/** File types and modes ({@code <linux/stat.h>}) and the {@code statx(2)} mask bits. */
public final class Stat {
    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;
    public static final int S_ISUID = 04000;
    public static final int S_ISGID = 02000;
    public static final int S_ISVTX = 01000;

    public static final int STATX_TYPE = 0x0001;
    public static final int STATX_MODE = 0x0002;
    public static final int STATX_NLINK = 0x0004;
    public static final int STATX_UID = 0x0008;
    public static final int STATX_GID = 0x0010;
    public static final int STATX_ATIME = 0x0020;
    public static final int STATX_MTIME = 0x0040;
    public static final int STATX_CTIME = 0x0080;
    public static final int STATX_INO = 0x0100;
    public static final int STATX_SIZE = 0x0200;
    public static final int STATX_BLOCKS = 0x0400;
    public static final int STATX_BASIC_STATS = 0x07ff;
    public static final int STATX_BTIME = 0x0800;
    public static final int STATX_MNT_ID = 0x1000;
    public static final int STATX_DIOALIGN = 0x2000;

    private Stat() {}

    /** The file type bits of {@code mode} as {@code S_IFDIR}, for messages. */
    public static String formatType(int mode) {
        return switch (mode & S_IFMT) {
            case S_IFSOCK -> "S_IFSOCK";
            case S_IFLNK -> "S_IFLNK";
            case S_IFREG -> "S_IFREG";
            case S_IFBLK -> "S_IFBLK";
            case S_IFDIR -> "S_IFDIR";
            case S_IFCHR -> "S_IFCHR";
            case S_IFIFO -> "S_IFIFO";
            default -> "0";
        };
    }

    /** A {@code mknod(2)} mode as {@code S_IFCHR|0666}. */
    public static String formatMode(int mode) {
        int type = mode & S_IFMT;
        int bits = mode & ~S_IFMT;
        String perm = bits == 0 ? "0" : "0" + Integer.toOctalString(bits);
        return type == 0 ? perm : formatType(mode) + "|" + perm;
    }

    /** {@code makedev(3)}: a device number from major and minor, as the kernel's {@code new_encode_dev}. */
    public static long makedev(int major, int minor) {
        long ma = major & 0xFFFF_FFFFL;
        long mi = minor & 0xFFFF_FFFFL;
        return ((ma & 0xfffff000L) << 32) | ((ma & 0xfffL) << 8) | ((mi & 0xffffff00L) << 12) | (mi & 0xffL);
    }
}
