package dev.berth.netlink.codec;

/**
 * One next hop of a multipath route: {@code struct rtnexthop} of {@code <linux/rtnetlink.h>} and the
 * attributes after it ({@code RTA_GATEWAY}, ...). {@code hops} is the weight minus one, as on the wire.
 *
 * @param flags {@code RTNH_F_*}
 * @param hops the weight minus one ({@code rtnh_hops})
 * @param ifindex the output device ({@code rtnh_ifindex}), 0 for none
 * @param attrs {@code RTA_GATEWAY}, {@code RTA_VIA}, ...
 */
public record NextHop(int flags, int hops, int ifindex, Attrs attrs) {
    /** {@code sizeof(struct rtnexthop)}. */
    public static final int SIZE = 8;

    /** The weight as {@code ip route} shows it ({@code hops + 1}). */
    public int weight() {
        return hops + 1;
    }
}
