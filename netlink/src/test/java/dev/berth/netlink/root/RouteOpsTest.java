package dev.berth.netlink.root;

import static dev.berth.netlink.testing.TestNs.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.codec.Rta;
import dev.berth.netlink.ops.NewAddress;
import dev.berth.netlink.ops.NewLink;
import dev.berth.netlink.ops.Route;
import dev.berth.netlink.ops.RouteSpec;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.netlink.testing.TestNs;
import dev.berth.syscall.testing.RootTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Routes added, replaced and deleted with Berth and read with ip, and the reverse. */
@RootTest
class RouteOpsTest {
    private TestNs ns;
    private Rtnl nl;

    @BeforeEach
    void setUp() throws Exception {
        ns = TestNs.create("route");
        nl = ns.rtnl();
        nl.links().add(NewLink.veth("v0", "v1").up());
        nl.links().up("v1");
        nl.addresses().add("v0", NewAddress.of("198.18.0.1/24"));
        nl.addresses().add("v0", NewAddress.of("2001:2::1/64").flags(dev.berth.netlink.codec.Ifa.IFA_F_NODAD));
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            nl.close();
        } finally {
            ns.close();
        }
    }

    @Test
    void gatewayDevMetricProtoSrcInMainTable() throws Exception {
        nl.routes().add(RouteSpec.to("198.18.1.0/24").via("198.18.0.2").dev("v0").metric(5)
                .protocol(Rta.RTPROT_STATIC).source(Inet.parse("198.18.0.1")));
        nl.routes().add(RouteSpec.defaultRoute(2).via("198.18.0.254"));
        List<Map<String, Object>> routes = ns.ipJson("route", "show");
        Map<String, Object> r = find(routes, "dst", "198.18.1.0/24");
        assertEquals("198.18.0.2", r.get("gateway"));
        assertEquals("v0", r.get("dev"));
        assertEquals(5L, r.get("metric"));
        assertEquals("static", r.get("protocol"));
        assertEquals("198.18.0.1", r.get("prefsrc"));
        assertEquals("198.18.0.254", find(routes, "dst", "default").get("gateway"));
    }

    @Test
    void tableAbove255ScopeAndReplace() throws Exception {
        nl.routes().add(RouteSpec.to("198.18.2.0/24").dev("v0").table(1000).scope(Rta.RT_SCOPE_LINK));
        Map<String, Object> r = find(ns.ipJson("route", "show", "table", "1000"), "dst", "198.18.2.0/24");
        assertEquals("link", r.get("scope"));
        nl.routes().replace(RouteSpec.to("198.18.2.0/24").via("198.18.0.3").table(1000).metric(0));
        r = find(ns.ipJson("route", "show", "table", "1000"), "dst", "198.18.2.0/24");
        assertEquals("198.18.0.3", r.get("gateway"));
        List<Route> mine = nl.routes().list(2, 1000);
        assertEquals(1, mine.size());
        assertEquals(1000, mine.getFirst().table());
        nl.routes().delete(RouteSpec.to("198.18.2.0/24").table(1000));
        assertTrue(ns.ipJson("route", "show", "table", "1000").isEmpty());
    }

    @Test
    void multipath() throws Exception {
        nl.routes().add(RouteSpec.to("198.18.3.0/24")
                .nexthop(RouteSpec.Hop.via(Inet.parse("198.18.0.2"), "v0", 1))
                .nexthop(RouteSpec.Hop.via(Inet.parse("198.18.0.3"), "v0", 3)));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> hops = (List<Map<String, Object>>) find(ns.ipJson("route", "show"), "dst",
                "198.18.3.0/24").get("nexthops");
        assertEquals(2, hops.size());
        assertEquals("198.18.0.3", hops.get(1).get("gateway"));
        assertEquals(3L, hops.get(1).get("weight"));
        Route r = nl.routes().list().stream().filter(x -> x.destination().toString().equals("198.18.3.0/24"))
                .findFirst().orElseThrow();
        assertEquals(2, r.nextHops().size());
        assertEquals(3, r.nextHops().get(1).weight());
    }

    @Test
    void ipv6AndTypes() throws Exception {
        nl.routes().add(RouteSpec.to("2001:2:1::/48").via("2001:2::2").metric(1024));
        nl.routes().add(RouteSpec.to("198.18.9.0/24").type(Rta.RTN_BLACKHOLE));
        assertEquals("2001:2::2", find(ns.ipJson("-6", "route", "show"), "dst", "2001:2:1::/48").get("gateway"));
        assertEquals("blackhole", find(ns.ipJson("route", "show"), "dst", "198.18.9.0/24").get("type"));
        nl.routes().delete(RouteSpec.to("198.18.9.0/24").type(Rta.RTN_BLACKHOLE));
        assertFalse(ns.ip("route", "show").contains("198.18.9.0"));
    }

    @Test
    void madeWithIpReadWithBerth() throws Exception {
        ns.ip("route", "add", "198.18.4.0/24", "via", "198.18.0.5", "metric", "7", "proto", "static");
        ns.ip("route", "add", "198.18.5.0/24", "dev", "v0", "table", "5000", "src", "198.18.0.1");
        for (Map<String, Object> j : ns.ipJson("route", "show", "table", "all")) {
            if (!"198.18.4.0/24".equals(j.get("dst")) && !"198.18.5.0/24".equals(j.get("dst"))) {
                continue;
            }
            Route r = nl.routes().list(0, 0).stream().filter(x -> x.destination().toString().equals(j.get("dst")))
                    .findFirst().orElseThrow();
            assertEquals(j.get("gateway"), r.gateway() == null ? null : Inet.format(r.gateway()));
            assertEquals(j.get("metric"), r.attrs().has(Rta.RTA_PRIORITY) ? r.metric() : null);
            assertEquals(j.get("prefsrc"), r.preferredSource() == null ? null : Inet.format(r.preferredSource()));
            assertEquals(j.getOrDefault("table", "main"), r.table() == Rta.RT_TABLE_MAIN ? "main"
                    : Integer.toString(r.table()));
            assertEquals("v0", nl.links().get(r.outputIndex()).name());
        }
    }
}
