package dev.berth.runtime.network;

import dev.berth.netlink.client.NetlinkException;
import dev.berth.netlink.codec.Iff;
import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.codec.Message;
import dev.berth.netlink.ops.Address;
import dev.berth.netlink.ops.Link;
import dev.berth.netlink.ops.LinkChange;
import dev.berth.netlink.ops.NewLink;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.specs.network.CniPlugin;
import dev.berth.specs.network.IpPrefix;
import dev.berth.specs.network.RawJson;
import dev.berth.syscall.Errno;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code bridge}: the container joins a bridge on the host through a veth pair. Like the reference
 * plugin: the bridge ({@code cni0} unless named) is made if missing, in promiscuous mode if asked, up;
 * the host end of the veth becomes its port, in hairpin mode if asked; the container end gets the IPAM
 * addresses and routes; with {@code isGateway} the bridge gets each subnet's gateway address (and IP
 * forwarding is turned on), with {@code isDefaultGateway} the container also gets a default route through
 * it; {@code ipMasq} masquerades what leaves the subnet. DEL deletes the container's interface (and with
 * it the veth and the bridge port), releases the addresses and the NAT rules; the bridge and its gateway
 * address stay, as with the reference plugin, for the other containers on it.
 *
 * <p>Setups on one bridge are serialised by a lock file, so that one setup undoing the bridge it made
 * cannot pull it from under another.
 */
final class Bridge implements Builtin {
    static final String DEFAULT_BRIDGE = "cni0";
    private static final long[] OPERSTATE_WAITS_MS = {0, 1, 2, 5, 10, 20, 50, 100, 250, 500, 1000, 1000};

