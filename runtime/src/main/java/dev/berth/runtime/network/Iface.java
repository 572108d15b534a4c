package dev.berth.runtime.network;

import dev.berth.netlink.client.NetlinkException;
import dev.berth.netlink.codec.Ifa;
import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.codec.Message;
import dev.berth.netlink.codec.Nl;
import dev.berth.netlink.codec.Rta;
import dev.berth.netlink.codec.Rtm;
import dev.berth.netlink.ops.Address;
import dev.berth.netlink.ops.LinkChange;
import dev.berth.netlink.ops.NewAddress;
import dev.berth.netlink.ops.RouteSpec;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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
    private static final long UNLIST_TIMEOUT_NANOS = 30_000_000_000L;

    private Iface() {}

    /**
     * Configures link {@code index} ({@code name}) in {@code c} with {@code ips} and {@code routes}. The
     * requests go in as few datagrams as the order allows (the kernel handles a batch in order): up and
     * the addresses, then, after IPv6 addresses have settled if there is an IPv6 gateway, the routes.
     */
    static void configure(Side c, String name, int index, List<Result.IpConfig> ips, List<Result.Route> routes)
            throws Exception {
        Rtnl nl = c.nl();
        boolean v6 = ips.stream().anyMatch(ip -> !ip.ipv4());
        if (v6) {
            enableIpv6(c, name);
        }
        List<Message> batch = new ArrayList<>();
        batch.add(LinkChange.of().up().toRequest(index, null));
        String v4gw = null;
        String v6gw = null;
        for (Result.IpConfig ip : ips) {
            batch.add(address(ip.address()).toRequest(index, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL));
            // the reference's quirk, kept: an address without gateway counts as IPv6 and sets nothing
            boolean gwIsV4 = ip.gateway() != null && ip.gateway().indexOf(':') < 0;
            if (gwIsV4 && v4gw == null) {
                v4gw = ip.gateway();
            } else if (!gwIsV4 && v6gw == null) {
                v6gw = ip.gateway();
            }
        }
        if (v6gw != null) {
            send(nl, batch, name);
            batch.clear();
            settle(nl, name, index);
        }
        for (Result.Route r : routes) {
            boolean v4 = r.dst().indexOf(':') < 0;
            String gw = r.gw() != null ? r.gw() : v4 ? v4gw : v6gw;
            RouteSpec spec = RouteSpec.to(Inet.Prefix.parse(r.dst())).dev(index).scope(Rta.RT_SCOPE_UNIVERSE);
            if (gw != null) {
                spec.via(gw);
            }
            batch.add(spec.toRequest(Rtm.RTM_NEWROUTE, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, index, null));
        }
        send(nl, batch, name);
    }

    private static void send(Rtnl nl, List<Message> batch, String name) throws ErrnoException {
        try {
            nl.client().requestAll(batch);
        } catch (ErrnoException e) {
            throw e.withContext("configuring " + name);
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

    /**
     * Deletes link {@code name} of {@code c} (with a veth, its peer too); nothing to do when it is not there.
     * Returns as soon as the kernel has taken the link out of every table: name, index, addresses, routes,
     * bridge port and the peer are gone, and a new link may take the name. The kernel then still waits for
     * an RCU grace period before it frees the device ({@code rcu_barrier()} in {@code netdev_run_todo}),
     * tens of milliseconds during which the request's ACK is held back; the side's thread waits for that
     * ACK (and reports an error if one comes instead), the caller does not, unless {@code awaitRelease}.
     */
    static void deleteLink(Side c, String name, boolean awaitRelease) throws Exception {
        Rtnl nl = c.nl();
        var found = nl.links().find(name);
        if (found.isEmpty()) {
            return;
        }
        int index = found.get().index();
        CompletableFuture<Void> ack = c.start(() -> {
            try (Rtnl own = Rtnl.open()) {
                deleteQuietly(own, index);
            }
            return null;
        });
        long deadline = System.nanoTime() + UNLIST_TIMEOUT_NANOS;
        while (true) {
            if (ack.isDone() || awaitRelease) {
                try {
                    ack.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof Exception x ? x : e;
                }
                return;
            }
            var still = nl.links().find(index);
            if (still.isEmpty() || !name.equals(still.get().name())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new NetworkException("deleting " + name + ": still there after 30 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
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
