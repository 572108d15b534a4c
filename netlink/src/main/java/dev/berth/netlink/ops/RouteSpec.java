package dev.berth.netlink.ops;

import dev.berth.netlink.codec.Attrs;
import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.codec.Message;
import dev.berth.netlink.codec.NextHop;
import dev.berth.netlink.codec.Nl;
import dev.berth.netlink.codec.Rta;
import dev.berth.netlink.codec.Rtm;
import dev.berth.netlink.codec.RtMsg;
import java.util.ArrayList;
import java.util.List;

/**
 * A route for {@link Routes#add}, {@link Routes#replace} and {@link Routes#delete}: {@code ip route
 * add|replace|del PREFIX|default [via GW] [dev DEV] [table N] [metric N] [scope S] [proto P] [src A]
 * [nexthop via GW dev DEV weight W]...}. Defaults are iproute2's: protocol {@code boot}, table
 * {@code main}, scope {@code link} for an IPv4 route without gateway, else {@code global}. Devices are
 * given by name and resolved by {@link Routes}, or by index. Mutable builder.
 */
public final class RouteSpec {
    /** One path of a multipath route. */
    public record Hop(byte[] gateway, String dev, int index, int weight, int flags) {
        public Hop {
            gateway = gateway == null ? null : gateway.clone();
        }

        /** A next hop through {@code gateway} (may be null) on {@code dev} (may be null) with {@code weight} (1..256). */
        public static Hop via(byte[] gateway, String dev, int weight) {
            return new Hop(gateway, dev, 0, weight, 0);
        }
    }

    private final Inet.Prefix destination;
    private byte[] gateway;
    private String dev;
    private int index;
    private int table = Rta.RT_TABLE_MAIN;
    private Long metric;
    private Integer scope;
    private Integer protocol;
    private byte[] source;
    private int type = Rta.RTN_UNICAST;
    private boolean typeGiven;
    private boolean onlink;
    private Integer mtu;
    private final List<Hop> hops = new ArrayList<>();

    private RouteSpec(Inet.Prefix destination) {
        this.destination = destination;
    }

    /** A route to {@code prefix} ({@code 198.18.1.0/24}; a bare address is a host route). */
    public static RouteSpec to(String prefix) {
        return new RouteSpec(Inet.Prefix.parse(prefix).network());
    }

    public static RouteSpec to(Inet.Prefix prefix) {
        return new RouteSpec(prefix.network());
    }

    /** The default route of {@code family} ({@code AF_INET} 2 or {@code AF_INET6} 10). */
    public static RouteSpec defaultRoute(int family) {
        return new RouteSpec(new Inet.Prefix(new byte[family == 10 ? 16 : 4], 0));
    }

    public Inet.Prefix destination() {
        return destination;
    }

    public RouteSpec via(byte[] gateway) {
        this.gateway = gateway.clone();
        return this;
    }

    public RouteSpec via(String gateway) {
        return via(Inet.parse(gateway));
    }

    public RouteSpec dev(String dev) {
        this.dev = dev;
        this.index = 0;
        return this;
    }

    public RouteSpec dev(int index) {
        this.index = index;
        this.dev = null;
        return this;
    }

    String devName() {
        return dev;
    }

    List<Hop> hops() {
        return hops;
    }

    /** The routing table id (255 local, 254 main, up to 2^32-1). */
    public RouteSpec table(int table) {
        this.table = table;
        return this;
    }

    /** {@code RTA_PRIORITY}. */
    public RouteSpec metric(long metric) {
        this.metric = metric;
        return this;
    }

    /** {@code RT_SCOPE_*}. */
    public RouteSpec scope(int scope) {
        this.scope = scope;
        return this;
    }

    /** {@code RTPROT_*}. */
    public RouteSpec protocol(int protocol) {
        this.protocol = protocol;
        return this;
    }

    /** The preferred source address ({@code RTA_PREFSRC}, {@code ip route ... src}). */
    public RouteSpec source(byte[] source) {
        this.source = source.clone();
        return this;
    }

    /** {@code RTN_*}: unicast by default; blackhole, unreachable, prohibit, local... */
    public RouteSpec type(int type) {
        this.type = type;
        this.typeGiven = true;
        return this;
    }

