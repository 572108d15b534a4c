package dev.berth.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.netlink.netns.NetNs;
import dev.berth.netlink.ops.LinkChange;
import dev.berth.netlink.ops.NewLink;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.specs.network.NetworkConfigList;
import dev.berth.syscall.testing.RootTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ipMasq} with nftables: a container reaches a network that has no route back to it only because
 * its traffic is masqueraded; the rules live in Berth's own table and go with the last container.
 */
@RootTest
@ExtendWith(HostGuard.class)
class MasqueradeTest {
    static String conflist(boolean masq) {
        return """
                {"cniVersion": "1.0.0", "name": "masq", "plugins": [
                  {"type": "bridge", "bridge": "mq0", "isDefaultGateway": true, "ipMasq": MASQ,
                   "ipam": {"type": "host-local", "ranges": [[{"subnet": "198.18.0.0/24"}]]}}]}
                """.replace("MASQ", Boolean.toString(masq));
    }

    /** An outside network on the host: 198.19.0.0/24 behind a veth, in a namespace with no route to 198.18/24. */
    private static NetNs outside(Lab lab) throws Exception {
        NetNs out = lab.container();
        try (Rtnl nl = lab.host.rtnl(); Rtnl onl = out.rtnl()) {
            nl.links().add(NewLink.veth("wan0", "wan1").peerNetns(out.target()).up());
            nl.addresses().add("wan0", "198.19.0.1/24");
            onl.links().set("wan1", LinkChange.of().up());
            onl.links().set("lo", LinkChange.of().up());
            onl.addresses().add("wan1", "198.19.0.2/24");
        }
        return out;
    }

    @Test
    void containersReachTheOutsideOnlyThroughTheMasquerade() throws Exception {
        CniNetwork net = CniNetwork.standard();
        try (Lab lab = Lab.create()) {
            NetNs outside = outside(lab);
            NetworkConfigList plain = Lab.conflist(conflist(false));
            NetNs c0 = lab.container();
            Result r0 = net.setUp(plain, lab.attach("plain", c0));
            assertFalse(Busybox.run(c0, "ping", "-c", "1", "-W", "1", "198.19.0.2").ok(),
                    "without ipMasq the outside has no way back");
            net.tearDown(plain, lab.attach("plain", c0), r0);

            NetworkConfigList list = Lab.conflist(conflist(true));
            NetNs c1 = lab.container();
            NetNs c2 = lab.container();
            Result r1 = net.setUp(list, lab.attach("m1", c1));
            Result r2 = net.setUp(list, lab.attach("m2", c2));
            assertTrue(Busybox.ping(c1, "198.19.0.2"), "c1 -> outside, masqueraded");
            assertTrue(Busybox.ping(c2, "198.19.0.2"), "c2 -> outside, masqueraded");
            assertEquals("198.18.0.3/24", r1.ips().getFirst().address(), "host-local goes round-robin");
            assertTrue(Busybox.ping(c1, r2.ips().getFirst().ip()), "inside the subnet, as it is");
            String table = nft(lab.host, "list", "table", "inet", "berth-masq");
            assertTrue(table.contains("ip saddr 198.18.0.3 ip daddr != 198.18.0.0/24 ip daddr != 224.0.0.0/4 masquerade"
                    + " comment \"berth:m1:eth0\""), table);
            assertTrue(table.contains("comment \"berth:m2:eth0\""), table);
            assertEquals("table inet berth-masq", Lab.nftTables(lab.host), "no other table touched or made");

            net.tearDown(list, lab.attach("m1", c1), r1);
            table = nft(lab.host, "list", "table", "inet", "berth-masq");
            assertFalse(table.contains("berth:m1:eth0"), table);
            assertTrue(table.contains("berth:m2:eth0"), table);
            net.tearDown(list, lab.attach("m2", c2), null);
            assertEquals("", Lab.nftTables(lab.host), "the table goes with its last rule");
            net.tearDown(list, lab.attach("m2", c2), null);
            assertEquals(List.of(), lab.allocations());
            assertTrue(Busybox.ping(outside, "198.19.0.1"));
        }
    }

    @Test
    void theDefaultBridgeNetworkReachesOutside() throws Exception {
        try (Lab lab = Lab.create()) {
            outside(lab);
            NetworkConfigList list = CniNetwork.defaultBridge();
            NetNs c = lab.container();
            Result r = CniNetwork.standard().setUp(list, lab.attach("d1", c));
            assertEquals("198.18.0.2/16", r.ips().getFirst().address());
            assertTrue(Busybox.ping(c, "198.19.0.2"));
            CniNetwork.standard().tearDown(list, lab.attach("d1", c), r);
            assertEquals("", Lab.nftTables(lab.host));
        }
    }

    @Test
    void withoutNftIpMasqIsAClearErrorAndLeavesNothing() throws Exception {
        Path empty = Files.createTempDirectory("berth-no-nft");
        Masquerade.searchPath = List.of(empty);
        try (Lab lab = Lab.create()) {
            NetworkConfigList list = Lab.conflist(conflist(true));
            NetNs c = lab.container();
            NetworkException e = assertThrows(NetworkException.class, () -> CniNetwork.standard().setUp(list, lab.attach("x", c)));
            assertEquals("network \"masq\", plugin 0 (bridge): ipMasq needs nftables: no nft program in PATH or "
                    + "/usr/sbin, /sbin (install the nftables package, or set ipMasq to false)", e.getMessage());
            assertEquals(List.of("lo"), Lab.links(c));
            assertEquals(List.of("lo"), Lab.links(lab.host), "the bridge made for it is gone too");
            assertEquals(List.of(), lab.allocations());
        } finally {
            Masquerade.searchPath = null;
            Files.delete(empty);
        }
    }

    private static String nft(NetNs ns, String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("nft"));
        argv.addAll(List.of(args));
        Exec.Outcome o = Exec.run(Exec.find(Exec.systemPath(), "nft"), argv, List.of(), new byte[0], ns.fd());
        assertTrue(o.ok(), o.stderrText());
        return new String(o.stdout(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
