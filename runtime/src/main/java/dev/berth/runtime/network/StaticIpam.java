package dev.berth.runtime.network;

import dev.berth.netlink.codec.Inet;
import dev.berth.specs.network.Ipam;
import java.util.ArrayList;
import java.util.List;

/** The {@code static} IPAM plugin: the configured addresses, routes and DNS, nothing stored. */
final class StaticIpam {
    private StaticIpam() {}

    static Result add(Session s, Ipam ipam) {
        List<Result.IpConfig> ips = new ArrayList<>();
        for (Ipam.StaticAddress a : ipam.addresses()) {
            Inet.Prefix p = Inet.Prefix.parse(a.address());
            ips.add(new Result.IpConfig(p.toString(), a.gateway() == null ? null : HostLocal.canonical(a.gateway()),
                    null));
        }
        List<Result.Route> routes = new ArrayList<>();
        for (Ipam.Route r : ipam.routes()) {
            routes.add(new Result.Route(HostLocal.canonicalNetwork(r.dst()),
                    r.gw() == null ? null : HostLocal.canonical(r.gw())));
        }
        return Result.ofIpam(s.version(), ips, routes, ipam.dns());
    }
}
