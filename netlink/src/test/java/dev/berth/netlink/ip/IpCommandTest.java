package dev.berth.netlink.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.netlink.testing.MiniJson;
import dev.berth.netlink.testing.TestNs;
import dev.berth.syscall.testing.RootTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code berth ip} against iproute2 6.1's {@code ip} in a fresh namespace: the state is built with
 * {@code berth ip}, then {@code berth ip -j} is compared with {@code ip -j} field by field for links,
 * addresses and routes, and the human output line by line.
 */
@RootTest
class IpCommandTest {
    private TestNs ns;

    record Result(int status, String out, String err) {}

    private Result berth(String... args) {
        List<String> all = new ArrayList<>(List.of("-n", ns.name()));
        all.addAll(List.of(args));
        return runBerth(all.toArray(String[]::new), Long.MAX_VALUE);
    }

    private static Result runBerth(String[] args, long maxEvents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = IpCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), maxEvents);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private void ok(String... args) {
        Result r = berth(args);
        assertEquals(0, r.status(), () -> String.join(" ", args) + ": " + r.err());
    }

    @BeforeEach
    void setUp() throws Exception {
        ns = TestNs.create("ipcmd");
        ok("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        ok("link", "add", "br0", "type", "bridge");
        ok("link", "add", "name", "w0", "mtu", "1400", "type", "veth", "peer", "w1");
        ok("link", "set", "v1", "master", "br0");
        ok("link", "set", "dev", "v0", "up");
        ok("link", "set", "v1", "up", "mtu", "1450", "address", "02:00:00:00:00:01");
        ok("link", "add", "link", "v0", "name", "mv0", "type", "macvlan", "mode", "bridge");
        ok("link", "add", "vx0", "type", "vxlan", "id", "42", "dstport", "4789", "dev", "v0");
        ok("addr", "add", "198.18.0.1/24", "brd", "+", "dev", "v0", "label", "v0:a");
        ok("addr", "add", "198.18.0.9/24", "dev", "v0");
        ok("a", "add", "2001:2::1/64", "dev", "v0", "nodad");
        ok("route", "add", "198.18.1.0/24", "via", "198.18.0.2", "dev", "v0", "metric", "5", "proto", "static");
        ok("route", "add", "default", "via", "198.18.0.254");
        ok("r", "add", "198.18.3.0/24", "via", "198.18.0.3", "table", "1000", "src", "198.18.0.1");
        ok("route", "add", "198.18.2.0/24", "nexthop", "via", "198.18.0.2", "dev", "v0", "weight", "1", "nexthop",
                "via", "198.18.0.3", "dev", "v0", "weight", "2");
        ok("route", "add", "unreachable", "198.18.4.0/24");
        ok("-6", "route", "add", "2001:2:1::/48", "via", "2001:2::2");
        ok("neigh", "add", "198.18.0.8", "lladdr", "02:00:00:00:00:08", "dev", "v0", "nud", "permanent");
        ok("rule", "add", "from", "198.18.0.0/24", "table", "100", "pref", "1000");
    }

    @AfterEach
    void tearDown() throws Exception {
        ns.close();
    }

    /** Compares two {@code -j} outputs object by object and field by field, naming what differs. */
    private static void sameJson(String what, String ip, String berth) {
        List<Map<String, Object>> a = MiniJson.parseArray(ip.trim());
        List<Map<String, Object>> b = MiniJson.parseArray(berth.trim());
        assertEquals(a.size(), b.size(), what + ": number of objects\nip:    " + ip + "\nberth: " + berth);
        List<String> diffs = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            TreeSet<String> keys = new TreeSet<>(a.get(i).keySet());
            keys.addAll(b.get(i).keySet());
            for (String k : keys) {
                if (!Objects.equals(a.get(i).get(k), b.get(i).get(k))) {
                    diffs.add("[" + i + "]." + k + ": ip " + a.get(i).get(k) + ", berth " + b.get(i).get(k));
                }
            }
            assertEquals(List.copyOf(a.get(i).keySet()), List.copyOf(b.get(i).keySet()), what + " field order");
        }
        assertEquals(List.of(), diffs, what);
    }

    private void compare(String... args) {
        Result r = berth(args);
        assertEquals(0, r.status(), r.err());
        assertEquals(ns.ip(args), r.out(), "text of " + String.join(" ", args));
        List<String> json = new ArrayList<>(List.of("-j"));
        json.addAll(List.of(args));
        Result j = berth(json.toArray(String[]::new));
        assertEquals(0, j.status(), j.err());
        sameJson(String.join(" ", args), ns.ip(json.toArray(String[]::new)), j.out());
    }

    @Test
    void linksFieldByField() {
        compare("link", "show");
        compare("link", "show", "dev", "v1");
        compare("link");
    }

    @Test
    void addressesFieldByField() {
        compare("addr", "show");
        compare("address", "show", "dev", "v0");
        compare("-4", "addr");
        compare("-6", "addr");
    }

    @Test
    void routesFieldByField() {
        compare("route", "show");
        compare("route", "show", "table", "1000");
        compare("route", "show", "table", "all");
        compare("-6", "route", "show");
        compare("route", "show", "dev", "v0");
    }

    @Test
    void neighboursAndRules() {
        compare("neigh", "show");
        compare("rule", "show");
    }

    @Test
    void deletions() {
        ok("addr", "del", "198.18.0.9/24", "dev", "v0");
        ok("route", "del", "198.18.1.0/24");
        ok("route", "del", "198.18.3.0/24", "table", "1000");
        ok("neigh", "del", "198.18.0.8", "dev", "v0");
        ok("rule", "del", "pref", "1000");
        ok("link", "set", "v1", "nomaster");
        ok("link", "del", "w0");
        assertFalse(ns.ip("addr").contains("198.18.0.9"));
        assertFalse(ns.ip("route", "show", "table", "all").contains("198.18.1.0/24"));
        assertFalse(ns.ip("route", "show", "table", "all").contains("198.18.3.0/24"));
        assertFalse(ns.ip("neigh").contains("198.18.0.8"));
        assertFalse(ns.ip("rule").contains("1000:"));
        assertFalse(ns.ip("link").contains("master br0"));
        assertFalse(ns.ip("link").contains("w0"));
        compare("link", "show");
    }

    @Test
    void errorsAreOneLineWithIpsExitStatus() {
        Result dup = berth("link", "add", "v0", "type", "veth", "peer", "name", "v9");
        assertEquals(2, dup.status());
        assertEquals(1, dup.err().lines().count(), dup.err());
        assertTrue(dup.err().contains("EEXIST (File exists)"), dup.err());
        Result kind = berth("link", "add", "x0", "type", "nosuchkind");
        assertEquals(2, kind.status());
        assertTrue(kind.err().trim().endsWith("Error: Unknown device type."), kind.err());
        Result dev = berth("link", "set", "nope", "up");
        assertEquals(1, dev.status());
        assertEquals("Cannot find device \"nope\"\n", dev.err());
        Result prefix = berth("addr", "add", "198.18.0.1/33", "dev", "v0");
        assertEquals(1, prefix.status());
        assertEquals("Error: any valid prefix is expected rather than \"198.18.0.1/33\".\n", prefix.err());
        Result gw = berth("route", "add", "198.18.9.0/24", "via", "198.18.7.1");
        assertEquals(2, gw.status());
        assertTrue(gw.err().contains("Error: Nexthop has invalid gateway."), gw.err());
        Result object = berth("frobnicate");
        assertEquals(1, object.status());
        assertEquals("Object \"frobnicate\" is unknown, try \"ip help\".\n", object.err());
        assertEquals("", dup.out() + kind.out() + dev.out() + prefix.out() + gw.out());
    }

    @Test
    void netnsAddListDelete() {
        String name = ns.name() + "-x";
        Result add = runBerth(new String[] {"netns", "add", name}, 0);
        assertEquals(0, add.status(), add.err());
        try {
            assertTrue(TestNs.run(List.of("ip", "netns", "list")).contains(name));
            assertTrue(runBerth(new String[] {"netns", "list"}, 0).out().lines().anyMatch(name::equals));
            Result j = runBerth(new String[] {"-j", "netns", "list"}, 0);
            assertTrue(MiniJson.parseArray(j.out()).stream().anyMatch(m -> name.equals(m.get("name"))));
            assertEquals(0, runBerth(new String[] {"-n", name, "link", "add", "v0", "type", "veth", "peer", "name",
                "v1"}, 0).status());
            assertTrue(TestNs.run(List.of("ip", "-n", name, "link")).contains("v0@v1"));
            assertEquals(1, runBerth(new String[] {"netns", "exec", name, "true"}, 0).status());
        } finally {
            assertEquals(0, runBerth(new String[] {"netns", "del", name}, 0).status());
        }
        assertFalse(TestNs.run(List.of("ip", "netns", "list")).contains(name));
    }

    @Test
    void monitorPrintsEventsAsIpDoes() throws Exception {
        var result = new java.util.concurrent.CompletableFuture<Result>();
        Thread t = Thread.ofPlatform().start(() -> result.complete(
                runBerth(new String[] {"-n", ns.name(), "monitor", "link"}, 2)));
        // let the monitor subscribe before changing anything
        Thread.sleep(500);
        ns.ip("link", "add", "m0", "type", "veth", "peer", "name", "m1");
        Result r = result.get(20, java.util.concurrent.TimeUnit.SECONDS);
        t.join();
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains(": m1@NONE: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN group default"),
                r.out());
        assertTrue(r.out().contains(": m0@m1: <BROADCAST,MULTICAST,M-DOWN>"), r.out());
    }
}
