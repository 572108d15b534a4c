package dev.berth.netlink.ip;

import dev.berth.netlink.codec.Attrs;
import dev.berth.netlink.codec.Fra;
import dev.berth.netlink.codec.Ifa;
import dev.berth.netlink.codec.Iff;
import dev.berth.netlink.codec.Ifla;
import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.codec.Names;
import dev.berth.netlink.codec.Nda;
import dev.berth.netlink.codec.NextHop;
import dev.berth.netlink.codec.Rta;
import dev.berth.netlink.ops.Address;
import dev.berth.netlink.ops.Link;
import dev.berth.netlink.ops.Neighbour;
import dev.berth.netlink.ops.Route;
import dev.berth.netlink.ops.Rule;
import java.util.List;
import java.util.Map;

/**
 * Prints links, addresses, routes, neighbours and rules the way iproute2 6.x does ({@code print_linkinfo},
 * {@code print_addrinfo}, {@code print_route}, {@code print_neigh}, {@code print_rule}): same fields, same
 * order, same text shapes, same JSON keys. Fields {@code ip} prints only with {@code -d} or {@code -s} are
 * left out.
 */
final class Print {
    private Print() {}

    /** Index to link, for names of peers, masters and output devices. */
    record LinkIndex(Map<Integer, Link> byIndex) {
        String name(int index) {
            Link l = byIndex.get(index);
            return l != null && l.name() != null ? l.name() : "if" + index;
        }

        boolean isUp(int index) {
            Link l = byIndex.get(index);
            return l != null && l.isUp();
        }
    }

    private static final String[] LINK_MODES = {"DEFAULT", "DORMANT", "TESTING"};

    /** Where a link line is printed: {@code ip link} adds the mode, {@code ip monitor} leaves out mode and qlen. */
    enum Style { LINK, ADDR, MONITOR }

    /**
     * One link, with {@code addresses} after it when printing {@code ip addr} (null otherwise);
     * {@code linkLayer} false leaves out the {@code link/ether} line, as {@code ip -4 addr} does.
     */
    static void link(Out o, Link l, LinkIndex idx, boolean deleted, List<Address> addresses, boolean linkLayer,
            Style style) {
        boolean doLink = style == Style.LINK;
        Attrs a = l.attrs();
        o.beginObject();
        if (deleted) {
            o.flag("deleted", "Deleted ");
        }
        o.num("ifindex", "%s: ", l.index());
        // iproute2's print_name_and_link: JSON gets "link" before "ifname", text gets "name@link: "
        String name = l.name() == null ? "<nil>" : l.name();
        boolean mdown = false;
        if (a.has(Ifla.IFLA_LINK)) {
            int iflink = l.link();
            String peer = null;
            if (iflink == 0) {
                if (o.json()) {
                    o.str("link", null, null);
                } else {
                    peer = "NONE";
                }
            } else if (a.has(Ifla.IFLA_LINK_NETNSID)) {
                o.jsonNum("link_index", iflink);
                peer = "if" + iflink;
            } else {
                o.jsonStr("link", idx.name(iflink));
                peer = idx.name(iflink);
                mdown = !idx.isUp(iflink);
            }
            if (peer != null && !o.json()) {
                name = name + "@" + peer;
            }
        }
        o.str("ifname", "%s: ", name);
        linkFlags(o, l.flags(), mdown);
        if (a.has(Ifla.IFLA_MTU)) {
            o.num("mtu", "mtu %s ", Integer.toUnsignedLong(l.mtu()));
        }
        if (l.qdisc() != null) {
            o.str("qdisc", "qdisc %s ", l.qdisc());
        }
        if (a.has(Ifla.IFLA_MASTER)) {
            o.str("master", "master %s ", idx.name(l.master()));
        }
        if (a.has(Ifla.IFLA_OPERSTATE)) {
            o.str("operstate", "state %s ", Names.operstate(l.operstate()));
        }
        if (doLink && a.has(Ifla.IFLA_LINKMODE)) {
            int m = l.linkmode();
            o.str("linkmode", "mode %s ", m < LINK_MODES.length ? LINK_MODES[m] : Integer.toString(m));
        }
        if (a.has(Ifla.IFLA_GROUP)) {
            o.str("group", "group %s ", l.group() == 0 ? "default" : Integer.toString(l.group()));
        }
        // ip asks SIOCGIFTXQLEN when the message has no IFLA_TXQLEN (family dumps); the full dump knows it
        Link full = idx.byIndex().get(l.index());
        int qlen = l.txqlen() >= 0 ? l.txqlen() : full != null ? full.txqlen() : -1;
        if (qlen > 0 && style != Style.MONITOR) {
            o.num("txqlen", "qlen %s", qlen);
        }
        if (linkLayer) {
            o.text("\n");
            o.str("link_type", "    link/%s ", IpNames.linkType(l.type()));
            if (l.address() != null) {
                o.str("address", "%s", Inet.formatMac(l.address()));
            }
            if (l.broadcast() != null) {
                if ((l.flags() & Iff.IFF_POINTOPOINT) != 0) {
                    o.text(" peer ");
                    if (o.json()) {
                        o.flag("link_pointtopoint", "");
                    }
                } else {
                    o.text(" brd ");
                }
                o.str("broadcast", "%s", Inet.formatMac(l.broadcast()));
            }
        }
        if (a.has(Ifla.IFLA_LINK_NETNSID)) {
            int id = l.linkNetnsId();
            if (o.json()) {
                o.jsonNum("link_netnsid", id);
            } else {
                o.text(id >= 0 ? " link-netnsid " + id : " link-netnsid unknown");
            }
        }
        if (a.num(Ifla.IFLA_PROTO_DOWN, 0) != 0) {
            o.flag("proto_down", " protodown on ");
        }
        if (doLink && l.alias() != null) {
            o.text("\n    ");
            o.str("ifalias", "alias %s", l.alias());
        }
        o.text("\n");
        if (addresses != null) {
            o.beginArray("addr_info");
            for (Address x : addresses) {
                o.beginObject();
                address(o, x);
                o.endObject();
            }
            o.endArray();
        }
        o.endObject();
    }

