package dev.berth.netlink.codec;

/**
 * Netlink message and attribute basics of {@code <linux/netlink.h>} ({@code netlink(7)}): message types
 * {@code NLMSG_*}, header flags {@code NLM_F_*} (whose meaning in the 0x100..0x800 bits depends on the
 * request: GET, NEW or DEL), attribute flags {@code NLA_F_*}, and the extended-ACK attributes
 * {@code NLMSGERR_ATTR_*}.
 *
 * <p>Values checked against the kernel headers by {@code ConstantsAbiTest}.
 */
public final class Nl {
    private Nl() {}

    public static final int NLM_F_REQUEST = 1;
    public static final int NLM_F_MULTI = 2;
    public static final int NLM_F_ACK = 4;
    public static final int NLM_F_ECHO = 8;
    public static final int NLM_F_DUMP_INTR = 16;
    public static final int NLM_F_DUMP_FILTERED = 32;
    public static final int NLM_F_ROOT = 0x100;
    public static final int NLM_F_MATCH = 0x200;
    public static final int NLM_F_ATOMIC = 0x400;
    public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;
    public static final int NLM_F_APPEND = 0x800;
    public static final int NLM_F_NONREC = 0x100;
    public static final int NLM_F_BULK = 0x200;
    public static final int NLM_F_CAPPED = 0x100;
    public static final int NLM_F_ACK_TLVS = 0x200;
    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;
    public static final int NLMSG_OVERRUN = 4;
    public static final int NLMSG_MIN_TYPE = 16;
    public static final int NLA_F_NESTED = 0x8000;
    public static final int NLA_F_NET_BYTEORDER = 0x4000;
    public static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER);

    public static final int NLMSG_ALIGNTO = 4;
    public static final int NLA_ALIGNTO = 4;
    /** {@code sizeof(struct nlmsghdr)}. */
    public static final int NLMSG_HDRLEN = 16;
    /** {@code sizeof(struct nlattr)}. */
    public static final int NLA_HDRLEN = 4;

    public static final int NLMSGERR_ATTR_UNUSED = 0;
    public static final int NLMSGERR_ATTR_MSG = 1;
    public static final int NLMSGERR_ATTR_OFFS = 2;
    public static final int NLMSGERR_ATTR_COOKIE = 3;
    public static final int NLMSGERR_ATTR_POLICY = 4;
    public static final int NLMSGERR_ATTR_MISS_TYPE = 5;
    public static final int NLMSGERR_ATTR_MISS_NEST = 6;
    public static final int NLMSGERR_ATTR_MAX = 6;

    /** {@code NLMSG_ALIGN}/{@code NLA_ALIGN}: rounds up to the next multiple of four. */
    public static int align(int length) {
        return (length + 3) & ~3;
    }
}
