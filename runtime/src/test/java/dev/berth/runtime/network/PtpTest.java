package dev.berth.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.netlink.netns.NetNs;
import dev.berth.specs.network.NetworkConfigList;
import dev.berth.syscall.testing.RootTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The built-in ptp plugin: the host reaches the container and back, containers reach each other through the host. */
@RootTest
@ExtendWith(HostGuard.class)
class PtpTest {
    static final String PTP = """
            {"cniVersion": "1.0.0", "name": "p2p", "plugins": [
              {"type": "ptp", "ipam": {"type": "host-local", "ranges": [[{"subnet": "198.18.1.0/24"}]],
                                       "routes": [{"dst": "0.0.0.0/0"}]}}]}
            """;

    @Test
    void hostAndContainerReachEachOther() throws Exception {
        NetworkConfigList list = Lab.conflist(PTP);
        CniNetwork net = CniNetwork.standard();
        try (Lab lab = Lab.create()) {
            NetNs c1 = lab.container();
            NetNs c2 = lab.container();
            Result r1 = net.setUp(list, lab.attach("p1", c1));
            net.setUp(list, lab.attach("p2", c2));
            assertEquals("198.18.1.2/24", r1.ips().getFirst().address());
            assertEquals(Integer.valueOf(1), r1.ips().getFirst().interfaceIndex());

            String routes = Busybox.out(Busybox.run(c1, "ip", "route"));
            assertTrue(routes.contains("default via 198.18.1.1 dev eth0"), routes);
            assertTrue(routes.contains("198.18.1.0/24 via 198.18.1.1 dev eth0"), routes);
            assertTrue(routes.contains("198.18.1.1 dev eth0 scope link"), routes);
            String hostRoutes = Busybox.out(Busybox.run(lab.host, "ip", "route"));
            assertTrue(hostRoutes.contains("198.18.1.2 dev " + r1.interfaces().getFirst().name() + " scope host"),
                    hostRoutes);

            assertTrue(Busybox.ping(lab.host, "198.18.1.2"), "host -> container");
            assertTrue(Busybox.ping(c1, "198.18.1.1"), "container -> its gateway, the host end");
            assertTrue(Busybox.ping(c1, "198.18.1.3"), "container -> container, routed by the host");

            net.tearDown(list, lab.attach("p1", c1), r1);
            net.tearDown(list, lab.attach("p2", c2), null);
            assertEquals(List.of("lo"), Lab.links(lab.host));
            assertEquals(List.of("lo"), Lab.links(c1));
            assertEquals("", Busybox.out(Busybox.run(lab.host, "ip", "route")).strip());
            assertEquals(List.of(), lab.allocations());
        }
    }
}
