package dev.berth.runtime.network;

import dev.berth.netlink.codec.Ifla;
import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.netns.NetNs;
import dev.berth.netlink.ops.Address;
import dev.berth.netlink.ops.Link;
import dev.berth.netlink.ops.Route;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a network namespace looks like, as sorted lines of text that two setups can be compared by:
 * interfaces (kind, MTU, flags, state, master, bridge-port and macvlan details, peer), addresses (without
 * the IPv6 link-local ones the kernel derives from random MACs), routes of every table, and the sysctls the
 * plugins set. Generated names are replaced by stable ones from {@code rename}; MACs are left out.
 */
final class Snapshot {
    private Snapshot() {}

    static List<String> of(NetNs ns, Map<String, String> rename, List<String> sysctls) throws Exception {
        List<String> out = new ArrayList<>();
        try (Rtnl nl = ns.rtnl()) {
            Map<Integer, String> names = new HashMap<>();
            List<Link> links = nl.links().list();
            for (Link l : links) {
                names.put(l.index(), rename.getOrDefault(l.name(), l.name()));
            }
            for (Link l : links) {
                String master = l.master() == 0 ? "-" : names.get(l.master());
                String port = l.portData() == null ? "" : " hairpin=" + l.portData().num(Ifla.IFLA_BRPORT_MODE, -1)
                        + " learning=" + l.portData().num(Ifla.IFLA_BRPORT_LEARNING, -1);
                String macvlan = "macvlan".equals(l.kind()) ? " mode=" + l.kindData().u32(Ifla.IFLA_MACVLAN_MODE, -1) : "";
                String peer = l.link() == 0 ? "" : " peer=" + (l.linkNetnsId() >= 0 ? "other-ns" : names.get(l.link()));
                out.add("link " + names.get(l.index()) + " kind=" + l.kind() + " mtu=" + l.mtu() + " flags=0x"
                        + Integer.toHexString(l.flags()) + " operstate=" + l.operstate() + " master=" + master
                        + " txqlen=" + l.txqlen() + " promiscuity=" + l.attrs().u32(Ifla.IFLA_PROMISCUITY, -1) + port
                        + macvlan + peer);
            }
            for (Address a : nl.addresses().list()) {
                if (isLinkLocal6(a.local())) {
                    continue;
                }
                int flags = a.flags() & ~(dev.berth.netlink.codec.Ifa.IFA_F_TENTATIVE);
                out.add("addr " + names.get(a.index()) + " " + a.prefix() + " scope=" + a.scope() + " flags=0x"
                        + Integer.toHexString(flags) + " brd=" + (a.broadcast() == null ? "-" : Inet.format(a.broadcast()))
                        + " label=" + (a.label() == null ? "-" : rename.getOrDefault(a.label(), a.label()))
                        + (a.address() != null && !java.util.Arrays.equals(a.address(), a.local())
                                ? " peer=" + Inet.format(a.address()) : ""));
            }
            for (Route r : nl.routes().list(0, 0)) {
                if (r.destination().length() == 128 && isLinkLocal6(r.destination().address())) {
                    continue; // the local route of a MAC-derived link-local address
                }
                out.add("route table=" + r.table() + " type=" + r.type() + " " + r.destination() + " via="
                        + (r.gateway() == null ? "-" : Inet.format(r.gateway())) + " dev="
                        + (r.outputIndex() == 0 ? "-" : names.get(r.outputIndex())) + " scope=" + r.scope() + " proto="
                        + r.protocol() + " src=" + (r.preferredSource() == null ? "-" : Inet.format(r.preferredSource()))
                        + " metric=" + r.metric() + " flags=0x" + Integer.toHexString(r.header().flags()));
            }
        }
        Map<String, String> values = ns.run(() -> {
            Map<String, String> v = new java.util.LinkedHashMap<>();
            for (String key : sysctls) {
                try {
                    v.put(key, Fs.readFile("/proc/sys/" + key).trim());
                } catch (ErrnoException e) {
                    v.put(key, e.errnoName());
                }
            }
            return v;
        });
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            for (Map.Entry<String, String> r : rename.entrySet()) {
                key = key.replace("/" + r.getKey() + "/", "/" + r.getValue() + "/");
            }
            out.add("sysctl " + key + "=" + e.getValue());
        }
        out.sort(null);
        return out;
    }

    private static boolean isLinkLocal6(byte[] a) {
        return a.length == 16 && (a[0] & 0xff) == 0xfe && (a[1] & 0xc0) == 0x80;
    }

    /** The result's JSON with generated names, MACs and sandbox paths replaced. */
    static String normalized(Result r, Map<String, String> rename) {
        List<Result.Interface> ifs = new ArrayList<>();
        for (Result.Interface i : r.interfaces()) {
            ifs.add(new Result.Interface(rename.getOrDefault(i.name(), i.name()), i.mac() == null ? null : "MAC",
                    i.sandbox() == null ? null : "SANDBOX"));
        }
        return new String(new Result(r.cniVersion(), ifs, r.ips(), r.routes(), r.dns()).toJson(),
                java.nio.charset.StandardCharsets.UTF_8);
    }
}
