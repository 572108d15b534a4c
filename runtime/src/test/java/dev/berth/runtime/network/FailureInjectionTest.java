package dev.berth.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.netlink.netns.NetNs;
import dev.berth.netlink.ops.NewLink;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.specs.network.NetworkConfigList;
import dev.berth.syscall.testing.RootTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A failure injected at each step of a setup leaves the host and the container exactly as they were
 * (links, addresses, routes of every table), no allocation and no nft table: every step's undo ran. The
 * steps are the fault points a successful setup passes, recorded first, so a step added later is covered
 * without touching this test.
 */
@RootTest
@ExtendWith(HostGuard.class)
class FailureInjectionTest {
    static final Map<String, String> CONFLISTS = Map.of(
            "bridge", """
                    {"cniVersion": "1.0.0", "name": "fi", "plugins": [
                      {"type": "loopback"},
                      {"type": "bridge", "bridge": "fi0", "isDefaultGateway": true, "ipMasq": true, "hairpinMode": true,
                       "ipam": {"type": "host-local", "ranges": [[{"subnet": "198.18.0.0/24"}], [{"subnet": "2001:2::/64"}]],
                                "routes": [{"dst": "198.19.0.0/16"}]}}]}
                    """,
            "ptp", """
                    {"cniVersion": "1.0.0", "name": "fi", "plugins": [
                      {"type": "ptp", "ipMasq": true,
                       "ipam": {"type": "host-local", "ranges": [[{"subnet": "198.18.1.0/24"}]], "routes": [{"dst": "0.0.0.0/0"}]}}]}
                    """,
            "macvlan", """
                    {"cniVersion": "1.0.0", "name": "fi", "plugins": [
                      {"type": "loopback"},
                      {"type": "macvlan", "master": "up0",
                       "ipam": {"type": "host-local", "ranges": [[{"subnet": "198.18.2.0/24"}]], "routes": [{"dst": "0.0.0.0/0"}]}}]}
                    """);

    @AfterEach
    void noHook() {
        Faults.hook = null;
    }

    static List<String> pointsOf(String config) throws Exception {
        List<String> points = new ArrayList<>();
        Faults.hook = points::add;
        try (Lab lab = Lab.create()) {
            uplink(lab);
            NetNs c = lab.container();
            NetworkConfigList list = Lab.conflist(CONFLISTS.get(config));
            Result r = CniNetwork.standard().setUp(list, lab.attach("c", c));
            Faults.hook = null;
            CniNetwork.standard().tearDown(list, lab.attach("c", c), r);
        } finally {
            Faults.hook = null;
        }
        return points;
    }

    static Stream<String[]> points() throws Exception {
        List<String[]> out = new ArrayList<>();
        for (String config : List.of("bridge", "ptp", "macvlan")) {
            for (String point : pointsOf(config)) {
                out.add(new String[] {config, point});
            }
        }
        return out.stream();
    }

    private static void uplink(Lab lab) throws Exception {
        try (Rtnl nl = lab.host.rtnl()) {
            nl.links().add(NewLink.veth("up0", "up1").up());
            nl.links().set("up1", dev.berth.netlink.ops.LinkChange.of().up());
        }
        Lab.waitUp(lab.host, "up0");
        Lab.waitUp(lab.host, "up1");
    }

    @Test
    void everyStepHasAFaultPoint() throws Exception {
        assertEquals(List.of("plugin:0", "ipam", "bridge:bridge", "bridge:veth", "bridge:port", "bridge:container",
                "bridge:gateway", "bridge:masq", "bridge:done", "plugin:1"), pointsOf("bridge").subList(1, 11));
        assertEquals("loopback:up", pointsOf("bridge").getFirst());
        assertEquals(List.of("ipam", "ptp:veth", "ptp:container", "ptp:host", "ptp:masq", "ptp:done", "plugin:0"),
                pointsOf("ptp"));
        assertEquals(List.of("loopback:up", "plugin:0", "macvlan:link", "ipam", "macvlan:container", "macvlan:done",
                "plugin:1"), pointsOf("macvlan"));
    }

    @ParameterizedTest(name = "{0} failing at {1}")
    @MethodSource("points")
    void aFailureAtEachStepLeavesNothing(String config, String point) throws Exception {
        try (Lab lab = Lab.create()) {
            uplink(lab);
            NetNs c = lab.container();
            Lab.loUp(c);
            Lab.waitSettled(lab.host);
            List<String> hostBefore = Snapshot.of(lab.host, Map.of(), List.of());
            List<String> containerBefore = Snapshot.of(c, Map.of(), List.of());
            NetworkConfigList list = Lab.conflist(CONFLISTS.get(config));
            Faults.hook = p -> {
                if (p.equals(point)) {
                    throw new Faults.InjectedFault(p);
                }
            };
            Exception e = assertThrows(Exception.class, () -> CniNetwork.standard().setUp(list, lab.attach("c", c)));
            Faults.hook = null;
            Lab.waitSettled(lab.host);
            assertTrue(e.getMessage().contains("injected failure at " + point), e.getMessage());
            assertEquals(0, e.getSuppressed().length, () -> "an undo failed: " + e.getSuppressed()[0]);
            assertEquals(String.join("\n", hostBefore), String.join("\n", Snapshot.of(lab.host, Map.of(), List.of())),
                    "the host");
            assertEquals(String.join("\n", containerBefore), String.join("\n", Snapshot.of(c, Map.of(), List.of())),
                    "the container");
            assertEquals(List.of(), lab.allocations());
            assertEquals("", Lab.nftTables(lab.host));
        }
    }

    @Test
    void aBridgeThatWasThereStaysButLosesWhatTheSetupGaveIt() throws Exception {
        try (Lab lab = Lab.create()) {
            try (Rtnl nl = lab.host.rtnl()) {
                nl.links().add(NewLink.bridge("fi0"));
            }
            NetNs c = lab.container();
            List<String> hostBefore = Snapshot.of(lab.host, Map.of(), List.of());
            NetworkConfigList list = Lab.conflist(CONFLISTS.get("bridge").replace("\"hairpinMode\": true", "\"promiscMode\": true"));
            Faults.hook = p -> {
                if (p.equals("bridge:done")) {
                    throw new Faults.InjectedFault(p);
                }
            };
            assertThrows(NetworkException.class, () -> CniNetwork.standard().setUp(list, lab.attach("c", c)));
            Faults.hook = null;
            assertEquals(String.join("\n", hostBefore), String.join("\n", Snapshot.of(lab.host, Map.of(), List.of())),
                    "the bridge is down again, not promiscuous, without the gateway addresses");
        }
    }
}
