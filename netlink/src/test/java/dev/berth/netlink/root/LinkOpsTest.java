package dev.berth.netlink.root;

import static dev.berth.netlink.testing.TestNs.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.netlink.client.NetlinkException;
import dev.berth.netlink.codec.Ifla;
import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.ops.Link;
import dev.berth.netlink.ops.LinkChange;
import dev.berth.netlink.ops.NewLink;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.netlink.testing.InNetns;
import dev.berth.netlink.testing.TestNs;
import dev.berth.syscall.Errno;
import dev.berth.syscall.testing.RootTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Link operations done with Berth and checked with {@code ip -j}, and the reverse; each test in a fresh netns. */
@RootTest
class LinkOpsTest {
    private TestNs ns;
    private Rtnl nl;

    @BeforeEach
    void setUp() throws Exception {
        ns = TestNs.create("link");
        nl = ns.rtnl();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            nl.close();
        } finally {
            ns.close();
        }
    }

    private Map<String, Object> ipLink(String name) {
        return find(ns.ipJson("link", "show"), "ifname", name);
    }

    @Test
    void vethPairWithMtuAndAddressAsIpSeesIt() throws Exception {
        Link v0 = nl.links().add(NewLink.veth("v0", "v1").mtu(1400).address(Inet.parseMac("02:00:00:00:01:00"))
                .peerMtu(1300));
        assertNotNull(v0);
        assertEquals("veth", v0.kind());
        Map<String, Object> j0 = ipLink("v0");
        Map<String, Object> j1 = ipLink("v1");
        assertEquals((long) v0.index(), j0.get("ifindex"));
        assertEquals("v1", j0.get("link"));
        assertEquals("v0", j1.get("link"));
        assertEquals(1400L, j0.get("mtu"));
        assertEquals(1300L, j1.get("mtu"));
        assertEquals("02:00:00:00:01:00", j0.get("address"));
        assertEquals((long) v0.link(), j1.get("ifindex"));
    }

    @Test
    void vethPeerCreatedDirectlyInAnotherNamespaceByFd() throws Exception {
        try (TestNs other = TestNs.create("peer")) {
            nl.links().add(NewLink.veth("v0", "v1").peerNetns(other.handle().target()));
            assertEquals("v1", find(other.ipJson("link", "show"), "ifname", "v1").get("ifname"));
            Map<String, Object> j0 = ipLink("v0");
            assertTrue(j0.containsKey("link_netnsid"), j0.toString());
            assertTrue(ns.ipJson("link", "show").stream().noneMatch(m -> "v1".equals(m.get("ifname"))));
            Link v0 = nl.links().get("v0");
            assertTrue(v0.linkNetnsId() >= 0);
        }
    }

    @Test
    void vethPeerCreatedDirectlyInAnotherNamespaceByPid() throws Exception {
        try (TestNs other = TestNs.create("pid"); InNetns proc = InNetns.start(other)) {
            nl.links().add(NewLink.veth("v0", "v1").peerNetns(NewLink.Netns.pid(proc.pid())));
            find(other.ipJson("link", "show"), "ifname", "v1");
        }
    }

    @Test
    void bridgeMasterAndNomaster() throws Exception {
        Link br = nl.links().add(NewLink.bridge("br0"));
        assertEquals("bridge", br.kind());
        nl.links().add(NewLink.veth("v0", "v1"));
        nl.links().setMaster("v1", "br0");
        assertEquals("br0", ipLink("v1").get("master"));
        assertEquals(br.index(), nl.links().get("v1").master());
        assertEquals("bridge", nl.links().get("v1").portKind());
        nl.links().noMaster("v1");
        assertFalse(ipLink("v1").containsKey("master"));
    }

    @Test
    void vethPeerTransmitQueueLength() throws Exception {
        nl.links().add(NewLink.veth("v0", "v1").txqlen(500).peerTxqlen(0));
        assertEquals(500, nl.links().get("v0").txqlen());
        assertEquals(0, nl.links().get("v1").txqlen());
        assertFalse(ns.ip("link", "show", "v1").contains("qlen"), "ip shows no qlen for 0");
        assertTrue(ns.ip("link", "show", "v0").contains("qlen 500"), ns.ip("link", "show", "v0"));
    }

    @Test
    void hairpinOnABridgePortAndPromiscOnTheBridge() throws Exception {
        nl.links().add(NewLink.veth("v0", "v1"));
        nl.links().add(NewLink.bridge("br0"));
        nl.links().setMaster("v1", "br0");
        assertEquals(0, nl.links().get("v1").portData().num(Ifla.IFLA_BRPORT_MODE, -1));
        nl.links().set("v1", LinkChange.of().hairpin(true));
        assertEquals(1, nl.links().get("v1").portData().num(Ifla.IFLA_BRPORT_MODE, -1));
        assertTrue(ns.ip("-d", "link", "show", "v1").contains("hairpin on"));
        nl.links().set("v1", LinkChange.of().hairpin(false));
        assertTrue(ns.ip("-d", "link", "show", "v1").contains("hairpin off"));

        assertFalse(nl.links().get("br0").isPromisc());
        nl.links().set("br0", LinkChange.of().promisc(true).up());
        Link br = nl.links().get("br0");
        assertTrue(br.isPromisc());
        assertTrue(br.isUp(), "the other flag of the same change");
        assertTrue(ns.ip("link", "show", "br0").contains("PROMISC"));
        nl.links().set("br0", LinkChange.of().promisc(false));
        assertFalse(nl.links().get("br0").isPromisc());
        assertTrue(nl.links().get("br0").isUp(), "a promisc change leaves IFF_UP alone");
    }

    @Test
    void macvlanAndVxlan() throws Exception {
        nl.links().add(NewLink.veth("v0", "v1"));
        Link mv = nl.links().add(NewLink.macvlan("mv0", "v0", NewLink.MacvlanMode.BRIDGE));
        assertEquals("macvlan", mv.kind());
        assertEquals(Ifla.MACVLAN_MODE_BRIDGE, mv.kindData().u32(Ifla.IFLA_MACVLAN_MODE, -1));
        assertEquals("v0", ipLink("mv0").get("link"));
        Link vx = nl.links().add(NewLink.vxlan("vx0", 42).parent("v0").port(4789).local(Inet.parse("198.18.0.1"))
                .remote(Inet.parse("198.18.0.2")).ttl(16));
        assertEquals(42, vx.kindData().u32(Ifla.IFLA_VXLAN_ID, -1));
        assertEquals(4789, vx.kindData().num(Ifla.IFLA_VXLAN_PORT, -1));
        String details = ns.ip("-d", "link", "show", "vx0");
        assertTrue(details.contains("vxlan id 42 remote 198.18.0.2 local 198.18.0.1 dev v0"), details);
        assertTrue(details.contains("dstport 4789"), details);
        assertTrue(details.contains("ttl 16"), details);
    }

    /** Kinds whose modules this kernel lacks: skipped here when the kernel says so, run in the qemu VM harness. */
    private void createOrSkip(NewLink spec, String module) throws Exception {
        try {
            Link l = nl.links().add(spec);
            assertEquals(spec.kind(), l.kind());
            assertEquals(spec.kind(), ((Map<?, ?>) ((Map<?, ?>) ns.ipJson("-d", "link", "show", spec.name()).getFirst()
                    .get("linkinfo"))).get("info_kind"));
        } catch (NetlinkException e) {
            boolean unsupported = e.is(Errno.EOPNOTSUPP) && "Unknown device type".equals(e.kernelMessage());
            assumeTrue(!unsupported, "this kernel cannot create " + spec.kind() + " (no " + module
                    + " module: " + e.getMessage() + "); this test runs in the qemu VM harness, which loads it. "
                    + "The request itself is checked byte for byte in RequestGoldenTest.");
            throw e;
        }
    }

    @Test
    void dummy() throws Exception {
        createOrSkip(NewLink.dummy("d0"), "dummy");
    }

    @Test
    void vlan() throws Exception {
        nl.links().add(NewLink.veth("v0", "v1"));
        createOrSkip(NewLink.vlan("v0.10", "v0", 10), "8021q");
    }

    @Test
    void ipvlan() throws Exception {
        nl.links().add(NewLink.veth("v0", "v1"));
        createOrSkip(NewLink.ipvlan("ipv0", "v0", NewLink.IpvlanMode.L2), "ipvlan");
    }

    @Test
    void setUpDownMtuNameAddressAlias() throws Exception {
        nl.links().add(NewLink.veth("v0", "v1"));
        nl.links().set("v0", LinkChange.of().mtu(1280).address(Inet.parseMac("02:00:00:00:02:00")).alias("uplink"));
        nl.links().up("v0");
        Map<String, Object> j = ipLink("v0");
        assertEquals(1280L, j.get("mtu"));
        assertEquals("02:00:00:00:02:00", j.get("address"));
        assertTrue(((List<?>) j.get("flags")).contains("UP"));
        assertEquals("uplink", j.get("ifalias"));
        nl.links().down("v0");
        nl.links().set("v0", LinkChange.of().name("eth9"));
        Map<String, Object> renamed = ipLink("eth9");
        assertFalse(((List<?>) renamed.get("flags")).contains("UP"));
        assertTrue(nl.links().find("v0").isEmpty());
        assertEquals("eth9", nl.links().get((int) (long) (Long) renamed.get("ifindex")).name());
    }

    @Test
    void moveToNamespaceByFdAndByPid() throws Exception {
        nl.links().add(NewLink.veth("v0", "v1"));
        nl.links().add(NewLink.veth("w0", "w1"));
        try (TestNs other = TestNs.create("move"); InNetns proc = InNetns.start(other)) {
            nl.links().moveTo("v1", other.handle().target());
            nl.links().moveTo("w1", NewLink.Netns.pid(proc.pid()));
            List<Map<String, Object>> there = other.ipJson("link", "show");
            find(there, "ifname", "v1");
            find(there, "ifname", "w1");
            assertTrue(nl.links().find("v1").isEmpty());
            try (Rtnl o = other.rtnl()) {
                assertTrue(o.links().find("w1").isPresent());
            }
        }
    }

    @Test
    void getByNameAndIndexAndDelete() throws Exception {
        Link v0 = nl.links().add(NewLink.veth("v0", "v1"));
        assertEquals(v0.index(), nl.links().get("v0").index());
        assertEquals("v0", nl.links().get(v0.index()).name());
        assertEquals(v0.index(), nl.links().index("v0"));
        assertTrue(nl.links().find("nope").isEmpty());
        assertTrue(nl.links().find(99999).isEmpty());
        nl.links().delete("v0");
        assertTrue(ns.ipJson("link", "show").stream().noneMatch(m -> "v1".equals(m.get("ifname"))));
        Link w0 = nl.links().add(NewLink.veth("w0", "w1"));
        nl.links().delete(w0.index());
        assertEquals(1, ns.ipJson("link", "show").size());
    }

    @Test
    void madeWithIpReadWithBerth() throws Exception {
        ns.ip("link", "add", "x0", "type", "veth", "peer", "name", "x1");
        ns.ip("link", "add", "br9", "type", "bridge");
        ns.ip("link", "set", "x1", "master", "br9", "mtu", "1450", "up");
        ns.ip("link", "set", "x0", "address", "02:00:00:00:03:00", "up");
        for (Map<String, Object> j : ns.ipJson("link", "show")) {
            Link l = nl.links().get((String) j.get("ifname"));
            assertEquals(j.get("ifindex"), (long) l.index());
            assertEquals(j.get("mtu"), (long) l.mtu());
            assertEquals(j.get("address"), l.mac());
            assertEquals(j.get("operstate"), dev.berth.netlink.codec.Names.operstate(l.operstate()));
            assertEquals(j.get("qdisc"), l.qdisc());
            assertEquals(j.get("txqlen"), (long) l.txqlen());
            assertEquals(((List<?>) j.get("flags")).contains("UP"), l.isUp());
            if (j.containsKey("master")) {
                assertEquals(j.get("master"), nl.links().get(l.master()).name());
            } else {
                assertEquals(0, l.master());
            }
            if (j.containsKey("link")) {
                assertEquals(j.get("link"), nl.links().get(l.link()).name());
            }
        }
        assertEquals(ns.ipJson("link", "show").size(), nl.links().list().size());
        assertNull(nl.links().get("lo").kind());
    }
}
