package dev.berth.syscall;

/**
 * Constants of the mount family: {@code mount(2)} and {@code umount2(2)} flags ({@code <linux/mount.h>},
 * {@code <sys/mount.h>}), and the new mount API ({@code open_tree(2)}, {@code move_mount(2)},
 * {@code fsopen(2)}, {@code fsconfig(2)}, {@code fsmount(2)}, {@code mount_setattr(2)}).
 */
public final class Mount {
    public static final long MS_RDONLY = 1;
    public static final long MS_NOSUID = 2;
    public static final long MS_NODEV = 4;
    public static final long MS_NOEXEC = 8;
    public static final long MS_SYNCHRONOUS = 16;
    public static final long MS_REMOUNT = 32;
    public static final long MS_MANDLOCK = 64;
    public static final long MS_DIRSYNC = 128;
    public static final long MS_NOSYMFOLLOW = 256;
    public static final long MS_NOATIME = 1024;
    public static final long MS_NODIRATIME = 2048;
    public static final long MS_BIND = 4096;
    public static final long MS_MOVE = 8192;
    public static final long MS_REC = 16384;
    public static final long MS_SILENT = 32768;
    public static final long MS_POSIXACL = 1 << 16;
    public static final long MS_UNBINDABLE = 1 << 17;
    public static final long MS_PRIVATE = 1 << 18;
    public static final long MS_SLAVE = 1 << 19;
    public static final long MS_SHARED = 1 << 20;
    public static final long MS_RELATIME = 1 << 21;
    public static final long MS_KERNMOUNT = 1 << 22;
    public static final long MS_I_VERSION = 1 << 23;
    public static final long MS_STRICTATIME = 1 << 24;
    public static final long MS_LAZYTIME = 1 << 25;

    public static final int MNT_FORCE = 1;
    public static final int MNT_DETACH = 2;
    public static final int MNT_EXPIRE = 4;
    public static final int UMOUNT_NOFOLLOW = 8;

    public static final int OPEN_TREE_CLONE = 1;
    public static final int OPEN_TREE_CLOEXEC = Open.O_CLOEXEC;

    public static final int MOVE_MOUNT_F_SYMLINKS = 0x01;
    public static final int MOVE_MOUNT_F_AUTOMOUNTS = 0x02;
    public static final int MOVE_MOUNT_F_EMPTY_PATH = 0x04;
    public static final int MOVE_MOUNT_T_SYMLINKS = 0x10;
    public static final int MOVE_MOUNT_T_AUTOMOUNTS = 0x20;
    public static final int MOVE_MOUNT_T_EMPTY_PATH = 0x40;
    public static final int MOVE_MOUNT_SET_GROUP = 0x100;

    public static final int FSOPEN_CLOEXEC = 1;
    public static final int FSPICK_CLOEXEC = 1;
    public static final int FSPICK_SYMLINK_NOFOLLOW = 2;
    public static final int FSPICK_NO_AUTOMOUNT = 4;
    public static final int FSPICK_EMPTY_PATH = 8;
    public static final int FSMOUNT_CLOEXEC = 1;

    public static final int FSCONFIG_SET_FLAG = 0;
    public static final int FSCONFIG_SET_STRING = 1;
    public static final int FSCONFIG_SET_BINARY = 2;
    public static final int FSCONFIG_SET_PATH = 3;
    public static final int FSCONFIG_SET_PATH_EMPTY = 4;
    public static final int FSCONFIG_SET_FD = 5;
    public static final int FSCONFIG_CMD_CREATE = 6;
    public static final int FSCONFIG_CMD_RECONFIGURE = 7;

    public static final long MOUNT_ATTR_RDONLY = 0x00000001;
    public static final long MOUNT_ATTR_NOSUID = 0x00000002;
    public static final long MOUNT_ATTR_NODEV = 0x00000004;
    public static final long MOUNT_ATTR_NOEXEC = 0x00000008;
    public static final long MOUNT_ATTR__ATIME = 0x00000070;
    public static final long MOUNT_ATTR_RELATIME = 0x00000000;
    public static final long MOUNT_ATTR_NOATIME = 0x00000010;
    public static final long MOUNT_ATTR_STRICTATIME = 0x00000020;
    public static final long MOUNT_ATTR_NODIRATIME = 0x00000080;
    public static final long MOUNT_ATTR_IDMAP = 0x00100000;
    public static final long MOUNT_ATTR_NOSYMFOLLOW = 0x00200000;
    public static final int MOUNT_ATTR_SIZE_VER0 = 32;

    private Mount() {}

    private static final class Names {
        static final FlagSet MS = FlagSet.of(Mount.class, "MS_");
        static final FlagSet UMOUNT = FlagSet.of(Mount.class, "MNT_");
        static final FlagSet MOVE = FlagSet.of(Mount.class, "MOVE_MOUNT_");
        static final FlagSet ATTR = FlagSet.of(Mount.class, "MOUNT_ATTR_", n -> n.equals("MOUNT_ATTR__ATIME")
                || n.equals("MOUNT_ATTR_SIZE_VER0"));
        static final FlagSet OPEN_TREE = FlagSet.of(Mount.class, "OPEN_TREE_").and(At.names());
        static final FlagSet FSCONFIG = FlagSet.of(Mount.class, "FSCONFIG_");
    }

    /** {@code mount(2)} flags as {@code MS_BIND|MS_REC}. */
    public static String formatMs(long flags) {
        return Names.MS.format(flags);
    }

    /** {@code umount2(2)} flags as {@code MNT_DETACH}. */
    public static String formatUmount(int flags) {
        String s = Names.UMOUNT.format(flags & ~UMOUNT_NOFOLLOW);
        return (flags & UMOUNT_NOFOLLOW) != 0 ? (s.equals("0") ? "" : s + "|") + "UMOUNT_NOFOLLOW" : s;
    }

    /** {@code move_mount(2)} flags. */
    public static String formatMove(int flags) {
        return Names.MOVE.format(flags);
    }

    /** {@code mount_attr} bits as {@code MOUNT_ATTR_RDONLY|MOUNT_ATTR_NOSUID}. */
    public static String formatAttr(long attr) {
        return Names.ATTR.format(attr);
    }

    /** {@code open_tree(2)} flags. */
    public static String formatOpenTree(int flags) {
        return Names.OPEN_TREE.format(flags);
    }

    /** An {@code fsconfig(2)} command. */
    public static String formatFsconfigCmd(int cmd) {
        return cmd == 0 ? "FSCONFIG_SET_FLAG" : Names.FSCONFIG.formatValue(cmd);
    }
}
