package dev.berth.netlink.codec;

/**
 * Neighbour attributes {@code NDA_*}, states {@code NUD_*} and flags {@code NTF_*} of
 * {@code <linux/neighbour.h>}.
 *
 * <p>Values checked against the kernel headers by {@code ConstantsAbiTest}.
 */
public final class Nda {
    private Nda() {}

    public static final int NDA_UNSPEC = 0;
    public static final int NDA_DST = 1;
    public static final int NDA_LLADDR = 2;
    public static final int NDA_CACHEINFO = 3;
    public static final int NDA_PROBES = 4;
    public static final int NDA_VLAN = 5;
    public static final int NDA_PORT = 6;
    public static final int NDA_VNI = 7;
    public static final int NDA_IFINDEX = 8;
    public static final int NDA_MASTER = 9;
    public static final int NDA_LINK_NETNSID = 10;
    public static final int NDA_SRC_VNI = 11;
    public static final int NDA_PROTOCOL = 12;
    public static final int NDA_NH_ID = 13;
    public static final int NDA_FDB_EXT_ATTRS = 14;
    public static final int NDA_FLAGS_EXT = 15;
    public static final int NDA_NDM_STATE_MASK = 16;
    public static final int NDA_NDM_FLAGS_MASK = 17;
    public static final int NTF_USE = 1;
    public static final int NTF_SELF = 2;
    public static final int NTF_MASTER = 4;
    public static final int NTF_PROXY = 8;
    public static final int NTF_EXT_LEARNED = 16;
    public static final int NTF_OFFLOADED = 32;
    public static final int NTF_STICKY = 64;
    public static final int NTF_ROUTER = 128;
    public static final int NTF_EXT_MANAGED = 1;
    public static final int NUD_INCOMPLETE = 1;
    public static final int NUD_REACHABLE = 2;
    public static final int NUD_STALE = 4;
    public static final int NUD_DELAY = 8;
    public static final int NUD_PROBE = 16;
    public static final int NUD_FAILED = 32;
    public static final int NUD_NOARP = 64;
    public static final int NUD_PERMANENT = 128;
    public static final int NUD_NONE = 0;
}
