package dev.berth.netlink.root;

import static dev.berth.netlink.testing.TestNs.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.netlink.codec.Ifa;
import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.ops.Address;
import dev.berth.netlink.ops.NewAddress;
import dev.berth.netlink.ops.NewLink;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.netlink.testing.TestNs;
import dev.berth.syscall.testing.RootTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Addresses (IPv4 in 198.18.0.0/15, IPv6 in 2001:2::/48) added with Berth and read with ip, and the reverse. */
@RootTest
class AddressOpsTest {
    private TestNs ns;
    private Rtnl nl;

    @BeforeEach
    void setUp() throws Exception {
        ns = TestNs.create("addr");
        nl = ns.rtnl();
        nl.links().add(NewLink.veth("v0", "v1").up());
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            nl.close();
        } finally {
            ns.close();
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> addrInfo(String dev) {
        return (List<Map<String, Object>>) ns.ipJson("addr", "show", "dev", dev).getFirst().get("addr_info");
    }

    @Test
    void ipv4WithBroadcastAndLabel() throws Exception {
        nl.addresses().add("v0", NewAddress.of("198.18.0.1/24").broadcastAuto().label("v0:a"));
        nl.addresses().add("v0", NewAddress.of("198.18.0.9/24").broadcast(Inet.parse("198.18.0.254")));
        Map<String, Object> a = find(addrInfo("v0"), "local", "198.18.0.1");
        assertEquals(24L, a.get("prefixlen"));
        assertEquals("198.18.0.255", a.get("broadcast"));
        assertEquals("v0:a", a.get("label"));
        assertEquals("global", a.get("scope"));
        Map<String, Object> b = find(addrInfo("v0"), "local", "198.18.0.9");
        assertEquals("198.18.0.254", b.get("broadcast"));
        assertEquals(true, b.get("secondary"));
    }

    @Test
    void ipv6WithFlagsAndMetric() throws Exception {
        nl.addresses().add("v0", NewAddress.of("2001:2::1/64").flags(Ifa.IFA_F_NODAD | Ifa.IFA_F_NOPREFIXROUTE));
        nl.addresses().add("v0", NewAddress.of("2001:2:0:1::1/64").flags(Ifa.IFA_F_NODAD).metric(300));
        Map<String, Object> a = find(addrInfo("v0"), "local", "2001:2::1");
        assertEquals("inet6", a.get("family"));
        assertEquals(true, a.get("nodad"));
        assertEquals(true, a.get("noprefixroute"));
        assertEquals(300L, find(addrInfo("v0"), "local", "2001:2:0:1::1").get("metric"));
        Address x = nl.addresses().list("v0").stream().filter(y -> Inet.format(y.local()).equals("2001:2::1"))
                .findFirst().orElseThrow();
        assertTrue((x.flags() & Ifa.IFA_F_NOPREFIXROUTE) != 0, "IFA_FLAGS carries bits above 0xff");
    }

    @Test
    void replaceAndDelete() throws Exception {
        int v0 = nl.links().index("v0");
        nl.addresses().add(v0, NewAddress.of("198.18.1.1/24").metric(10));
        // the kernel's replace keeps the address and updates what may change: lifetimes, metric, protocol
        nl.addresses().replace(v0, NewAddress.of("198.18.1.1/24").metric(50));
        assertEquals(50L, find(addrInfo("v0"), "local", "198.18.1.1").get("metric"));
        nl.addresses().delete("v0", "198.18.1.1/24");
        assertTrue(addrInfo("v0").stream().noneMatch(m -> "198.18.1.1".equals(m.get("local"))));
    }

    @Test
    void madeWithIpReadWithBerth() throws Exception {
        ns.ip("addr", "add", "198.18.2.1/25", "brd", "+", "dev", "v1", "label", "v1:z");
        ns.ip("addr", "add", "2001:2::42/96", "dev", "v1", "nodad");
        List<Address> mine = nl.addresses().list(0, nl.links().index("v1"));
        for (Map<String, Object> j : addrInfo("v1")) {
            Address a = mine.stream().filter(x -> Inet.format(x.local()).equals(j.get("local"))).findFirst()
                    .orElseThrow(() -> new AssertionError("Berth does not list " + j));
            assertEquals(j.get("prefixlen"), (long) a.prefixLength());
            assertEquals(j.get("family"), a.family() == 2 ? "inet" : "inet6");
            assertEquals(j.get("label"), a.label());
            assertEquals(j.get("broadcast"), a.broadcast() == null ? null : Inet.format(a.broadcast()));
            assertEquals(j.get("valid_life_time"), a.validLifetime());
            assertEquals(j.get("preferred_life_time"), a.preferredLifetime());
        }
        assertEquals(addrInfo("v1").size(), mine.size());
        assertEquals(1, nl.addresses().list(2, 0).stream().filter(a -> a.index() != 1).count());
    }
}
