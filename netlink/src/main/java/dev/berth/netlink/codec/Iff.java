package dev.berth.netlink.codec;

/**
 * Interface flags {@code IFF_*} ({@code ifinfomsg.ifi_flags}), operational states {@code IF_OPER_*}
 * ({@code IFLA_OPERSTATE}) and link modes {@code IF_LINK_MODE_*} ({@code IFLA_LINKMODE}) of
 * {@code <linux/if.h>} ({@code netdevice(7)}).
 *
 * <p>Values checked against the kernel headers by {@code ConstantsAbiTest}.
 */
public final class Iff {
    private Iff() {}

    public static final int IFF_UP = 1;
    public static final int IFF_BROADCAST = 2;
    public static final int IFF_DEBUG = 4;
    public static final int IFF_LOOPBACK = 8;
    public static final int IFF_POINTOPOINT = 16;
    public static final int IFF_NOTRAILERS = 32;
    public static final int IFF_RUNNING = 64;
    public static final int IFF_NOARP = 128;
    public static final int IFF_PROMISC = 256;
    public static final int IFF_ALLMULTI = 512;
    public static final int IFF_MASTER = 1024;
    public static final int IFF_SLAVE = 2048;
    public static final int IFF_MULTICAST = 4096;
    public static final int IFF_PORTSEL = 8192;
    public static final int IFF_AUTOMEDIA = 16384;
    public static final int IFF_DYNAMIC = 32768;
    public static final int IFF_LOWER_UP = 65536;
    public static final int IFF_DORMANT = 131072;
    public static final int IFF_ECHO = 262144;

    public static final int IF_OPER_UNKNOWN = 0;
    public static final int IF_OPER_NOTPRESENT = 1;
    public static final int IF_OPER_DOWN = 2;
    public static final int IF_OPER_LOWERLAYERDOWN = 3;
    public static final int IF_OPER_TESTING = 4;
    public static final int IF_OPER_DORMANT = 5;
    public static final int IF_OPER_UP = 6;

    public static final int IF_LINK_MODE_DEFAULT = 0;
    public static final int IF_LINK_MODE_DORMANT = 1;
    public static final int IF_LINK_MODE_TESTING = 2;
}
