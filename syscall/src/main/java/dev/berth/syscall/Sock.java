package dev.berth.syscall;

/**
 * Socket constants ({@code <sys/socket.h>}, {@code <asm-generic/socket.h>}, {@code socket(7)}) and the
 * basics of netlink sockets ({@code <linux/netlink.h>}, {@code netlink(7)}).
 */
public final class Sock {
    public static final int AF_UNSPEC = 0;
    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int AF_BRIDGE = 7;
    public static final int AF_INET6 = 10;
    public static final int AF_NETLINK = 16;
    public static final int AF_PACKET = 17;

    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_SEQPACKET = 5;
    public static final int SOCK_NONBLOCK = Open.O_NONBLOCK;
    public static final int SOCK_CLOEXEC = Open.O_CLOEXEC;

    public static final int SOL_SOCKET = 1;
    public static final int SOL_NETLINK = 270;

    public static final int SO_REUSEADDR = 2;
    public static final int SO_TYPE = 3;
    public static final int SO_ERROR = 4;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_PASSCRED = 16;
    public static final int SO_PEERCRED = 17;
    public static final int SO_SNDBUFFORCE = 32;
    public static final int SO_RCVBUFFORCE = 33;

    public static final int SCM_RIGHTS = 1;
    public static final int SCM_CREDENTIALS = 2;

    public static final int MSG_PEEK = 0x2;
    public static final int MSG_CTRUNC = 0x8;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int MSG_WAITALL = 0x100;
    public static final int MSG_NOSIGNAL = 0x4000;
    public static final int MSG_CMSG_CLOEXEC = 0x40000000;

    public static final int SHUT_RD = 0;
    public static final int SHUT_WR = 1;
    public static final int SHUT_RDWR = 2;

    public static final int NETLINK_ROUTE = 0;
    public static final int NETLINK_AUDIT = 9;
    public static final int NETLINK_KOBJECT_UEVENT = 15;
    public static final int NETLINK_GENERIC = 16;

    public static final int NETLINK_ADD_MEMBERSHIP = 1;
    public static final int NETLINK_DROP_MEMBERSHIP = 2;
    public static final int NETLINK_PKTINFO = 3;
    public static final int NETLINK_BROADCAST_ERROR = 4;
    public static final int NETLINK_NO_ENOBUFS = 5;
    public static final int NETLINK_LISTEN_ALL_NSID = 8;
    public static final int NETLINK_CAP_ACK = 10;
    public static final int NETLINK_EXT_ACK = 11;
    public static final int NETLINK_GET_STRICT_CHK = 12;

    private Sock() {}

    private static final class Names {
        static final FlagSet AF = FlagSet.of(Sock.class, "AF_");
        static final FlagSet TYPE = FlagSet.of(Sock.class, "SOCK_").withField(0xf, "0", "SOCK_STREAM",
                "SOCK_DGRAM", "SOCK_RAW", "4", "SOCK_SEQPACKET");
        static final FlagSet MSG = FlagSet.of(Sock.class, "MSG_");
        static final FlagSet SO = FlagSet.of(Sock.class, "SO_");
        static final FlagSet NETLINK = FlagSet.of(Sock.class, "NETLINK_", n -> n.endsWith("ROUTE") || n.endsWith(
                "AUDIT") || n.endsWith("UEVENT") || n.endsWith("GENERIC"));
    }

    /** An address family as {@code AF_NETLINK}. */
    public static String formatFamily(int family) {
        return family == AF_UNSPEC ? "AF_UNSPEC" : Names.AF.formatValue(family);
    }

    /** A socket type with flags as {@code SOCK_RAW|SOCK_CLOEXEC}. */
    public static String formatType(int type) {
        return Names.TYPE.format(type);
    }

    /** {@code send}/{@code recv} flags. */
    public static String formatMsg(int flags) {
        return Names.MSG.format(flags);
    }

    /** A socket option name at {@code level}. */
    public static String formatOption(int level, int option) {
        return switch (level) {
            case SOL_SOCKET -> "SOL_SOCKET, " + Names.SO.formatValue(option);
            case SOL_NETLINK -> "SOL_NETLINK, " + Names.NETLINK.formatValue(option);
            default -> level + ", " + option;
        };
    }
}