    private static final int[] IFF_ORDER = {Iff.IFF_LOOPBACK, Iff.IFF_BROADCAST, Iff.IFF_POINTOPOINT,
        Iff.IFF_MULTICAST, Iff.IFF_NOARP, Iff.IFF_ALLMULTI, Iff.IFF_PROMISC, Iff.IFF_MASTER, Iff.IFF_SLAVE,
        Iff.IFF_DEBUG, Iff.IFF_DYNAMIC, Iff.IFF_AUTOMEDIA, Iff.IFF_PORTSEL, Iff.IFF_NOTRAILERS, Iff.IFF_UP,
        Iff.IFF_LOWER_UP, Iff.IFF_DORMANT, Iff.IFF_ECHO};
    private static final String[] IFF_ORDER_NAMES = {"LOOPBACK", "BROADCAST", "POINTOPOINT", "MULTICAST", "NOARP",
        "ALLMULTI", "PROMISC", "MASTER", "SLAVE", "DEBUG", "DYNAMIC", "AUTOMEDIA", "PORTSEL", "NOTRAILERS", "UP",
        "LOWER_UP", "DORMANT", "ECHO"};

    /** iproute2's print_link_flags: {@code <BROADCAST,MULTICAST,UP,LOWER_UP> }, NO-CARRIER and M-DOWN included. */
    private static void linkFlags(Out o, int flags, boolean mdown) {
        o.beginArray("flags");
        StringBuilder text = new StringBuilder("<");
        java.util.List<String> names = new java.util.ArrayList<>();
        if ((flags & Iff.IFF_UP) != 0 && (flags & Iff.IFF_RUNNING) == 0) {
            names.add("NO-CARRIER");
        }
        int rest = flags & ~Iff.IFF_RUNNING;
        for (int i = 0; i < IFF_ORDER.length; i++) {
            if ((rest & IFF_ORDER[i]) != 0) {
                rest &= ~IFF_ORDER[i];
                names.add(IFF_ORDER_NAMES[i]);
            }
        }
        if (rest != 0) {
            names.add(Integer.toHexString(rest));
        }
        text.append(String.join(",", names));
        if (mdown) {
            names.add("M-DOWN");
            text.append(",M-DOWN");
        }
        if (o.json()) {
            for (String n : names) {
                o.str(null, null, n);
            }
        }
        o.endArray();
        o.text(text.append("> ").toString());
    }

