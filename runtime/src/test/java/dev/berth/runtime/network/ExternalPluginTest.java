package dev.berth.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.netlink.netns.NetNs;
import dev.berth.specs.network.NetworkConfigList;
import dev.berth.syscall.testing.RootTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Plugins run as programs by the CNI protocol: the reference plugins, chained with built-in ones, and their errors. */
@RootTest
@ExtendWith(HostGuard.class)
class ExternalPluginTest {
    private final CniNetwork external = new CniNetwork(CniNetwork.Options.defaults()
            .withCniPath(List.of(EquivalenceTest.REFERENCE)).withExternal("bridge"));

    @BeforeEach
    void referencePlugins() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(EquivalenceTest.REFERENCE.resolve("bridge")),
                "the reference plugins are not installed (apt-get install containernetworking-plugins)");
    }

    @Test
    void theReferenceBridgeAndHostLocalThroughTheProtocolLeaveNothingAfterDel() throws Exception {
        try (Lab lab = Lab.create()) {
            NetworkConfigList list = Lab.conflist("""
                    {"cniVersion": "1.0.0", "name": "ext", "plugins": [
                      {"type": "bridge", "bridge": "ex0", "isDefaultGateway": true,
                       "ipam": {"type": "host-local", "dataDir": "DATA", "ranges": [[{"subnet": "198.18.9.0/24"}]]}}]}
                    """.replace("DATA", lab.dataDir.toString()));
            NetNs c = lab.container();
            Result r = external.setUp(list, lab.attach("e1", c));
            assertEquals("198.18.9.2/24", r.ips().getFirst().address());
            assertEquals(c.procPath(), r.interfaces().get(2).sandbox(), "CNI_NETNS as the plugin saw it");
            assertTrue(Busybox.ping(c, "198.18.9.1"));
            assertEquals(List.of("ext/198.18.9.2"), lab.allocations(), "host-local's file, written by the plugin");
            external.check(list, lab.attach("e1", c), r);
            external.tearDown(list, lab.attach("e1", c), r);
            external.tearDown(list, lab.attach("e1", c), r);
            assertEquals(List.of("lo"), Lab.links(c));
            assertEquals(List.of("ex0", "lo"), Lab.links(lab.host), "only the bridge, as the reference leaves it");
            assertEquals(List.of(), lab.allocations());
        }
    }

    @Test
    void aChainGivesEachPluginThePreviousResultAndDeletesInReverse() throws Exception {
        try (Lab lab = Lab.create()) {
            Path tuning = lab.dataDir.resolve("tuning");
            NetworkConfigList list = Lab.conflist("""
                    {"cniVersion": "1.0.0", "name": "chain", "plugins": [
                      {"type": "bridge", "bridge": "ch0", "isGateway": true,
                       "ipam": {"type": "host-local", "ranges": [[{"subnet": "198.18.10.0/24"}]]}},
                      {"type": "tuning", "mtu": 1300, "dataDir": "TUNING"}]}
                    """.replace("TUNING", tuning.toString()));
            NetNs c = lab.container();
            CniNetwork net = new CniNetwork(CniNetwork.Options.defaults().withCniPath(List.of(EquivalenceTest.REFERENCE)));
            Result r = net.setUp(list, lab.attach("t1", c));
            assertEquals(1300, Lab.link(c, "eth0").mtu(), "tuning found eth0 in the bridge's result");
            assertEquals("198.18.10.2/24", r.ips().getFirst().address(), "tuning passed the result on");
            net.tearDown(list, lab.attach("t1", c), r);
            assertEquals(List.of("lo"), Lab.links(c));
            assertEquals(List.of(), lab.allocations());
            try (var files = Files.list(tuning)) {
                assertEquals(List.of(), files.toList(), "tuning's DEL ran and removed its backup");
            }
        }
    }

    @Test
    void aFailingPluginLaterInTheChainUndoesTheBuiltInOnesBeforeIt() throws Exception {
        try (Lab lab = Lab.create()) {
            NetworkConfigList list = Lab.conflist("""
                    {"cniVersion": "1.0.0", "name": "chain", "plugins": [
                      {"type": "bridge", "bridge": "ch1", "isGateway": true,
                       "ipam": {"type": "host-local", "ranges": [[{"subnet": "198.18.11.0/24"}]]}},
                      {"type": "tuning", "sysctl": {"net.ipv4.conf.eth0.no_such_knob": "1"}, "dataDir": "TUNING"}]}
                    """.replace("TUNING", lab.dataDir.resolve("tuning").toString()));
            NetNs c = lab.container();
            CniNetwork net = new CniNetwork(CniNetwork.Options.defaults().withCniPath(List.of(EquivalenceTest.REFERENCE)));
            NetworkException e = assertThrows(NetworkException.class, () -> net.setUp(list, lab.attach("f1", c)));
            assertEquals("network \"chain\", plugin 1 (tuning): plugin tuning (ADD) failed: open "
                    + "/proc/sys/net/ipv4/conf/eth0/no_such_knob: no such file or directory (CNI error 999)", e.getMessage());
            assertEquals(999, e.code());
            assertEquals("tuning", e.pluginType());
            assertEquals(List.of("lo"), Lab.links(c));
            assertEquals(List.of("lo"), Lab.links(lab.host), "the bridge made by plugin 0 is gone");
            assertEquals(List.of(), lab.allocations());
        }
    }

    @Test
    void aMissingPluginIsNamed() throws Exception {
        try (Lab lab = Lab.create()) {
            NetworkConfigList list = Lab.conflist("""
                    {"cniVersion": "1.0.0", "name": "none", "plugins": [{"type": "no-such-plugin"}]}
                    """);
            NetworkException e = assertThrows(NetworkException.class,
                    () -> external.setUp(list, lab.attach("m1", lab.container())));
            assertEquals("network \"none\", plugin 0 (no-such-plugin): no plugin \"no-such-plugin\" in CNI_PATH "
                    + "(/usr/lib/cni)", e.getMessage());
        }
    }
}
