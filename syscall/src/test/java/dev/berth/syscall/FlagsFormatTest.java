package dev.berth.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Flags printed symbolically, as strace prints them and as {@link ErrnoException} messages and printed
 * spawn plans show them: {@link FlagSet} itself, then each family's formatter.
 */
class FlagsFormatTest {
    /** A family of constants to exercise {@link FlagSet} on its own. */
    public static final class Demo {
        public static final int D_A = 0x1;
        public static final int D_B = 0x2;
        public static final int D_AB = D_A | D_B;
        public static final int D_C = 0x10;
        public static final long D_HIGH = 1L << 40;
        public static final int D_SKIPPED = 0x100;
        public static final int D_ZERO = 0;
        public static final int OTHER = 0x4;
        public static final String D_NOT_A_NUMBER = "x";

        private Demo() {}
    }

    private static final FlagSet DEMO = FlagSet.of(Demo.class, "D_", n -> n.equals("D_SKIPPED"));

    @Test
    void flagSetNamesBitsMultiBitNamesFirstAndUnknownBitsInHex() {
        assertEquals("D_A", DEMO.format(0x1));
        assertEquals("D_AB", DEMO.format(0x3), "a name covering several bits wins over its parts");
        assertEquals("D_AB|D_C", DEMO.format(0x13));
        assertEquals("D_A|D_HIGH", DEMO.format(1 | (1L << 40)), "long constants take part");
        assertEquals("D_C|0x104", DEMO.format(0x114), "skipped names and other prefixes are unknown bits");
        assertEquals("0x8000000000000000", DEMO.format(Long.MIN_VALUE));
        assertEquals("0", DEMO.format(0), "zero constants are never printed for a set bit");
    }

    @Test
    void flagSetFormatValueNamesWholeValuesOnly() {
        assertEquals("D_AB", DEMO.formatValue(3));
        assertEquals("D_C", DEMO.formatValue(0x10));
        assertEquals("17", DEMO.formatValue(0x11), "no exact name: the number");
    }

    @Test
    void flagSetFieldAndUnion() {
        FlagSet withField = FlagSet.of(Demo.class, "D_").withField(0x3, "ZERO", "ONE", "TWO");
        assertEquals("ZERO", withField.format(0));
        assertEquals("TWO|D_C", withField.format(0x12));
        assertEquals("0x3|D_C", withField.format(0x13), "a field value without a name is shown in hex");
        FlagSet both = DEMO.and(FlagSet.of(Demo.class, "OTHER"));
        assertEquals("D_A|OTHER", both.format(0x5));
    }

    @Test
    void mountFlags() {
        assertEquals("MS_BIND|MS_REC", Mount.formatMs(Mount.MS_BIND | Mount.MS_REC));
        assertEquals("MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC|MS_REMOUNT|MS_BIND",
                Mount.formatMs(Mount.MS_BIND | Mount.MS_REMOUNT | Mount.MS_RDONLY | Mount.MS_NOSUID | Mount.MS_NODEV
                        | Mount.MS_NOEXEC));
        assertEquals("MS_BIND|0x80000000", Mount.formatMs(Mount.MS_BIND | 0x8000_0000L));
        assertEquals("MS_PRIVATE|0x10000000000", Mount.formatMs(Mount.MS_PRIVATE | (1L << 40)));
        assertEquals("0", Mount.formatMs(0));
        assertEquals("MNT_DETACH|UMOUNT_NOFOLLOW", Mount.formatUmount(Mount.MNT_DETACH | Mount.UMOUNT_NOFOLLOW));
        assertEquals("UMOUNT_NOFOLLOW", Mount.formatUmount(Mount.UMOUNT_NOFOLLOW));
        assertEquals("0", Mount.formatUmount(0));
        assertEquals("MOVE_MOUNT_F_EMPTY_PATH|MOVE_MOUNT_T_SYMLINKS",
                Mount.formatMove(Mount.MOVE_MOUNT_F_EMPTY_PATH | Mount.MOVE_MOUNT_T_SYMLINKS));
        assertEquals("MOUNT_ATTR_RDONLY|MOUNT_ATTR_NOATIME",
                Mount.formatAttr(Mount.MOUNT_ATTR_RDONLY | Mount.MOUNT_ATTR_NOATIME));
        assertEquals("OPEN_TREE_CLONE|AT_RECURSIVE|OPEN_TREE_CLOEXEC",
                Mount.formatOpenTree(Mount.OPEN_TREE_CLONE | Mount.OPEN_TREE_CLOEXEC | At.AT_RECURSIVE));
        assertEquals("FSCONFIG_SET_FLAG", Mount.formatFsconfigCmd(Mount.FSCONFIG_SET_FLAG));
        assertEquals("FSCONFIG_CMD_CREATE", Mount.formatFsconfigCmd(Mount.FSCONFIG_CMD_CREATE));
    }