    /** Pretend the gateway is directly reachable ({@code RTNH_F_ONLINK}). */
    public RouteSpec onlink() {
        this.onlink = true;
        return this;
    }

    /** {@code RTAX_MTU} in {@code RTA_METRICS}. */
    public RouteSpec mtu(int mtu) {
        this.mtu = mtu;
        return this;
    }

    /** Adds a next hop: the route becomes multipath ({@code RTA_MULTIPATH}). */
    public RouteSpec nexthop(Hop hop) {
        hops.add(hop);
        return this;
    }

    /**
     * The request: {@code msgType} {@code RTM_NEWROUTE} or {@code RTM_DELROUTE} with {@code nlFlags};
     * {@code oif} the resolved output device (0 for none) and {@code hopIndexes} the resolved device of
     * each next hop.
     */
    public Message toRequest(int msgType, int nlFlags, int oif, int[] hopIndexes) {
        boolean delete = msgType == Rtm.RTM_DELROUTE;
        int family = destination.family();
        int rtType = delete && !typeGiven ? Rta.RTN_UNSPEC : type;
        int proto = protocol != null ? protocol : delete ? Rta.RTPROT_UNSPEC : Rta.RTPROT_BOOT;
        int sc;
        if (scope != null) {
            sc = scope;
        } else if (family == 10) {
            sc = Rta.RT_SCOPE_UNIVERSE;
        } else if (rtType == Rta.RTN_LOCAL || rtType == Rta.RTN_NAT) {
            sc = Rta.RT_SCOPE_HOST;
        } else if (rtType == Rta.RTN_BROADCAST || rtType == Rta.RTN_MULTICAST || rtType == Rta.RTN_ANYCAST) {
            sc = Rta.RT_SCOPE_LINK;
        } else if (delete) {
            sc = Rta.RT_SCOPE_NOWHERE;
        } else if (gateway == null && hops.isEmpty()) {
            sc = Rta.RT_SCOPE_LINK;
        } else {
            sc = Rta.RT_SCOPE_UNIVERSE;
        }
        int headerTable = table < 256 ? table : Rta.RT_TABLE_UNSPEC;
        RtMsg h = new RtMsg(family, destination.length(), 0, 0, headerTable, proto, sc, rtType, 0);
        Attrs.Builder b = Attrs.builder();
        if (destination.length() > 0) {
            b.bin(Rta.RTA_DST, destination.address());
        }
        if (gateway != null) {
            b.bin(Rta.RTA_GATEWAY, gateway);
        }
        if (source != null) {
            b.bin(Rta.RTA_PREFSRC, source);
        }
        if (table >= 256) {
            b.u32(Rta.RTA_TABLE, table);
        }
        if (metric != null) {
            b.u32(Rta.RTA_PRIORITY, (int) (long) metric);
        }
        if (mtu != null) {
            b.nested(Rta.RTA_METRICS, m -> m.u32(Rta.RTAX_MTU, mtu));
        }
        int out = index != 0 ? index : oif;
        if (out != 0) {
            b.u32(Rta.RTA_OIF, out);
        }
        if (!hops.isEmpty()) {
            List<NextHop> nh = new ArrayList<>();
            for (int i = 0; i < hops.size(); i++) {
                Hop hop = hops.get(i);
                Attrs.Builder ha = Attrs.builder();
                if (hop.gateway() != null) {
                    ha.bin(Rta.RTA_GATEWAY, hop.gateway());
                }
                int hi = hop.index() != 0 ? hop.index() : hopIndexes == null ? 0 : hopIndexes[i];
                nh.add(new NextHop(hop.flags() | (onlink ? Rta.RTNH_F_ONLINK : 0), hop.weight() - 1, hi, ha.build()));
            }
            b.multipath(Rta.RTA_MULTIPATH, nh);
        }
        int rtmFlags = onlink && hops.isEmpty() ? Rta.RTNH_F_ONLINK : 0;
        if (rtmFlags != 0) {
            h = new RtMsg(h.family(), h.dstLen(), 0, 0, h.table(), h.protocol(), h.scope(), h.type(), rtmFlags);
        }
        return Message.request(msgType, Nl.NLM_F_ACK | nlFlags, h, b.build());
    }
}
