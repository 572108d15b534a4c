package dev.berth.netlink.ops;

import dev.berth.netlink.codec.Attr;
import dev.berth.netlink.codec.Attrs;
import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.codec.Message;
import dev.berth.netlink.codec.NextHop;
import dev.berth.netlink.codec.Rta;
import dev.berth.netlink.codec.RtMsg;
import java.util.List;

/** A route as {@code RTM_NEWROUTE} describes it: {@code struct rtmsg} and {@code RTA_*}. */
public record Route(RtMsg header, Attrs attrs) {
    public static Route of(Message m) {
        return new Route((RtMsg) m.header(), m.attrs());
    }

    /** {@code AF_INET} or {@code AF_INET6}. */
    public int family() {
        return header.family();
    }

    /** The destination with its length; {@code 0.0.0.0/0} or {@code ::/0} for a default route. */
    public Inet.Prefix destination() {
        byte[] dst = attrs.bytes(Rta.RTA_DST);
        if (dst == null) {
            dst = new byte[header.family() == 10 ? 16 : 4];
        }
        return new Inet.Prefix(dst, header.dstLen());
    }

    /** Whether this is a default route (prefix length 0). */
    public boolean isDefault() {
        return header.dstLen() == 0;
    }

    /** {@code RTA_GATEWAY}, or null. */
    public byte[] gateway() {
        return attrs.bytes(Rta.RTA_GATEWAY);
    }

    /** {@code RTA_OIF}: the output link's index, 0 for none. */
    public int outputIndex() {
        return attrs.u32(Rta.RTA_OIF, 0);
    }

    /** The table: {@code RTA_TABLE} when present (ids above 255 are only there), else {@code rtm_table}. */
    public int table() {
        return attrs.u32(Rta.RTA_TABLE, header.table());
    }

    /** {@code RTA_PRIORITY}, what {@code ip} calls the metric; -1 if absent. */
    public long metric() {
        return attrs.num(Rta.RTA_PRIORITY, -1);
    }

    /** {@code rtm_protocol}: {@code RTPROT_*}. */
    public int protocol() {
        return header.protocol();
    }

    /** {@code rtm_scope}: {@code RT_SCOPE_*}. */
    public int scope() {
        return header.scope();
    }

    /** {@code rtm_type}: {@code RTN_*}. */
    public int type() {
        return header.type();
    }

    /** {@code RTA_PREFSRC}, or null. */
    public byte[] preferredSource() {
        return attrs.bytes(Rta.RTA_PREFSRC);
    }

    /** The next hops of a multipath route ({@code RTA_MULTIPATH}), empty for single-path routes. */
    public List<NextHop> nextHops() {
        return attrs.get(Rta.RTA_MULTIPATH) instanceof Attr.Multipath mp ? mp.hops() : List.of();
    }

    /** {@code RTA_METRICS} ({@code RTAX_*}), or empty. */
    public Attrs metrics() {
        Attrs m = attrs.nested(Rta.RTA_METRICS);
        return m == null ? Attrs.of() : m;
    }
}
