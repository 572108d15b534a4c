package dev.berth.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.netlink.netns.NetNs;
import dev.berth.netlink.ops.LinkChange;
import dev.berth.netlink.ops.NewLink;
import dev.berth.netlink.ops.RouteSpec;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.specs.network.NetworkConfigList;
import dev.berth.syscall.testing.RootTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For the same configuration list, Berth's in-process plugins and the reference CNI plugins (Debian's
 * {@code containernetworking-plugins}, run by the CNI protocol through Berth's external-plugin path) leave
 * the same interfaces, addresses, routes and sysctls in two containers and on the host, and report the
 * same results, apart from generated names and MACs. Each side gets its own host and container namespaces.
 */
@RootTest
@ExtendWith(HostGuard.class)
class EquivalenceTest {
    static final Path REFERENCE = Path.of("/usr/lib/cni");

    static Stream<String> configs() {
        return Stream.of("bridge-dual-stack", "bridge-l2-promisc", "bridge-custom-gateway", "ptp", "macvlan-static",
                "macvlan-default-master");
    }

    static String conflist(String name, Path dataDir) {
        String body = switch (name) {
            case "bridge-dual-stack" -> """
                    {"type": "loopback"},
                    {"type": "bridge", "bridge": "eq0", "isGateway": true, "isDefaultGateway": true, "mtu": 1400,
                     "hairpinMode": true,
                     "ipam": {"type": "host-local", "dataDir": "DATA",
                              "ranges": [[{"subnet": "198.18.0.0/24", "rangeStart": "198.18.0.10", "rangeEnd": "198.18.0.20"}],
                                         [{"subnet": "2001:2::/64"}]],
                              "routes": [{"dst": "198.19.0.0/16"}, {"dst": "198.19.1.0/24", "gw": "198.18.0.9"}]}}
                    """;
            case "bridge-l2-promisc" -> """
                    {"type": "bridge", "bridge": "eq1", "promiscMode": true}
                    """;
            case "bridge-custom-gateway" -> """
                    {"type": "bridge", "bridge": "eq2", "isGateway": true,
                     "ipam": {"type": "host-local", "dataDir": "DATA",
                              "ranges": [[{"subnet": "198.18.4.0/22", "gateway": "198.18.7.254"}]],
                              "routes": [{"dst": "0.0.0.0/0"}]}}
                    """;
            case "ptp" -> """
                    {"type": "ptp", "mtu": 1450,
                     "ipam": {"type": "host-local", "dataDir": "DATA", "ranges": [[{"subnet": "198.18.1.0/24"}]],
                              "routes": [{"dst": "0.0.0.0/0"}]}}
                    """;
            case "macvlan-static" -> """
                    {"type": "macvlan", "master": "up0", "mode": "private", "mtu": 1300,
                     "ipam": {"type": "static",
                              "addresses": [{"address": "198.18.2.5/24"}, {"address": "198.18.3.5/24", "gateway": "198.18.3.1"}],
                              "routes": [{"dst": "198.19.0.0/16"}, {"dst": "198.19.5.0/24", "gw": "198.18.2.1"}],
                              "dns": {"nameservers": ["198.18.2.53"]}}}
                    """;
            case "macvlan-default-master" -> """
                    {"type": "macvlan",
                     "ipam": {"type": "host-local", "dataDir": "DATA", "ranges": [[{"subnet": "198.18.8.0/24"}]]}}
                    """;
            default -> throw new IllegalArgumentException(name);
        };
        return "{\"cniVersion\": \"1.0.0\", \"name\": \"eq\", \"plugins\": [" + body.replace("DATA", dataDir.toString())
                + "]}";
    }

    /** A master for macvlan: a veth pair on the host, up, with the host's default route through it. */
    static void hostUplink(NetNs host) throws Exception {
        try (Rtnl nl = host.rtnl()) {
            nl.links().add(NewLink.veth("up0", "up1"));
            nl.links().set("up0", LinkChange.of().up());
            nl.links().set("up1", LinkChange.of().up());
            nl.addresses().add("up0", "198.19.255.1/24");
            nl.routes().add(RouteSpec.defaultRoute(2).via("198.19.255.254").dev("up0"));
        }
        Lab.waitUp(host, "up0");
        Lab.waitUp(host, "up1");
    }