    @Test
    void openFlagsReadTheAccessModeAsAField() {
        assertEquals("O_RDONLY", Open.format(0));
        assertEquals("O_RDONLY|O_DIRECTORY|O_CLOEXEC", Open.format(Open.O_RDONLY | Open.O_CLOEXEC | Open.O_DIRECTORY));
        assertEquals("O_WRONLY|O_CREAT|O_TRUNC", Open.format(Open.O_WRONLY | Open.O_CREAT | Open.O_TRUNC));
        assertEquals("O_RDWR|O_TMPFILE", Open.format(Open.O_RDWR | Open.O_TMPFILE), "O_TMPFILE includes O_DIRECTORY");
        assertEquals("O_WRONLY|O_SYNC", Open.format(Open.O_WRONLY | Open.O_SYNC), "O_SYNC includes O_DSYNC");
        assertEquals("0x3", Open.format(Open.O_ACCMODE), "no access mode 3");
        assertEquals("O_RDONLY|O_PATH|0x40000000", Open.format(Open.O_PATH | 0x4000_0000));
        assertEquals("RESOLVE_NO_MAGICLINKS|RESOLVE_IN_ROOT",
                Open.formatResolve(Open.RESOLVE_IN_ROOT | Open.RESOLVE_NO_MAGICLINKS));
    }