    private static final int[] IFA_ORDER = {Ifa.IFA_F_SECONDARY, Ifa.IFA_F_NODAD, Ifa.IFA_F_OPTIMISTIC,
        Ifa.IFA_F_DADFAILED, Ifa.IFA_F_HOMEADDRESS, Ifa.IFA_F_DEPRECATED, Ifa.IFA_F_TENTATIVE, Ifa.IFA_F_PERMANENT,
        Ifa.IFA_F_MANAGETEMPADDR, Ifa.IFA_F_NOPREFIXROUTE, Ifa.IFA_F_MCAUTOJOIN, Ifa.IFA_F_STABLE_PRIVACY};
    private static final String[] IFA_NAMES = {"secondary", "nodad", "optimistic", "dadfailed", "home", "deprecated",
        "tentative", "permanent", "mngtmpaddr", "noprefixroute", "autojoin", "stable-privacy"};

    /** iproute2's print_addrinfo, without the index prefix of one-line mode. */
    static void address(Out o, Address x) {
        String family = IpNames.family(x.family());
        o.str("family", "    %s ", family);
        byte[] local = x.local();
        if (local != null) {
            o.str("local", "%s", Inet.format(local));
            byte[] addr = x.address();
            if (addr != null && !java.util.Arrays.equals(addr, local)) {
                o.text(" peer ");
                o.str("address", "%s", Inet.format(addr));
            }
            o.num("prefixlen", "/%s ", x.prefixLength());
            if (x.attrs().has(Ifa.IFA_RT_PRIORITY)) {
                o.num("metric", "metric %s ", x.attrs().num(Ifa.IFA_RT_PRIORITY, 0));
            }
        }
        if (x.broadcast() != null) {
            o.text("brd ");
            o.str("broadcast", "%s ", Inet.format(x.broadcast()));
        }
        byte[] any = x.attrs().bytes(Ifa.IFA_ANYCAST);
        if (any != null) {
            o.text("any ");
            o.str("anycast", "%s ", Inet.format(any));
        }
        o.str("scope", "scope %s ", IpNames.scope(x.scope()));
        int flags = x.flags();
        for (int i = 0; i < IFA_ORDER.length; i++) {
            int mask = IFA_ORDER[i];
            if (mask == Ifa.IFA_F_PERMANENT) {
                if ((flags & mask) == 0) {
                    o.flag("dynamic", "dynamic ");
                }
            } else if ((flags & mask) != 0) {
                if (mask == Ifa.IFA_F_SECONDARY && x.family() == 10) {
                    o.flag("temporary", "temporary ");
                } else {
                    o.flag(IFA_NAMES[i], IFA_NAMES[i] + " ");
                }
            }
            flags &= ~mask;
        }
        if (flags != 0) {
            o.str("ifa_flags", "flags %s ", String.format("%02x", flags));
        }
        if (x.label() != null) {
            o.str("label", "%s", x.label());
        }
        if (x.attrs().has(Ifa.IFA_CACHEINFO)) {
            o.text("\n       valid_lft ");
            lifetime(o, "valid_life_time", x.validLifetime());
            o.text(" preferred_lft ");
            lifetime(o, "preferred_life_time", x.preferredLifetime());
        }
        o.text("\n");
    }

    private static void lifetime(Out o, String key, long value) {
        if (value == Address.INFINITY_LIFE_TIME) {
            o.jsonNum(key, value);
            o.text("forever");
        } else {
            o.num(key, "%ssec", value);
        }
    }

