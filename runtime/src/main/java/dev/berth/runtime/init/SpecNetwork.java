package dev.berth.runtime.init;

import dev.berth.specs.Spec;
import dev.berth.specs.SpecException;
import dev.berth.specs.network.CniPlugin;
import dev.berth.specs.network.IpPrefix;
import dev.berth.specs.network.Ipam;
import dev.berth.specs.network.NetworkConfigList;
import dev.berth.specs.network.NetworkReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A VM's first NIC from a spec's network extension: the first plugin with {@code static} IPAM gives the
 * address, the gateway (its own, or a default route's) and the name servers, as the kernel's {@code ip=}
 * would. Other IPAM types need a DHCP client or a host-side allocator, which a VM's init does not have.
 */
final class SpecNetwork {
    private SpecNetwork() {}

    /** The static configuration, or null when the spec has no network extension. */
    static KernelIp staticAddress(Spec spec) throws SpecException {
        Optional<NetworkConfigList> list = NetworkReader.fromAnnotations(spec.annotations(), Path.of("/"));
        if (list.isEmpty()) {
            return null;
        }
        for (CniPlugin p : list.get().plugins()) {
            Ipam ipam = p.ipam();
            if (ipam == null || !"static".equals(ipam.type()) || ipam.addresses().isEmpty()) {
                continue;
            }
            Ipam.StaticAddress a = ipam.addresses().get(0);
            IpPrefix prefix = IpPrefix.parse(a.address());
            String gateway = a.gateway();
            for (Ipam.Route r : ipam.routes()) {
                if (gateway == null && r.gw() != null && (r.dst().equals("0.0.0.0/0"))) {
                    gateway = r.gw();
                }
            }
            List<String> dns = new ArrayList<>();
            if (ipam.dns() != null) {
                dns.addAll(ipam.dns().nameservers());
            } else if (p.dns() != null) {
                dns.addAll(p.dns().nameservers());
            }
            return new KernelIp(IpPrefix.format(prefix.address()), prefix.length(), gateway, null, null, List.copyOf(dns));
        }
        throw new SpecException("config.json", "annotations", "the network extension has no plugin with static IPAM; "
                + "a VM's init configures static addresses only");
    }
}