    @Override
    public Result add(Session s, int index, CniPlugin p, Result prev, Undo undo) throws Exception {
        String brName = p.bridge() != null ? p.bridge() : DEFAULT_BRIDGE;
        boolean isDefaultGw = Boolean.TRUE.equals(p.isDefaultGateway());
        boolean isGw = isDefaultGw || Boolean.TRUE.equals(p.isGateway());
        boolean hairpin = Boolean.TRUE.equals(p.hairpinMode());
        boolean promisc = Boolean.TRUE.equals(p.promiscMode());
        boolean enableDad = p.extra().get("enabledad") instanceof RawJson.Bool b && b.value();
        int mtu = p.mtu() == null ? 0 : p.mtu();
        if (hairpin && promisc) {
            throw new NetworkException("cannot set hairpin mode and promiscuous mode at the same time");
        }
        unsupported(p);
        Side host = s.host;
        Side c = s.container();
        try (Locks.Held lock = Locks.lock(Locks.dir(s.dataDir()).resolve("bridge-" + brName + ".lock"))) {
            Result ipam = p.ipam() != null ? Ipams.add(s, index, p.ipam(), undo) : null;
            Link br = ensureBridge(host.nl(), brName, mtu, promisc, undo);
            Faults.at("bridge:bridge");
            Veth veth = Veth.create(s, mtu, undo);
            Faults.at("bridge:veth");
            List<Message> port = new ArrayList<>();
            port.add(LinkChange.of().master(br.index()).toRequest(veth.hostIndex(), null));
            if (hairpin) {
                port.add(LinkChange.of().hairpin(true).toRequest(veth.hostIndex(), null));
            }
            host.nl().client().requestAll(port);
            Faults.at("bridge:port");
            List<String[]> hostSysctls = new ArrayList<>();
            hostSysctls.add(new String[] {"net/ipv6/conf/" + brName + "/accept_ra", "0"});
            hostSysctls.add(new String[] {"net/ipv6/conf/" + veth.hostName() + "/accept_ra", "0"});
            List<Result.IpConfig> ips = new ArrayList<>();
            List<Result.Route> routes = new ArrayList<>();
            boolean v4Forward = false;
            boolean v6Forward = false;
            if (ipam != null) {
                if (ipam.ips().isEmpty()) {
                    throw new NetworkException("IPAM plugin returned missing IP config");
                }
                routes.addAll(ipam.routes());
                List<IpPrefix> gateways = new ArrayList<>();
                boolean v4DefaultFound = false;
                boolean v6DefaultFound = false;
                for (Result.IpConfig ip : ipam.ips()) {
                    String gw = ip.gateway();
                    IpPrefix addr = IpPrefix.parse(ip.address());
                    if (gw == null && isGw) {
                        gw = IpPrefix.format(IpPrefix.fromNumber(addr.first().add(BigInteger.ONE), addr.isIpv4()));
                    }
                    ips.add(new Result.IpConfig(ip.address(), gw, 2));
                    if (isDefaultGw) {
                        String dflt = addr.isIpv4() ? "0.0.0.0/0" : "::/0";
                        boolean found = addr.isIpv4() ? v4DefaultFound : v6DefaultFound;
                        for (Result.Route r : routes) {
                            found |= r.gw() != null && r.dst().equals(dflt);
                        }
                        if (!found) {
                            routes.add(new Result.Route(dflt, gw));
                        }
                        if (addr.isIpv4()) {
                            v4DefaultFound = true;
                        } else {
                            v6DefaultFound = true;
                        }
                    }
                    if (isGw) {
                        gateways.add(new IpPrefix(IpPrefix.parseAddress(gw), addr.length()));
                        v4Forward |= addr.isIpv4();
                        v6Forward |= !addr.isIpv4();
                    }
                }
                c.sysctls(List.of(
                        new String[] {"net/ipv6/conf/" + s.ifName() + "/accept_dad", enableDad ? "1" : "0"},
                        new String[] {"net/ipv4/conf/" + s.ifName() + "/arp_notify", "1"}));
                Iface.configure(c, s.ifName(), veth.containerIndex(), ips, routes);
                Faults.at("bridge:container");
                for (IpPrefix gw : gateways) {
                    ensureAddress(host.nl(), br, gw, Boolean.TRUE.equals(p.forceAddress()), undo);
                }
                Faults.at("bridge:gateway");
                if (Boolean.TRUE.equals(p.ipMasq())) {
                    Masquerade.add(s, ips, undo);
                    Faults.at("bridge:masq");
                }
            } else {
                c.nl().links().set(veth.containerIndex(), LinkChange.of().up());
            }
            if (v4Forward) {
                hostSysctls.add(new String[] {"net/ipv4/ip_forward", "1"});
            }
            if (v6Forward) {
                hostSysctls.add(new String[] {"net/ipv6/conf/all/forwarding", "1"});
            }
            for (String failed : host.sysctls(hostSysctls)) {
                if (failed.contains("forward")) {
                    throw new NetworkException("failed to enable forwarding: " + failed);
                }
            }
            Link hostEnd = waitUntilUp(host.nl(), veth.hostIndex(), veth.hostName());
            String brMac = host.nl().links().get(br.index()).mac();
            String contMac = c.nl().links().get(veth.containerIndex()).mac();
            List<Result.Interface> interfaces = List.of(new Result.Interface(brName, brMac, null),
                    new Result.Interface(veth.hostName(), hostEnd.mac(), null),
                    new Result.Interface(s.ifName(), contMac, s.sandbox()));
            var dns = Result.hasDns(p.dns()) ? p.dns() : ipam == null ? null : ipam.dns();
            Faults.at("bridge:done");
            return new Result(s.version(), interfaces, ips, routes, dns);
        }
    }

    /** Options of the reference plugin Berth does not implement: refused rather than ignored. */
    private static void unsupported(CniPlugin p) throws NetworkException {
        if (p.vlan() != null && p.vlan() != 0) {
            throw new NetworkException("\"vlan\" is not supported by Berth's bridge (run the reference plugin by "
                    + "type, e.g. with CniNetwork.Options.external(\"bridge\"))");
        }
        for (String key : List.of("vlanTrunk", "macspoofchk")) {
            RawJson v = p.extra().get(key);
            if (v != null && !(v instanceof RawJson.Null) && !(v instanceof RawJson.Bool b && !b.value())) {
                throw new NetworkException("\"" + key + "\" is not supported by Berth's bridge");
            }
        }
    }

    /** The bridge, made (and registered for undo) when missing; promiscuous when asked; up. */
    private static Link ensureBridge(Rtnl nl, String name, int mtu, boolean promisc, Undo undo) throws Exception {
        Optional<Link> existing = nl.links().find(name);
        boolean created = false;
        Link br;
        if (existing.isPresent()) {
            br = existing.get();
        } else {
            NewLink spec = NewLink.bridge(name);
            if (mtu > 0) {
                spec.mtu(mtu);
            }
            try {
                br = nl.links().add(spec);
                created = true;
                int brIndex = br.index();
                undo.add("deleting bridge " + name, () -> Iface.deleteQuietly(nl, brIndex));
            } catch (NetlinkException e) {
                if (!e.is(Errno.EEXIST)) {
                    throw e.withContext("creating bridge " + name);
                }
                br = nl.links().get(name);
            }
        }
        if (!"bridge".equals(br.kind())) {
            throw new NetworkException("\"" + name + "\" already exists but is not a bridge");
        }
        int brIndex = br.index();
        if (promisc && !br.isPromisc()) {
            nl.links().set(brIndex, LinkChange.of().promisc(true));
            if (!created) {
                undo.add("promiscuous mode off on " + name, () -> nl.links().set(brIndex, LinkChange.of().promisc(false)));
            }
        }
        if (!br.isUp()) {
            nl.links().set(brIndex, LinkChange.of().up());
            if (!created) {
                undo.add("setting bridge " + name + " down", () -> nl.links().set(brIndex, LinkChange.of().down()));
            }
        }
        return br;
    }

