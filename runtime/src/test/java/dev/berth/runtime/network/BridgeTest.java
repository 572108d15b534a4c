package dev.berth.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.netlink.netns.NetNs;
import dev.berth.netlink.ops.Link;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.specs.network.NetworkConfigList;
import dev.berth.syscall.Signal;
import dev.berth.syscall.spawn.Spawned;
import dev.berth.syscall.testing.RootTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The built-in bridge plugin end to end: containers on one bridge talk to each other, the gateway and beyond. */
@RootTest
@ExtendWith(HostGuard.class)
class BridgeTest {
    static final String BRIDGE = """
            {"cniVersion": "1.0.0", "name": "lab", "plugins": [
              {"type": "loopback"},
              {"type": "bridge", "bridge": "bt0", "isGateway": true, "isDefaultGateway": true, "mtu": 1400,
               "ipam": {"type": "host-local", "ranges": [[{"subnet": "198.18.0.0/24"}]],
                        "routes": [{"dst": "198.19.0.0/24", "gw": "198.18.0.254"}],
                        "dns": {"nameservers": ["198.18.0.53"], "search": ["lab.test"]}}}]}
            """;

    /**
     * A teardown returns once the veth pair has left every table (the kernel frees it later): the same
     * container can be set up again at once, under the same names, and the reference plugins' behaviour
     * (waiting for the kernel) is one option away.
     */
    @Test
    void downAndUpAgainAtOnce() throws Exception {
        NetworkConfigList list = Lab.conflist(BRIDGE);
        try (Lab lab = Lab.create()) {
            NetNs c = lab.container();
            for (CniNetwork net : List.of(CniNetwork.standard(),
                    new CniNetwork(CniNetwork.Options.defaults().withAwaitRelease(true)))) {
                for (int i = 0; i < 3; i++) {
                    Result r = net.setUp(list, lab.attach("again", c));
                    assertTrue(Busybox.ping(c, "198.18.0.1"));
                    net.tearDown(list, lab.attach("again", c), r);
                    assertEquals(List.of("lo"), Lab.links(c));
                    assertEquals(List.of("bt0", "lo"), Lab.links(lab.host), "the host end went with it");
                }
            }
            assertEquals(List.of(), lab.allocations());
        }
    }

    @Test
    void checkSeesWhatIsMissing() throws Exception {
        NetworkConfigList list = Lab.conflist(BRIDGE);
        CniNetwork net = CniNetwork.standard();
        try (Lab lab = Lab.create()) {
            NetNs c = lab.container();
            Result r = net.setUp(list, lab.attach("k1", c));
            net.check(list, lab.attach("k1", c), r);
            try (Rtnl nl = c.rtnl()) {
                nl.routes().delete(dev.berth.netlink.ops.RouteSpec.to("198.19.0.0/24"));
            }
            NetworkException e = assertThrows(NetworkException.class, () -> net.check(list, lab.attach("k1", c), r));
            assertEquals("network \"lab\", plugin 1 (bridge): Failed to find route 198.19.0.0/24 via 198.18.0.254",
                    e.getMessage());
            net.tearDown(list, lab.attach("k1", c), r);
            NetworkException gone = assertThrows(NetworkException.class, () -> net.check(list, lab.attach("k1", c), r));
            assertEquals("network \"lab\", plugin 0 (loopback): loopback interface is down", gone.getMessage(),
                    "the first plugin's check fails first");
            NetworkConfigList bridgeOnly = Lab.conflist(BRIDGE.replace("{\"type\": \"loopback\"},", ""));
            NetworkException noAddress = assertThrows(NetworkException.class,
                    () -> net.check(bridgeOnly, lab.attach("k1", c), r));
            assertEquals("network \"lab\", plugin 0 (bridge): host-local: failed to find address added by container k1",
                    noAddress.getMessage());
        }
    }

    @Test
    void twoContainersOnOneBridgeReachEachOtherAndTheGateway() throws Exception {
        NetworkConfigList list = Lab.conflist(BRIDGE);
        CniNetwork net = CniNetwork.standard();
        try (Lab lab = Lab.create()) {
            NetNs c1 = lab.container();
            NetNs c2 = lab.container();
            Result r1 = net.setUp(list, lab.attach("c1", c1));
            Result r2 = net.setUp(list, lab.attach("c2", c2));
            assertEquals("198.18.0.2/24", r1.ips().getFirst().address());
            assertEquals("198.18.0.1", r1.ips().getFirst().gateway());
            assertEquals("198.18.0.3/24", r2.ips().getFirst().address());
            assertEquals(List.of("bt0", "eth0"), List.of(r1.interfaces().get(0).name(), r1.interfaces().get(2).name()));
            assertTrue(r1.interfaces().get(1).name().matches("veth[0-9a-f]{8}"), r1.interfaces().toString());
            assertNull(r1.interfaces().get(1).sandbox());
            assertEquals(c1.procPath(), r1.interfaces().get(2).sandbox());
            assertEquals(List.of(new Result.Route("198.19.0.0/24", "198.18.0.254"), new Result.Route("0.0.0.0/0", "198.18.0.1")),
                    r1.routes());
            assertEquals("# Generated by Berth from the network's CNI result\nnameserver 198.18.0.53\nsearch lab.test\n",
                    r1.resolvConf().orElseThrow());
            assertTrue(r1.hosts("web").endsWith("198.18.0.2\tweb\n"), r1.hosts("web"));

            assertTrue(Lab.link(c1, "lo").isUp(), "lo up");
            Link eth0 = Lab.link(c1, "eth0");
            assertEquals(1400, eth0.mtu());
            assertTrue(eth0.isUp());
            assertTrue(Busybox.ping(c1, "198.18.0.3"), "c1 -> c2");
            assertTrue(Busybox.ping(c2, "198.18.0.2"), "c2 -> c1");
            assertTrue(Busybox.ping(c1, "198.18.0.1"), "c1 -> gateway on the bridge");

            Path www = Files.createTempDirectory("berth-www");
            Files.writeString(www.resolve("index.html"), "hello from c2\n");
            try (Spawned httpd = Busybox.start(c2, "httpd", "-f", "-p", "198.18.0.3:8080", "-h", www.toString())) {
                String got = null;
                for (int i = 0; i < 50 && got == null; i++) {
                    Exec.Outcome o = Busybox.run(c1, "wget", "-q", "-O", "-", "http://198.18.0.3:8080/index.html");
                    if (o.ok()) {
                        got = Busybox.out(o);
                    } else {
                        Thread.sleep(20);
                    }
                }
                assertEquals("hello from c2\n", got);
                httpd.kill(Signal.SIGTERM);
                httpd.waitFor();
            } finally {
                Files.delete(www.resolve("index.html"));
                Files.delete(www);
            }

            net.tearDown(list, lab.attach("c1", c1), r1);
            net.tearDown(list, lab.attach("c2", c2), null);
            net.tearDown(list, lab.attach("c2", c2), null); // idempotent
            assertEquals(List.of("lo"), Lab.links(c1));
            assertEquals(List.of("lo"), Lab.links(c2));
            assertEquals(List.of("bt0", "lo"), Lab.links(lab.host), "the bridge stays, as with the reference plugin");
            assertEquals(List.of(), lab.allocations());
        }
    }
}