    /**
     * iproute2's print_route. {@code tableFilter} is the table the user asked for (0 for all): the table is
     * printed only when listing all tables and it is not main; {@code showDev} is false when the user
     * filtered by device.
     */
    static void route(Out o, Route r, LinkIndex idx, boolean deleted, long tableFilter, boolean showDev) {
        Attrs a = r.attrs();
        int hostLen = r.family() == 10 ? 128 : 32;
        o.beginObject();
        if (deleted) {
            o.flag("deleted", "Deleted ");
        }
        if (r.type() != Rta.RTN_UNICAST) {
            o.str("type", "%s ", IpNames.routeType(r.type()));
        }
        String dst;
        byte[] d = a.bytes(Rta.RTA_DST);
        if (d != null) {
            dst = r.header().dstLen() != hostLen ? Inet.format(d) + "/" + r.header().dstLen() : Inet.format(d);
        } else if (r.header().dstLen() != 0) {
            dst = "0/" + r.header().dstLen();
        } else {
            dst = "default";
        }
        o.str("dst", "%s ", dst);
        byte[] src = a.bytes(Rta.RTA_SRC);
        if (src != null) {
            int sl = r.header().srcLen();
            o.str("from", "from %s ", sl != hostLen ? Inet.format(src) + "/" + sl : Inet.format(src));
        }
        if (a.has(Rta.RTA_NH_ID)) {
            o.num("nhid", "nhid %s ", a.num(Rta.RTA_NH_ID, 0));
        }
        if (r.header().tos() != 0) {
            o.str("tos", "tos %s ", "0x" + Integer.toHexString(r.header().tos()));
        }
        if (r.gateway() != null) {
            o.str("gateway", "via %s ", Inet.format(r.gateway()));
        }
        if (a.has(Rta.RTA_OIF) && showDev) {
            o.str("dev", "dev %s ", idx.name(r.outputIndex()));
        }
        long table = r.table() & 0xffffffffL;
        if (table != 0 && !IpNames.isMain(table) && tableFilter == 0) {
            o.str("table", "table %s ", IpNames.table(table));
        }
        if ((r.header().flags() & Rta.RTM_F_CLONED) == 0) {
            if (r.protocol() != Rta.RTPROT_BOOT) {
                o.str("protocol", "proto %s ", IpNames.protocol(r.protocol()));
            }
            if (r.scope() != Rta.RT_SCOPE_UNIVERSE) {
                o.str("scope", "scope %s ", IpNames.scope(r.scope()));
            }
        }
        if (r.preferredSource() != null) {
            o.str("prefsrc", "src %s ", Inet.format(r.preferredSource()));
        }
        if (a.has(Rta.RTA_PRIORITY)) {
            o.num("metric", "metric %s ", r.metric());
        }
        routeFlags(o, r.header().flags());
        Attrs metrics = a.nested(Rta.RTA_METRICS);
        if (metrics != null && metrics.has(Rta.RTAX_MTU)) {
            o.beginArray("metrics").beginObject();
            o.num("mtu", "mtu %s ", metrics.num(Rta.RTAX_MTU, 0));
            o.endObject().endArray();
        }
        if (a.has(Rta.RTA_PREF)) {
            int pref = (int) a.num(Rta.RTA_PREF, 0);
            String name = switch (pref) {
                case 0 -> "medium";
                case 1 -> "high";
                case 3 -> "low";
                default -> Integer.toString(pref);
            };
            o.str("pref", "pref %s", name);
        }
        List<NextHop> hops = r.nextHops();
        if (!hops.isEmpty()) {
            o.beginArray("nexthops");
            for (NextHop h : hops) {
                o.beginObject();
                o.text("\n\tnexthop ");
                byte[] gw = h.attrs().bytes(Rta.RTA_GATEWAY);
                if (gw != null) {
                    o.str("gateway", "via %s ", Inet.format(gw));
                }
                o.str("dev", "dev %s ", idx.name(h.ifindex()));
                o.num("weight", "weight %s ", h.weight());
                routeFlags(o, h.flags());
                o.endObject();
            }
            o.endArray();
        }
        o.text("\n");
        o.endObject();
    }

