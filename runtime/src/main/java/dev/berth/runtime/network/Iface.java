package dev.berth.runtime.network;

import dev.berth.netlink.client.NetlinkException;
import dev.berth.netlink.codec.Ifa;
import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.codec.Rta;
import dev.berth.netlink.ops.Address;
import dev.berth.netlink.ops.LinkChange;
import dev.berth.netlink.ops.NewAddress;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.netlink.ops.RouteSpec;
import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fs;
import java.util.ArrayList;
import java.util.List;

/**
 * Giving an interface inside the container its addresses and routes, as the reference plugins'
 * {@code ipam.ConfigureIface} does: up, IPv6 enabled if an IPv6 address is coming, each address (IPv4 with
 * its broadcast), a wait until IPv6 addresses have left duplicate address detection, then each route,
 * through the route's own gateway or else the first gateway of its family.
 */
final class Iface {
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final long SETTLE_NANOS = 10_000_000_000L;

    private Iface() {}

    /** Configures link {@code index} ({@code name}) in {@code c} with {@code ips} and {@code routes}. */
    static void configure(Side c, String name, int index, List<Result.IpConfig> ips, List<Result.Route> routes)
            throws Exception {
        Rtnl nl = c.nl();
        nl.links().set(index, LinkChange.of().up());
        boolean v6 = ips.stream().anyMatch(ip -> !ip.ipv4());
        if (v6) {
            enableIpv6(c, name);
        }
        String v4gw = null;
        String v6gw = null;
        for (Result.IpConfig ip : ips) {
            try {
                nl.addresses().add(index, address(ip.address()));
            } catch (ErrnoException e) {
                throw e.withContext("adding address " + ip.address() + " to " + name);
            }
            // the reference's quirk, kept: an address without gateway counts as IPv6 and sets nothing
            boolean gwIsV4 = ip.gateway() != null && ip.gateway().indexOf(':') < 0;
            if (gwIsV4 && v4gw == null) {
                v4gw = ip.gateway();
            } else if (!gwIsV4 && v6gw == null) {
                v6gw = ip.gateway();
            }
        }
        if (v6gw != null) {
            settle(nl, name, index);
        }
        for (Result.Route r : routes) {
            boolean v4 = r.dst().indexOf(':') < 0;
            String gw = r.gw() != null ? r.gw() : v4 ? v4gw : v6gw;
            RouteSpec spec = RouteSpec.to(Inet.Prefix.parse(r.dst())).dev(index).scope(Rta.RT_SCOPE_UNIVERSE);
            if (gw != null) {
                spec.via(gw);
            }
            try {
                nl.routes().add(spec);
            } catch (ErrnoException e) {
                throw e.withContext("adding route " + r.dst() + (gw == null ? "" : " via " + gw) + " dev " + name);
            }
        }
    }

    /** An address to add: IPv4 ones get their broadcast address, as vishvananda/netlink gives them. */
    static NewAddress address(String cidr) {
        NewAddress a = NewAddress.of(Inet.Prefix.parse(cidr));
        return a.prefix().family() == AF_INET ? a.broadcastAuto() : a;
    }

    /** {@code disable_ipv6} to 0 on {@code lo} and {@code name} where it is not already. */
    private static void enableIpv6(Side c, String name) throws Exception {
        String failed = c.run(() -> {
            for (String dev : List.of("lo", name)) {
                String key = "/proc/sys/net/ipv6/conf/" + dev + "/disable_ipv6";
                String value;
                try {
                    value = Fs.readFile(key).trim();
                } catch (ErrnoException e) {
                    continue;
                }
                if (!value.equals("0")) {
                    try {
                        Fs.writeFile(key, "0");
                    } catch (ErrnoException e) {
                        return "cannot enable IPv6 on " + dev + " (" + key + "=" + value + "): " + e.errnoName();
                    }
                }
            }
            return null;
        });
        if (failed != null) {
            throw new NetworkException(failed);
        }
    }

    /** Waits until no IPv6 address of the link is tentative, as the reference's {@code SettleAddresses}. */
    private static void settle(Rtnl nl, String name, int index) throws Exception {
        long deadline = System.nanoTime() + SETTLE_NANOS;
        while (true) {
            boolean tentative = false;
            for (Address a : nl.addresses().list(AF_INET6, index)) {
                if ((a.flags() & Ifa.IFA_F_DADFAILED) != 0) {
                    throw new NetworkException("duplicate address detection failed for " + a.prefix() + " on " + name);
                }
                tentative |= (a.flags() & Ifa.IFA_F_TENTATIVE) != 0;
            }
            if (!tentative) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new NetworkException("IPv6 addresses of " + name + " still tentative after 10 s");
            }
            Thread.sleep(10);
        }
    }

    /** Deletes link {@code name} in {@code nl}, returning its global addresses; empty when it is not there. */
    static List<Inet.Prefix> deleteLink(Rtnl nl, String name) throws ErrnoException {
        var link = nl.links().find(name);
        if (link.isEmpty()) {
            return List.of();
        }
        List<Inet.Prefix> out = new ArrayList<>();
        for (Address a : nl.addresses().list(0, link.get().index())) {
            if (a.scope() == Rta.RT_SCOPE_UNIVERSE) {
                out.add(a.prefix());
            }
        }
        try {
            nl.links().delete(link.get().index());
        } catch (NetlinkException e) {
            if (!e.is(Errno.ENODEV)) {
                throw e;
            }
        }
        return out;
    }

    /** Deletes link {@code index}, quietly when it is already gone. */
    static void deleteQuietly(Rtnl nl, int index) throws ErrnoException {
        try {
            nl.links().delete(index);
        } catch (NetlinkException e) {
            if (!e.is(Errno.ENODEV)) {
                throw e;
            }
        }
    }
}