    @Test
    void otherFamilies() {
        assertEquals("CLONE_NEWNS|CLONE_NEWPID|CLONE_CLEAR_SIGHAND",
                Clone.format(Clone.CLONE_NEWNS | Clone.CLONE_NEWPID | Clone.CLONE_CLEAR_SIGHAND));
        assertEquals("AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH", At.format(At.AT_SYMLINK_NOFOLLOW | At.AT_EMPTY_PATH));
        assertEquals("AT_REMOVEDIR", At.format(At.AT_REMOVEDIR), "not AT_EACCESS, which shares its bit");
        assertEquals("F_DUPFD", Fcntl.formatCmd(Fcntl.F_DUPFD));
        assertEquals("F_DUPFD_CLOEXEC", Fcntl.formatCmd(Fcntl.F_DUPFD_CLOEXEC));
        assertEquals("F_ADD_SEALS", Fcntl.formatCmd(Fcntl.F_ADD_SEALS), "seal bits are not commands");
        assertEquals("CLOSE_RANGE_CLOEXEC", Fcntl.formatCloseRange(Fcntl.CLOSE_RANGE_CLOEXEC));
        assertEquals("RENAME_NOREPLACE|RENAME_EXCHANGE",
                Fcntl.formatRename(Fcntl.RENAME_EXCHANGE | Fcntl.RENAME_NOREPLACE));
        assertEquals("SOCK_RAW|SOCK_CLOEXEC", Sock.formatType(Sock.SOCK_RAW | Sock.SOCK_CLOEXEC));
        assertEquals("SOCK_SEQPACKET|SOCK_NONBLOCK", Sock.formatType(Sock.SOCK_SEQPACKET | Sock.SOCK_NONBLOCK));
        assertEquals("AF_UNSPEC", Sock.formatFamily(Sock.AF_UNSPEC));
        assertEquals("AF_NETLINK", Sock.formatFamily(Sock.AF_NETLINK));
        assertEquals("MSG_DONTWAIT|MSG_CMSG_CLOEXEC", Sock.formatMsg(Sock.MSG_DONTWAIT | Sock.MSG_CMSG_CLOEXEC));
        assertEquals("SOL_SOCKET, SO_PEERCRED", Sock.formatOption(Sock.SOL_SOCKET, Sock.SO_PEERCRED));
        assertEquals("SOL_NETLINK, NETLINK_EXT_ACK", Sock.formatOption(Sock.SOL_NETLINK, Sock.NETLINK_EXT_ACK));
        assertEquals("WNOHANG|WEXITED", Wait.formatOptions(Wait.WEXITED | Wait.WNOHANG));
        assertEquals("WSTOPPED|__WALL", Wait.formatOptions(Wait.WUNTRACED | Wait.__WALL), "WUNTRACED is WSTOPPED");
        assertEquals("P_ALL", Wait.formatIdType(Wait.P_ALL));
        assertEquals("P_PIDFD", Wait.formatIdType(Wait.P_PIDFD));
        assertEquals("EPOLLIN|EPOLLET", Epoll.formatEvents(Epoll.EPOLLIN | Epoll.EPOLLET));
        assertEquals("EPOLL_CTL_MOD", Epoll.formatOp(Epoll.EPOLL_CTL_MOD));
        assertEquals("PROT_NONE", Mman.formatProt(Mman.PROT_NONE));
        assertEquals("PROT_READ|PROT_EXEC", Mman.formatProt(Mman.PROT_READ | Mman.PROT_EXEC));
        assertEquals("MAP_PRIVATE|MAP_ANONYMOUS", Mman.formatMap(Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS));
        assertEquals("PER_LINUX32|ADDR_NO_RANDOMIZE",
                Personality.format(Personality.PER_LINUX32 | Personality.ADDR_NO_RANDOMIZE));
        assertEquals("PER_LINUX", Personality.format(0));
        assertEquals("0xffffffff", Personality.format(Personality.QUERY));
        assertEquals("CLOCK_REALTIME", Clocks.format(Clocks.CLOCK_REALTIME));
        assertEquals("CLOCK_BOOTTIME", Clocks.format(Clocks.CLOCK_BOOTTIME));
        assertEquals("LINUX_REBOOT_CMD_POWER_OFF", Reboot.format(Reboot.LINUX_REBOOT_CMD_POWER_OFF));
        assertEquals("LINUX_REBOOT_CMD_CAD_OFF", Reboot.format(Reboot.LINUX_REBOOT_CMD_CAD_OFF));
        assertEquals("PR_SET_NO_NEW_PRIVS", Prctl.formatOption(Prctl.PR_SET_NO_NEW_PRIVS));
        assertEquals("PR_CAP_AMBIENT", Prctl.formatOption(Prctl.PR_CAP_AMBIENT), "not its sub-commands");
        assertEquals("TIOCGPTN", Ioctl.format(Ioctl.TIOCGPTN));
        assertEquals("0x1234", Ioctl.format(0x1234));
        assertEquals("S_IFCHR|0666", Stat.formatMode(Stat.S_IFCHR | 0666));
        assertEquals("0755", Stat.formatMode(0755));
        assertEquals("S_IFDIR", Stat.formatType(Stat.S_IFDIR | 0755));
    }

    @Test
    void resourceNames() {
        assertEquals("RLIMIT_CPU", Resource.name(Resource.RLIMIT_CPU));
        assertEquals("RLIMIT_NOFILE", Resource.name(Resource.RLIMIT_NOFILE));
        assertEquals(Resource.RLIMIT_NOFILE, Resource.number("nofile"));
        assertEquals(Resource.RLIMIT_CPU, Resource.number("RLIMIT_CPU"));
        assertEquals(-1, Resource.number("RLIMIT_NOPE"));
    }
}