    private static void routeFlags(Out o, int flags) {
        o.beginArray("flags");
        String[][] names = {{"1", "dead"}, {"4", "onlink"}, {"2", "pervasive"}, {"8", "offload"}, {"64", "trap"},
            {"256", "notify"}, {"16", "linkdown"}, {"32", "unresolved"}, {"16384", "rt_offload"},
            {"32768", "rt_trap"}, {"536870912", "rt_offload_failed"}};
        for (String[] n : names) {
            if ((flags & Integer.parseInt(n[0])) != 0) {
                o.str(null, "%s ", n[1]);
            }
        }
        o.endArray();
    }

    /** iproute2's print_neigh. {@code showDev}: false when the user filtered by device. */
    static void neighbour(Out o, Neighbour n, LinkIndex idx, boolean deleted, boolean showDev) {
        o.beginObject();
        if (deleted) {
            o.flag("deleted", "Deleted ");
        }
        if (n.destination() != null) {
            o.str("dst", "%s ", Inet.format(n.destination()));
        }
        if (showDev) {
            o.str("dev", "dev %s ", idx.name(n.index()));
        }
        if (n.lladdr() != null) {
            o.text("lladdr ");
            o.str("lladdr", "%s ", Inet.formatMac(n.lladdr()));
        }
        if ((n.flags() & Nda.NTF_ROUTER) != 0) {
            o.flag("router", "router ");
        }
        if ((n.flags() & Nda.NTF_PROXY) != 0) {
            o.flag("proxy", "proxy ");
        }
        if (n.state() != 0) {
            o.beginArray("state");
            for (String s : IpNames.nudStates(n.state())) {
                o.str(null, "%s ", s);
            }
            o.endArray();
        }
        o.text("\n");
        o.endObject();
    }

    /** iproute2's print_rule. */
    static void rule(Out o, Rule r, boolean deleted) {
        Attrs a = r.attrs();
        int hostLen = r.family() == 10 ? 128 : 32;
        o.beginObject();
        if (deleted) {
            o.flag("deleted", "Deleted ");
        }
        o.num("priority", "%s:\t", r.priority());
        if ((r.header().flags() & Fra.FIB_RULE_INVERT) != 0) {
            o.flag("not", "not ");
        }
        byte[] src = a.bytes(Fra.FRA_SRC);
        if (src != null) {
            o.text("from ");
            o.str("src", "%s", Inet.format(src));
            if (r.header().srcLen() != hostLen) {
                o.num("srclen", "/%s", r.header().srcLen());
            }
        } else if (r.header().srcLen() != 0) {
            o.str("src", "from %s", "0");
            o.num("srclen", "/%s", r.header().srcLen());
        } else {
            o.str("src", "from %s", "all");
        }
        byte[] dst = a.bytes(Fra.FRA_DST);
        if (dst != null) {
            o.text(" to ");
            o.str("dst", "%s", Inet.format(dst));
            if (r.header().dstLen() != hostLen) {
                o.num("dstlen", "/%s", r.header().dstLen());
            }
        } else if (r.header().dstLen() != 0) {
            o.str("dst", " to %s", "0");
            o.num("dstlen", "/%s", r.header().dstLen());
        }
        if (a.has(Fra.FRA_FWMARK)) {
            o.str("fwmark", " fwmark %s", "0x" + Long.toHexString(a.num(Fra.FRA_FWMARK, 0)));
        }
        if (r.inputInterface() != null) {
            o.text(" iif ");
            o.str("iif", "%s", r.inputInterface());
        }
        if (r.outputInterface() != null) {
            o.text(" oif ");
            o.str("oif", "%s", r.outputInterface());
        }
        long table = r.table() & 0xffffffffL;
        if (table != 0) {
            o.str("table", " lookup %s", IpNames.table(table));
        } else if (r.action() == Fra.FR_ACT_NOP) {
            o.flag("nop", " nop");
        } else if (r.action() != Fra.FR_ACT_TO_TBL) {
            o.str("action", " %s", IpNames.routeType(r.action()));
        }
        if (a.has(Fra.FRA_PROTOCOL)) {
            int p = (int) a.num(Fra.FRA_PROTOCOL, 0);
            if (p != 0 && p != Rta.RTPROT_KERNEL) {
                o.str("protocol", " proto %s", IpNames.protocol(p));
            }
        }
        o.text("\n");
        o.endObject();
    }
}