    record Outcome(List<String> results, List<String> host, List<String> c1, List<String> c2, List<String> afterDel) {}

    static Outcome run(String config, CniNetwork net) throws Exception {
        try (Lab lab = Lab.create()) {
            hostUplink(lab.host);
            NetworkConfigList list = Lab.conflist(conflist(config, lab.dataDir));
            NetNs c1 = lab.container();
            NetNs c2 = lab.container();
            Result r1 = net.setUp(list, lab.attach("c1", c1));
            Result r2 = net.setUp(list, lab.attach("c2", c2));
            Map<String, String> rename = new HashMap<>();
            List<String> hostSysctls = new ArrayList<>(List.of("net/ipv4/ip_forward", "net/ipv6/conf/all/forwarding"));
            for (Result r : List.of(r1, r2)) {
                for (Result.Interface i : r.interfaces()) {
                    if (i.sandbox() == null && i.name().startsWith("veth")) {
                        rename.put(i.name(), "veth-" + (r == r1 ? "c1" : "c2"));
                    }
                    if (i.sandbox() == null) {
                        hostSysctls.add("net/ipv6/conf/" + i.name() + "/accept_ra");
                    }
                }
            }
            List<String> ctrSysctls = List.of("net/ipv4/conf/eth0/arp_notify", "net/ipv6/conf/eth0/accept_dad",
                    "net/ipv6/conf/eth0/ndisc_notify", "net/ipv6/conf/eth0/disable_ipv6", "net/ipv6/conf/lo/disable_ipv6");
            List<String> results = List.of(Snapshot.normalized(r1, rename), Snapshot.normalized(r2, rename));
            for (NetNs ns : List.of(lab.host, c1, c2)) {
                Lab.waitSettled(ns);
            }
            Outcome partial = new Outcome(results, Snapshot.of(lab.host, rename, hostSysctls),
                    Snapshot.of(c1, rename, ctrSysctls), Snapshot.of(c2, rename, ctrSysctls), null);
            net.tearDown(list, lab.attach("c1", c1), r1);
            net.tearDown(list, lab.attach("c2", c2), r2);
            Lab.waitSettled(lab.host);
            Lab.waitSettled(c1);
            List<String> after = new ArrayList<>();
            after.addAll(Snapshot.of(lab.host, rename, List.of()));
            after.addAll(Snapshot.of(c1, rename, List.of()));
            after.add("allocations " + lab.allocations());
            return new Outcome(partial.results(), partial.host(), partial.c1(), partial.c2(), after);
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void berthLeavesWhatTheReferencePluginsLeave(String config) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(REFERENCE.resolve("bridge")),
                "the reference plugins are not installed (apt-get install containernetworking-plugins)");
        CniNetwork berth = new CniNetwork(CniNetwork.Options.defaults().withCniPath(List.of(REFERENCE)));
        CniNetwork reference = new CniNetwork(CniNetwork.Options.defaults().withCniPath(List.of(REFERENCE))
                .withExternal("bridge", "ptp", "macvlan", "loopback"));
        Outcome want = run(config, reference);
        Outcome got = run(config, berth);
        assertEquals(String.join("\n", want.results()), String.join("\n", got.results()), "results");
        assertEquals(String.join("\n", want.c1()), String.join("\n", got.c1()), "container 1");
        assertEquals(String.join("\n", want.c2()), String.join("\n", got.c2()), "container 2");
        assertEquals(String.join("\n", want.host()), String.join("\n", got.host()), "host");
        assertEquals(String.join("\n", want.afterDel()), String.join("\n", got.afterDel()), "after DEL");
        assertTrue(got.c1().stream().anyMatch(l -> l.startsWith("link eth0 ")), got.c1().toString());
    }
}
