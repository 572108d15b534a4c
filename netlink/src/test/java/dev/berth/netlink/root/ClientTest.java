package dev.berth.netlink.root;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.netlink.client.NetlinkClient;
import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.codec.Nda;
import dev.berth.netlink.ops.NewAddress;
import dev.berth.netlink.ops.NewLink;
import dev.berth.netlink.ops.RouteSpec;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.netlink.testing.TestNs;
import dev.berth.syscall.testing.RootTest;
import org.junit.jupiter.api.Test;

/** The client's own behaviour: port ids, and the fallback when strict checking is off. */
@RootTest
class ClientTest {
    @Test
    void withoutStrictCheckingDumpsAreFilteredOnThisSide() throws Exception {
        try (TestNs ns = TestNs.create("lax");
                NetlinkClient c = ns.handle().run(() -> NetlinkClient.open(
                        new NetlinkClient.Options(false, 1 << 20, 10)));
                Rtnl nl = Rtnl.of(c)) {
            assertFalse(c.strictChecking());
            int v0 = nl.links().add(NewLink.veth("v0", "v1").up()).index();
            int v1 = nl.links().index("v1");
            nl.links().up("v1");
            nl.addresses().add(v0, NewAddress.of("198.18.0.1/24"));
            nl.addresses().add(v1, NewAddress.of("198.18.0.2/24"));
            nl.routes().add(RouteSpec.to("198.18.5.0/24").via("198.18.0.9").table(100));
            nl.neighbours().add("v0", Inet.parse("198.18.0.7"), Inet.parseMac("02:00:00:00:00:07"), Nda.NUD_PERMANENT);
            nl.neighbours().add("v1", Inet.parse("198.18.0.8"), Inet.parseMac("02:00:00:00:00:08"), Nda.NUD_PERMANENT);
            assertEquals(1, nl.addresses().list(2, v0).size());
            assertEquals("198.18.0.1/24", nl.addresses().list(2, v0).getFirst().prefix().toString());
            assertEquals(1, nl.routes().list(2, 100).size());
            assertTrue(nl.neighbours().list(2, v0).stream().allMatch(n -> n.index() == v0));
            assertEquals(1, nl.neighbours().list(2, v0).size());
        }
    }

    @Test
    void eachClientHasItsOwnPort() throws Exception {
        try (TestNs ns = TestNs.create("port"); NetlinkClient a = ns.handle().open(); NetlinkClient b = ns.handle().open()) {
            assertNotEquals(a.portId(), b.portId());
            assertTrue(a.strictChecking() && a.extendedAck());
            // a request on one is never answered on the other
            try (Rtnl ra = Rtnl.of(a)) {
                ra.links().add(NewLink.veth("v0", "v1"));
            }
            try (Rtnl rb = Rtnl.of(b)) {
                assertEquals(3, rb.links().list().size());
            }
        }
    }
}
