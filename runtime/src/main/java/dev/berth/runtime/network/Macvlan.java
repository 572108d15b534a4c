package dev.berth.runtime.network;

import dev.berth.netlink.client.NetlinkException;
import dev.berth.netlink.codec.Ifla;
import dev.berth.netlink.codec.Rta;
import dev.berth.netlink.ops.Link;
import dev.berth.netlink.ops.LinkChange;
import dev.berth.netlink.ops.NewLink;
import dev.berth.netlink.ops.Route;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.specs.network.CniPlugin;
import dev.berth.syscall.Errno;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code macvlan}: a macvlan device on a host interface ({@code master}, by default the one of the host's
 * default route), created directly in the container's namespace under {@code CNI_IFNAME}, in mode
 * {@code bridge} (default), {@code private}, {@code vepa} or {@code passthru}. Like the reference plugin,
 * the result's DNS is the plugin's own {@code dns}, not the IPAM's.
 */
final class Macvlan implements Builtin {
    @Override
    public Result add(Session s, int index, CniPlugin p, Result prev, Undo undo) throws Exception {
        Side host = s.host;
        Side c = s.container();
        String master = p.master() != null ? p.master() : defaultRouteInterface(host.nl());
        Link masterLink = host.nl().links().find(master)
                .orElseThrow(() -> new NetworkException("failed to lookup master \"" + master + "\": no such interface"));
        int mtu = p.mtu() == null ? 0 : p.mtu();
        if (mtu < 0 || mtu > masterLink.mtu()) {
            throw new NetworkException("invalid MTU " + mtu + ", must be [0, master MTU(" + masterLink.mtu() + ")]");
        }
        NewLink spec = NewLink.macvlan(s.ifName(), master, mode(p.mode())).netns(c.target()).txqlen(0);
        if (mtu > 0) {
            spec.mtu(mtu);
        }
        try {
            host.nl().links().create(spec);
        } catch (NetlinkException e) {
            throw e.is(Errno.EEXIST)
                    ? new NetworkException("failed to create macvlan: the container already has an interface named "
                            + s.ifName(), e)
                    : e.withContext("failed to create macvlan " + s.ifName() + " on " + master);
        }
        Rtnl cnl = c.nl();
        Link link = cnl.links().get(s.ifName());
        undo.add("deleting macvlan " + s.ifName(), () -> Iface.deleteQuietly(cnl, link.index()));
        Faults.at("macvlan:link");
        List<Result.IpConfig> ips = new ArrayList<>();
        List<Result.Route> routes = List.of();
        if (p.ipam() != null) {
            Result ipam = Ipams.add(s, index, p.ipam(), undo);
            if (ipam.ips().isEmpty()) {
                throw new NetworkException("IPAM plugin returned missing IP config");
            }
            for (Result.IpConfig ip : ipam.ips()) {
                ips.add(new Result.IpConfig(ip.address(), ip.gateway(), 0));
            }
            routes = ipam.routes();
            c.sysctls(List.<String[]>of(new String[] {"net/ipv4/conf/" + s.ifName() + "/arp_notify", "1"}));
            Iface.configure(c, s.ifName(), link.index(), ips, routes);
        } else {
            cnl.links().set(link.index(), LinkChange.of().up());
        }
        Faults.at("macvlan:container");
        String mac = cnl.links().get(link.index()).mac();
        Faults.at("macvlan:done");
        return new Result(s.version(), List.of(new Result.Interface(s.ifName(), mac, s.sandbox())), ips, routes, p.dns());
    }

    static NewLink.MacvlanMode mode(String mode) throws NetworkException {
        return switch (mode == null ? "" : mode) {
            case "", "bridge" -> NewLink.MacvlanMode.BRIDGE;
            case "private" -> NewLink.MacvlanMode.PRIVATE;
            case "vepa" -> NewLink.MacvlanMode.VEPA;
            case "passthru" -> NewLink.MacvlanMode.PASSTHRU;
            default -> throw new NetworkException("unknown macvlan mode: \"" + mode + "\"");
        };
    }

    /** The interface of the host's first default route, the reference's default master. */
    private static String defaultRouteInterface(Rtnl nl) throws Exception {
        for (Route r : nl.routes().list(0, Rta.RT_TABLE_MAIN)) {
            if (r.isDefault() && r.outputIndex() != 0) {
                return nl.links().get(r.outputIndex()).name();
            }
        }
        throw new NetworkException("no default route interface found (set \"master\")");
    }

    @Override
    public void del(Session s, int index, CniPlugin p, Result prev) throws Exception {
        if (p.ipam() != null) {
            Ipams.del(s, index, p.ipam());
        }
        if (s.container != null) {
            Iface.deleteLink(s.container, s.ifName(), s.options.awaitRelease());
        }
    }

    @Override
    public void check(Session s, int index, CniPlugin p, Result prev) throws Exception {
        if (p.ipam() != null) {
            Ipams.check(s, index, p.ipam());
        }
        Checks.prevResult(prev);
        Link l = s.container().nl().links().find(s.ifName()).orElseThrow(
                () -> new NetworkException("container Interface name in prevResult: " + s.ifName() + " not found"));
        if (!"macvlan".equals(l.kind())) {
            throw new NetworkException("error: Container interface " + s.ifName() + " not of type macvlan");
        }
        int want = Ifla.MACVLAN_MODE_BRIDGE;
        switch (mode(p.mode())) {
            case PRIVATE -> want = Ifla.MACVLAN_MODE_PRIVATE;
            case VEPA -> want = Ifla.MACVLAN_MODE_VEPA;
            case PASSTHRU -> want = Ifla.MACVLAN_MODE_PASSTHRU;
            default -> {}
        }
        if (l.kindData() == null || l.kindData().u32(Ifla.IFLA_MACVLAN_MODE, -1) != want) {
            throw new NetworkException("container macvlan mode does not match expected value: " + p.mode());
        }
        Checks.addressesAndRoutes(s, l, prev);
    }
}
