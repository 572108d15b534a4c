package dev.berth.netlink.root;

import static dev.berth.netlink.testing.TestNs.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.codec.Nda;
import dev.berth.netlink.ops.Neighbour;
import dev.berth.netlink.ops.NewLink;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.netlink.ops.Rule;
import dev.berth.netlink.ops.RuleSpec;
import dev.berth.netlink.testing.TestNs;
import dev.berth.syscall.testing.RootTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Neighbours and rules with Berth, checked with ip, and the reverse. */
@RootTest
class NeighbourRuleOpsTest {
    private TestNs ns;
    private Rtnl nl;

    @BeforeEach
    void setUp() throws Exception {
        ns = TestNs.create("nr");
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

    @Test
    void neighboursAddReplaceDeleteList() throws Exception {
        nl.neighbours().add("v0", Inet.parse("198.18.0.9"), Inet.parseMac("02:00:00:00:00:09"), Nda.NUD_PERMANENT);
        nl.neighbours().add("v0", Inet.parse("2001:2::9"), Inet.parseMac("02:00:00:00:00:0a"), Nda.NUD_REACHABLE);
        Map<String, Object> j = find(ns.ipJson("neigh", "show"), "dst", "198.18.0.9");
        assertEquals("02:00:00:00:00:09", j.get("lladdr"));
        assertEquals(List.of("PERMANENT"), j.get("state"));
        assertEquals("02:00:00:00:00:0a", find(ns.ipJson("-6", "neigh", "show"), "dst", "2001:2::9").get("lladdr"));
        nl.neighbours().replace("v0", Inet.parse("198.18.0.9"), Inet.parseMac("02:00:00:00:00:99"), Nda.NUD_PERMANENT);
        assertEquals("02:00:00:00:00:99", find(ns.ipJson("neigh", "show"), "dst", "198.18.0.9").get("lladdr"));
        ns.ip("neigh", "add", "198.18.0.10", "lladdr", "02:00:00:00:00:10", "dev", "v0", "nud", "stale");
        Neighbour n = nl.neighbours().list(2, nl.links().index("v0")).stream()
                .filter(x -> Inet.format(x.destination()).equals("198.18.0.10")).findFirst().orElseThrow();
        assertEquals(Nda.NUD_STALE, n.state());
        assertEquals("02:00:00:00:00:10", Inet.formatMac(n.lladdr()));
        nl.neighbours().delete("v0", Inet.parse("198.18.0.9"));
        assertTrue(ns.ipJson("neigh", "show").stream().noneMatch(m -> "198.18.0.9".equals(m.get("dst"))));
    }

    @Test
    void rulesAddDeleteList() throws Exception {
        nl.rules().add(RuleSpec.of(2).from(Inet.Prefix.parse("198.18.0.0/24")).table(100).priority(1000));
        nl.rules().add(RuleSpec.of(2).to(Inet.Prefix.parse("198.18.1.0/24")).iif("v0").table(5000).priority(1001));
        List<Map<String, Object>> rules = ns.ipJson("rule", "show");
        Map<String, Object> r = find(rules, "priority", 1000L);
        assertEquals("198.18.0.0", r.get("src"));
        assertEquals(24L, r.get("srclen"));
        assertEquals("100", r.get("table"));
        Map<String, Object> r2 = find(rules, "priority", 1001L);
        assertEquals("5000", r2.get("table"));
        assertEquals("v0", r2.get("iif"));
        assertEquals("198.18.1.0", r2.get("dst"));
        ns.ip("rule", "add", "fwmark", "7", "table", "7", "pref", "1002");
        Rule mine = nl.rules().list(2).stream().filter(x -> x.priority() == 1002).findFirst().orElseThrow();
        assertEquals(7, mine.table());
        assertEquals(7, mine.fwmark());
        nl.rules().delete(RuleSpec.of(2).priority(1000).table(100));
        assertTrue(ns.ipJson("rule", "show").stream().noneMatch(m -> Long.valueOf(1000).equals(m.get("priority"))));
        assertEquals(ns.ipJson("rule", "show").size(), nl.rules().list(2).size());
    }
}