    /**
     * The gateway address on the bridge, as the reference's {@code ensureAddr}: nothing to do if it is
     * there; another IPv4 address (or an overlapping IPv6 one) is an error unless {@code forceAddress}
     * replaces it. Then the bridge's MAC address is pinned, so it no longer follows its ports.
     */
    private static void ensureAddress(Rtnl nl, Link br, IpPrefix gw, boolean force, Undo undo) throws Exception {
        int family = gw.isIpv4() ? 2 : 10;
        Inet.Prefix want = Inet.Prefix.parse(gw.toString());
        for (Address a : nl.addresses().list(family, br.index())) {
            Inet.Prefix have = a.prefix();
            if (have.equals(want)) {
                return;
            }
            IpPrefix h = IpPrefix.parse(have.toString());
            if (gw.isIpv4() || h.contains(gw.address()) || gw.contains(h.address())) {
                if (!force) {
                    throw new NetworkException("\"" + br.name() + "\" already has an IP address different from " + gw);
                }
                nl.addresses().delete(br.index(), have);
                undo.add("putting " + have + " back on " + br.name(),
                        () -> nl.addresses().add(br.index(), Iface.address(have.toString())));
            }
        }
        try {
            nl.addresses().add(br.index(), Iface.address(gw.toString()));
            undo.add("removing " + gw + " from " + br.name(), () -> {
                try {
                    nl.addresses().delete(br.index(), want);
                } catch (NetlinkException e) {
                    if (!e.is(Errno.EADDRNOTAVAIL) && !e.is(Errno.ENODEV)) {
                        throw e;
                    }
                }
            });
        } catch (NetlinkException e) {
            if (!e.is(Errno.EEXIST)) {
                throw e.withContext("could not add IP address to \"" + br.name() + "\"");
            }
        }
        byte[] mac = nl.links().get(br.index()).address();
        nl.links().set(br.index(), LinkChange.of().address(mac));
    }

    /** Waits until the host end's operational state is up, as the reference does before reporting. */
    static Link waitUntilUp(Rtnl nl, int index, String name) throws Exception {
        Link l = null;
        for (long ms : OPERSTATE_WAITS_MS) {
            if (ms > 0) {
                Thread.sleep(ms);
            }
            l = nl.links().get(index);
            if (l.operstate() == Iff.IF_OPER_UP) {
                return l;
            }
        }
        throw new NetworkException("bridge port " + name + " in error state: operstate " + l.operstate());
    }

    @Override
    public void del(Session s, int index, CniPlugin p, Result prev) throws Exception {
        if (s.container != null) {
            Iface.deleteLink(s.container, s.ifName(), s.options.awaitRelease());
        }
        if (p.ipam() != null) {
            Ipams.del(s, index, p.ipam());
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
        String brName = p.bridge() != null ? p.bridge() : DEFAULT_BRIDGE;
        Link br = s.host.nl().links().find(brName).orElseThrow(
                () -> new NetworkException("CNI created bridge " + brName + " in host namespace was not found"));
        if (!"bridge".equals(br.kind())) {
            throw new NetworkException("Interface " + brName + " does not have link type of bridge");
        }
        if (br.isPromisc() != Boolean.TRUE.equals(p.promiscMode())) {
            throw new NetworkException("Bridge interface " + brName + " configured Promisc Mode "
                    + Boolean.TRUE.equals(p.promiscMode()) + " doesn't match current state: " + br.isPromisc());
        }
        Link cont = Checks.containerVeth(s);
        Link hostEnd = s.host.nl().links().find(cont.link()).orElse(null);
        if (hostEnd == null || hostEnd.master() != br.index()) {
            throw new NetworkException("CNI veth created for bridge " + brName + " was not found");
        }
        Checks.addressesAndRoutes(s, cont, prev);
    }
}
