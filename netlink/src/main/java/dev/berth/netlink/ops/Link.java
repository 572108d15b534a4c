package dev.berth.netlink.ops;

import dev.berth.netlink.codec.Attr;
import dev.berth.netlink.codec.Attrs;
import dev.berth.netlink.codec.IfInfoMsg;
import dev.berth.netlink.codec.Iff;
import dev.berth.netlink.codec.Ifla;
import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.codec.Message;

/**
 * A network device as {@code RTM_NEWLINK} describes it: {@code struct ifinfomsg} and its {@code IFLA_*}
 * attributes, with accessors for what people ask about. Everything else stays in {@link #attrs()}.
 */
public record Link(IfInfoMsg header, Attrs attrs) {
    /** The link in an {@code RTM_NEWLINK}/{@code RTM_DELLINK} message. */
    public static Link of(Message m) {
        return new Link((IfInfoMsg) m.header(), m.attrs());
    }

    /** {@code ifi_index}. */
    public int index() {
        return header.index();
    }

    /** {@code IFLA_IFNAME}. */
    public String name() {
        return attrs.str(Ifla.IFLA_IFNAME);
    }

    /** {@code ifi_flags}: {@code IFF_*}. */
    public int flags() {
        return header.flags();
    }

    /** Whether {@code IFF_UP} is set (administratively up). */
    public boolean isUp() {
        return (header.flags() & Iff.IFF_UP) != 0;
    }

    /** {@code ifi_type}: the {@code ARPHRD_*} device type (1 Ethernet, 772 loopback). */
    public int type() {
        return header.type();
    }

    /** {@code IFLA_MTU}, 0 if absent. */
    public int mtu() {
        return attrs.u32(Ifla.IFLA_MTU, 0);
    }

    /** {@code IFLA_ADDRESS}: the link-layer address, or null. */
    public byte[] address() {
        return attrs.bytes(Ifla.IFLA_ADDRESS);
    }

    /** The link-layer address as {@code 02:00:00:00:00:01}, or null. */
    public String mac() {
        byte[] a = address();
        return a == null ? null : Inet.formatMac(a);
    }

    /** {@code IFLA_BROADCAST}, or null. */
    public byte[] broadcast() {
        return attrs.bytes(Ifla.IFLA_BROADCAST);
    }

    /** {@code IFLA_OPERSTATE}: {@code IF_OPER_*}. */
    public int operstate() {
        return attrs.u32(Ifla.IFLA_OPERSTATE, Iff.IF_OPER_UNKNOWN);
    }

    /** {@code IFLA_LINKMODE}: {@code IF_LINK_MODE_*}. */
    public int linkmode() {
        return attrs.u32(Ifla.IFLA_LINKMODE, 0);
    }

    /** {@code IFLA_QDISC}, or null. */
    public String qdisc() {
        return attrs.str(Ifla.IFLA_QDISC);
    }

    /** {@code IFLA_GROUP}. */
    public int group() {
        return attrs.u32(Ifla.IFLA_GROUP, 0);
    }

    /** {@code IFLA_TXQLEN}, -1 if absent. */
    public int txqlen() {
        return attrs.u32(Ifla.IFLA_TXQLEN, -1);
    }

    /** {@code IFLA_MASTER}: the index of the bridge (or bond) this link is a port of, 0 for none. */
    public int master() {
        return attrs.u32(Ifla.IFLA_MASTER, 0);
    }

    /** {@code IFLA_LINK}: the peer of a veth, the parent of a vlan/macvlan; 0 for none. */
    public int link() {
        return attrs.u32(Ifla.IFLA_LINK, 0);
    }

    /** {@code IFLA_LINK_NETNSID}: the namespace id {@link #link()} lives in, or -1 when it is this one. */
    public int linkNetnsId() {
        return attrs.get(Ifla.IFLA_LINK_NETNSID) instanceof Attr.U32 u ? u.value() : -1;
    }

    /** {@code IFLA_INFO_KIND} ({@code "veth"}, {@code "bridge"}), or null for physical and loopback devices. */
    public String kind() {
        Attrs info = attrs.nested(Ifla.IFLA_LINKINFO);
        return info == null ? null : info.str(Ifla.IFLA_INFO_KIND);
    }

    /** {@code IFLA_INFO_DATA} of the link's kind, or null. */
    public Attrs kindData() {
        Attrs info = attrs.nested(Ifla.IFLA_LINKINFO);
        return info == null ? null : info.nested(Ifla.IFLA_INFO_DATA);
    }

    /** {@code IFLA_INFO_SLAVE_KIND} ({@code "bridge"} for a bridge port), or null. */
    public String portKind() {
        Attrs info = attrs.nested(Ifla.IFLA_LINKINFO);
        return info == null ? null : info.str(Ifla.IFLA_INFO_SLAVE_KIND);
    }

    /** {@code IFLA_INFO_SLAVE_DATA} of the master's kind (a bridge port's {@code IFLA_BRPORT_*}), or null. */
    public Attrs portData() {
        Attrs info = attrs.nested(Ifla.IFLA_LINKINFO);
        return info == null ? null : info.nested(Ifla.IFLA_INFO_SLAVE_DATA);
    }

    /** Whether {@code IFF_PROMISC} is set (by {@code ip link set promisc on}, not counting other users). */
    public boolean isPromisc() {
        return (header.flags() & Iff.IFF_PROMISC) != 0;
    }

    /** {@code IFLA_IFALIAS}, or null. */
    public String alias() {
        return attrs.str(Ifla.IFLA_IFALIAS);
    }
}
