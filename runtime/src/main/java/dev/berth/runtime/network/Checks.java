package dev.berth.runtime.network;

import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.ops.Address;
import dev.berth.netlink.ops.Link;
import dev.berth.netlink.ops.Route;
import dev.berth.netlink.ops.Rtnl;
import java.util.Arrays;
import java.util.List;

/** What CHECK verifies for the built-in plugins, after the reference's {@code ValidateExpected*}. */
final class Checks {
    private Checks() {}

    static void prevResult(Result prev) throws NetworkException {
        if (prev == null) {
            throw new NetworkException("Required prevResult missing");
        }
    }

    /** The container's interface, which must be a veth. */
    static Link containerVeth(Session s) throws Exception {
        Link l = s.container().nl().links().find(s.ifName()).orElseThrow(
                () -> new NetworkException("CNI created interface in container " + s.ifName() + " not found"));
        if (!"veth".equals(l.kind())) {
            throw new NetworkException("Error: Container interface " + s.ifName() + " not of type veth");
        }
        return l;
    }

    /** The result's addresses of the container interface are on it, and its routes are in the table. */
    static void addressesAndRoutes(Session s, Link link, Result prev) throws Exception {
        Rtnl nl = s.container().nl();
        List<Address> have = nl.addresses().list(0, link.index());
        for (Result.IpConfig ip : prev.ips()) {
            Integer i = ip.interfaceIndex();
            if (i == null || i < 0 || i >= prev.interfaces().size()
                    || !s.ifName().equals(prev.interfaces().get(i).name())
                    || prev.interfaces().get(i).sandbox() == null) {
                continue;
            }
            Inet.Prefix want = Inet.Prefix.parse(ip.address());
            if (have.stream().noneMatch(a -> a.prefix().equals(want))) {
                throw new NetworkException("Failed to match addr " + ip.address() + " on interface " + s.ifName());
            }
        }
        List<Route> routes = nl.routes().list(0, dev.berth.netlink.codec.Rta.RT_TABLE_MAIN);
        for (Result.Route r : prev.routes()) {
            Inet.Prefix dst = Inet.Prefix.parse(r.dst()).network();
            byte[] gw = r.gw() == null ? null : Inet.parse(r.gw());
            boolean found = routes.stream().anyMatch(rt -> rt.destination().equals(dst)
                    && (gw == null || Arrays.equals(gw, rt.gateway())));
            if (!found) {
                throw new NetworkException("Failed to find route " + r.dst() + (r.gw() == null ? "" : " via " + r.gw()));
            }
        }
    }
}
