package dev.berth.runtime.network;

import dev.berth.netlink.client.NetlinkException;
import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.codec.Rta;
import dev.berth.netlink.ops.Link;
import dev.berth.netlink.ops.RouteSpec;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.specs.network.CniPlugin;
import dev.berth.specs.network.IpPrefix;
import dev.berth.syscall.Errno;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ptp}: a veth pair and routes instead of a bridge. Like the reference plugin: the container gets
 * its address with the subnet's prefix, but the subnet route is replaced by a host route to the gateway
 * and a route to the subnet through it, so everything goes through the host; the host end gets the
 * gateway address as a /32 (/128) and a host route to the container's address.
 */
final class Ptp implements Builtin {
    @Override
    public Result add(Session s, int index, CniPlugin p, Result prev, Undo undo) throws Exception {
        if (p.ipam() == null) {
            throw new NetworkException("ptp needs an \"ipam\" section: it routes the container's addresses");
        }
        int mtu = p.mtu() == null ? 0 : p.mtu();
        Side host = s.host;
        Side c = s.container();
        Result ipam = Ipams.add(s, index, p.ipam(), undo);
        if (ipam.ips().isEmpty()) {
            throw new NetworkException("IPAM plugin returned missing IP config");
        }
        List<Result.IpConfig> ips = new ArrayList<>();
        boolean v4 = false;
        boolean v6 = false;
        for (Result.IpConfig ip : ipam.ips()) {
            if (ip.gateway() == null) {
                throw new NetworkException("ptp needs a gateway for " + ip.address() + " (the host end's address)");
            }
            ips.add(new Result.IpConfig(ip.address(), ip.gateway(), 1));
            v4 |= ip.ipv4();
            v6 |= !ip.ipv4();
        }
        Veth veth = Veth.create(s, mtu, undo);
        Faults.at("ptp:veth");
        List<String[]> hostSysctls = new ArrayList<>();
        if (v4) {
            hostSysctls.add(new String[] {"net/ipv4/ip_forward", "1"});
        }
        if (v6) {
            hostSysctls.add(new String[] {"net/ipv6/conf/all/forwarding", "1"});
        }
        hostSysctls.add(new String[] {"net/ipv6/conf/" + veth.hostName() + "/accept_ra", "0"});
        for (String failed : host.sysctls(hostSysctls)) {
            if (failed.contains("forward")) {
                throw new NetworkException("Could not enable IP forwarding: " + failed);
            }
        }

        Iface.configure(c, s.ifName(), veth.containerIndex(), ips, ipam.routes());
        Rtnl cnl = c.nl();
        for (Result.IpConfig ip : ips) {
            IpPrefix addr = IpPrefix.parse(ip.address());
            int bits = addr.bits();
            Inet.Prefix subnet = Inet.Prefix.parse(addr.network().toString());
            byte[] local = Inet.parse(ip.ip());
            cnl.routes().delete(RouteSpec.to(subnet).dev(veth.containerIndex()));
            cnl.routes().add(RouteSpec.to(ip.gateway() + "/" + bits).dev(veth.containerIndex())
                    .scope(Rta.RT_SCOPE_LINK).source(local));
            cnl.routes().add(RouteSpec.to(subnet).dev(veth.containerIndex()).via(ip.gateway())
                    .scope(Rta.RT_SCOPE_UNIVERSE).source(local));
        }
        Faults.at("ptp:container");

        Rtnl hnl = host.nl();
        for (Result.IpConfig ip : ips) {
            int bits = ip.ipv4() ? 32 : 128;
            try {
                hnl.addresses().add(veth.hostIndex(), Iface.address(ip.gateway() + "/" + bits));
            } catch (NetlinkException e) {
                throw e.withContext("failed to add IP addr " + ip.gateway() + "/" + bits + " to veth");
            }
            try {
                hnl.routes().add(RouteSpec.to(ip.ip() + "/" + bits).dev(veth.hostIndex()).scope(Rta.RT_SCOPE_HOST));
            } catch (NetlinkException e) {
                if (!e.is(Errno.EEXIST)) {
                    throw e.withContext("failed to add route on host");
                }
            }
        }
        Faults.at("ptp:host");
        if (Boolean.TRUE.equals(p.ipMasq())) {
            Masquerade.add(s, ips, undo);
            Faults.at("ptp:masq");
        }
        Link hostEnd = hnl.links().get(veth.hostIndex());
        Link contEnd = cnl.links().get(veth.containerIndex());
        List<Result.Interface> interfaces = List.of(new Result.Interface(veth.hostName(), hostEnd.mac(), null),
                new Result.Interface(s.ifName(), contEnd.mac(), s.sandbox()));
        Faults.at("ptp:done");
        return new Result(s.version(), interfaces, ips, ipam.routes(), Result.hasDns(p.dns()) ? p.dns() : ipam.dns());
    }

    @Override
    public void del(Session s, int index, CniPlugin p, Result prev) throws Exception {
        if (p.ipam() != null) {
            Ipams.del(s, index, p.ipam());
        }
        if (s.container != null) {
            Iface.deleteLink(s.container, s.ifName(), s.options.awaitRelease());
        }
        if (Boolean.TRUE.equals(p.ipMasq())) {
            Masquerade.del(s);
        }
    }

    @Override
    public void check(Session s, int index, CniPlugin p, Result prev) throws Exception {
        if (p.ipam() != null) {
            Ipams.check(s, index, p.ipam());
        }
        Checks.prevResult(prev);
        Checks.addressesAndRoutes(s, Checks.containerVeth(s), prev);
    }
}
