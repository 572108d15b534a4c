package dev.berth.netlink.client;

import dev.berth.netlink.codec.Attr;
import dev.berth.netlink.codec.Attrs;
import dev.berth.netlink.codec.FibRuleHdr;
import dev.berth.netlink.codec.Fra;
import dev.berth.netlink.codec.Ifa;
import dev.berth.netlink.codec.IfAddrMsg;
import dev.berth.netlink.codec.IfInfoMsg;
import dev.berth.netlink.codec.Ifla;
import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.codec.Message;
import dev.berth.netlink.codec.Names;
import dev.berth.netlink.codec.Nda;
import dev.berth.netlink.codec.NdMsg;
import dev.berth.netlink.codec.Rta;
import dev.berth.netlink.codec.RtMsg;
import java.util.ArrayList;
import java.util.List;

/** Renders a request for error messages: its flags and the fields that say what it was about. */
final class Describe {
    private Describe() {}

    static List<String> request(Message m) {
        List<String> out = new ArrayList<>();
        out.add(Names.flags(m.type(), m.flags()));
        Attrs a = m.attrs();
        switch (m.header()) {
            case IfInfoMsg h -> {
                if (h.index() != 0) {
                    out.add("index " + h.index());
                }
                str(out, "ifname", a.str(Ifla.IFLA_IFNAME));
                Attrs info = a.nested(Ifla.IFLA_LINKINFO);
                if (info != null) {
                    str(out, "kind", info.str(Ifla.IFLA_INFO_KIND));
                }
                num(out, "link", a, Ifla.IFLA_LINK);
                num(out, "master", a, Ifla.IFLA_MASTER);
                num(out, "mtu", a, Ifla.IFLA_MTU);
                num(out, "netns fd", a, Ifla.IFLA_NET_NS_FD);
                num(out, "netns pid", a, Ifla.IFLA_NET_NS_PID);
            }
            case IfAddrMsg h -> {
                byte[] local = a.bytes(Ifa.IFA_LOCAL) != null ? a.bytes(Ifa.IFA_LOCAL) : a.bytes(Ifa.IFA_ADDRESS);
                if (local != null) {
                    out.add(Inet.format(local) + "/" + h.prefixlen());
                }
                if (h.index() != 0) {
                    out.add("index " + h.index());
                }
                str(out, "label", a.str(Ifa.IFA_LABEL));
            }
            case RtMsg h -> {
                byte[] dst = a.bytes(Rta.RTA_DST);
                if (dst != null) {
                    out.add(Inet.format(dst) + "/" + h.dstLen());
                } else if (m.type() != dev.berth.netlink.codec.Rtm.RTM_GETROUTE) {
                    out.add("default");
                }
                byte[] gw = a.bytes(Rta.RTA_GATEWAY);
                if (gw != null) {
                    out.add("via " + Inet.format(gw));
                }
                num(out, "oif", a, Rta.RTA_OIF);
                long table = a.num(Rta.RTA_TABLE, h.table());
                if (table != 0) {
                    out.add("table " + table);
                }
                num(out, "metric", a, Rta.RTA_PRIORITY);
            }
            case NdMsg h -> {
                byte[] dst = a.bytes(Nda.NDA_DST);
                if (dst != null) {
                    out.add(Inet.format(dst));
                }
                if (h.ifindex() != 0) {
                    out.add("index " + h.ifindex());
                }
            }
            case FibRuleHdr h -> {
                num(out, "priority", a, Fra.FRA_PRIORITY);
                long table = a.num(Fra.FRA_TABLE, h.table());
                if (table != 0) {
                    out.add("table " + table);
                }
            }
            case null -> {}
        }
        return out;
    }

    private static void str(List<String> out, String name, String value) {
        if (value != null) {
            out.add(name + " \"" + value + "\"");
        }
    }

    private static void num(List<String> out, String name, Attrs a, int id) {
        Attr x = a.get(id);
        if (x != null) {
            out.add(name + " " + a.num(id, 0));
        }
    }
}
