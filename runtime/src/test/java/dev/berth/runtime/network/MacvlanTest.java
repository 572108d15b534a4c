package dev.berth.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.netlink.netns.NetNs;
import dev.berth.netlink.ops.LinkChange;
import dev.berth.netlink.ops.NewLink;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.specs.network.NetworkConfigList;
import dev.berth.syscall.testing.RootTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The built-in macvlan plugin: two containers on one master in bridge mode reach each other; options are checked. */
@RootTest
@ExtendWith(HostGuard.class)
class MacvlanTest {
    static final String MACVLAN = """
            {"cniVersion": "1.0.0", "name": "mv", "plugins": [
              {"type": "macvlan", "master": "up0", "mode": "bridge",
               "ipam": {"type": "host-local", "ranges": [[{"subnet": "198.18.2.0/24"}]]}}]}
            """;

    @Test
    void twoContainersOnOneMasterReachEachOther() throws Exception {
        NetworkConfigList list = Lab.conflist(MACVLAN);
        CniNetwork net = CniNetwork.standard();
        try (Lab lab = Lab.create()) {
            try (Rtnl nl = lab.host.rtnl()) {
                nl.links().add(NewLink.veth("up0", "up1").up());
                nl.links().set("up1", LinkChange.of().up());
            }
            NetNs c1 = lab.container();
            NetNs c2 = lab.container();
            Result r1 = net.setUp(list, lab.attach("m1", c1));
            Result r2 = net.setUp(list, lab.attach("m2", c2));
            assertEquals("macvlan", Lab.link(c1, "eth0").kind());
            assertTrue(Busybox.ping(c1, r2.ips().getFirst().ip()), "c1 -> c2 through up0");
            net.check(list, lab.attach("m1", c1), r1);

            NetworkConfigList tooBig = Lab.conflist(MACVLAN.replace("\"mode\": \"bridge\"", "\"mtu\": 9000"));
            NetworkException e = assertThrows(NetworkException.class, () -> net.setUp(tooBig, lab.attach("m3", lab.container())));
            assertEquals("network \"mv\", plugin 0 (macvlan): invalid MTU 9000, must be [0, master MTU(1500)]", e.getMessage());

            net.tearDown(list, lab.attach("m1", c1), r1);
            net.tearDown(list, lab.attach("m2", c2), r2);
            assertEquals(List.of("lo"), Lab.links(c1));
            assertEquals(List.of("lo", "up0", "up1"), Lab.links(lab.host));
            assertEquals(List.of(), lab.allocations());
        }
    }
}
