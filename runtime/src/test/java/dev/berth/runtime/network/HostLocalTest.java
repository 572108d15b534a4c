package dev.berth.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.specs.network.NetworkConfigList;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** host-local's allocation, as the reference plugin does it and in its on-disk format; no root needed. */
class HostLocalTest {
    @TempDir
    Path data;

    private NetworkConfigList list(String ranges) throws Exception {
        return Lab.conflist("""
                {"cniVersion": "1.0.0", "name": "hl", "plugins": [{"type": "bridge",
                  "ipam": {"type": "host-local", "dataDir": "DATA", "ranges": RANGES,
                           "routes": [{"dst": "198.19.0.1/16"}, {"dst": "0.0.0.0/0", "gw": "198.18.0.254"}]}}]}
                """.replace("DATA", data.toString()).replace("RANGES", ranges));
    }

    private Result add(NetworkConfigList l, String id, String ifName, Undo undo) throws Exception {
        Session s = Session.offline(l, Attachment.of(id, "/proc/self/ns/net").withIfName(ifName));
        return HostLocal.add(s, l.plugins().getFirst().ipam(), undo);
    }

    private Result add(NetworkConfigList l, String id) throws Exception {
        return add(l, id, "eth0", new Undo());
    }

    private void release(NetworkConfigList l, String id) throws Exception {
        HostLocal.release(Session.offline(l, Attachment.of(id, "/proc/self/ns/net")), l.plugins().getFirst().ipam());
    }

    private static List<String> addresses(Result r) {
        List<String> out = new ArrayList<>();
        for (Result.IpConfig ip : r.ips()) {
            out.add(ip.address() + " gw " + ip.gateway());
        }
        return out;
    }

    @Test
    void roundRobinFromTheFirstHostSkippingTheGateway() throws Exception {
        NetworkConfigList l = list("[[{\"subnet\": \"198.18.0.0/29\"}]]");
        assertEquals(List.of("198.18.0.2/29 gw 198.18.0.1"), addresses(add(l, "a")));
        assertEquals(List.of("198.18.0.3/29 gw 198.18.0.1"), addresses(add(l, "b")));
        release(l, "a");
        assertEquals(List.of("198.18.0.4/29 gw 198.18.0.1"), addresses(add(l, "c")), "round-robin, not first free");
        assertEquals("198.18.0.5/29", add(l, "d").ips().getFirst().address());
        assertEquals("198.18.0.6/29", add(l, "e").ips().getFirst().address(), "the broadcast address is never given");
        assertEquals("198.18.0.2/29", add(l, "f").ips().getFirst().address(), "around to the start, .1 is the gateway");
        NetworkException full = assertThrows(NetworkException.class, () -> add(l, "g"));
        assertEquals("host-local: failed to allocate for range 0: no IP addresses available in range set: "
                + "198.18.0.1-198.18.0.6", full.getMessage());
    }

    @Test
    void rangeStartEndAndGateway() throws Exception {
        NetworkConfigList l = list("[[{\"subnet\": \"198.18.0.0/24\", \"rangeStart\": \"198.18.0.10\", "
                + "\"rangeEnd\": \"198.18.0.12\", \"gateway\": \"198.18.0.11\"}]]");
        assertEquals(List.of("198.18.0.10/24 gw 198.18.0.11"), addresses(add(l, "a")));
        assertEquals(List.of("198.18.0.12/24 gw 198.18.0.11"), addresses(add(l, "b")));
        assertThrows(NetworkException.class, () -> add(l, "c"));
    }

    @Test
    void severalRangesInASetAndSeveralSets() throws Exception {
        NetworkConfigList l = list("[[{\"subnet\": \"198.18.0.0/30\"}, {\"subnet\": \"198.18.1.0/30\"}], "
                + "[{\"subnet\": \"2001:2::/126\"}]]");
        assertEquals(List.of("198.18.0.2/30 gw 198.18.0.1", "2001:2::2/126 gw 2001:2::1"), addresses(add(l, "a")));
        assertEquals(List.of("198.18.1.2/30 gw 198.18.1.1", "2001:2::3/126 gw 2001:2::1"), addresses(add(l, "b")));
        NetworkException full = assertThrows(NetworkException.class, () -> add(l, "c"));
        assertEquals("host-local: failed to allocate for range 0: no IP addresses available in range set: "
                + "198.18.0.1-198.18.0.2,198.18.1.1-198.18.1.2", full.getMessage());
        release(l, "a");
        Result r = add(l, "c", "eth1", new Undo());
        assertEquals(List.of("198.18.0.2/30 gw 198.18.0.1", "2001:2::2/126 gw 2001:2::1"), addresses(r));
        assertEquals(List.of(new Result.Route("198.19.0.0/16", null), new Result.Route("0.0.0.0/0", "198.18.0.254")),
                r.routes(), "routes as Go's ParseCIDR keeps them");
    }

    @Test
    void theFilesAreHostLocals() throws Exception {
        NetworkConfigList l = list("[[{\"subnet\": \"198.18.0.0/24\"}], [{\"subnet\": \"2001:2::/64\"}]]");
        add(l, "c1", "eth0", new Undo());
        Path dir = data.resolve("hl");
        assertEquals("c1\r\neth0", Files.readString(dir.resolve("198.18.0.2")));
        assertEquals("c1\r\neth0", Files.readString(dir.resolve("2001:2::2")));
        assertEquals("198.18.0.2", Files.readString(dir.resolve("last_reserved_ip.0")));
        assertEquals("2001:2::2", Files.readString(dir.resolve("last_reserved_ip.1")));
        assertTrue(Files.exists(dir.resolve("lock")));
        NetworkException dup = assertThrows(NetworkException.class, () -> add(l, "c1"));
        assertEquals("host-local: failed to allocate for range 0: 198.18.0.2 has been allocated to c1, duplicate "
                + "allocation is not allowed", dup.getMessage());
        assertEquals("198.18.0.3/24", add(l, "c1", "eth1", new Undo()).ips().getFirst().address(), "another interface");
        Files.writeString(dir.resolve("198.18.0.77"), "old\n");
        release(l, "old");
        assertFalse(Files.exists(dir.resolve("198.18.0.77")), "files of old host-local versions hold the id alone");
    }

    @Test
    void aFailedSecondRangeSetGivesTheFirstOneBack() throws Exception {
        NetworkConfigList l = list("[[{\"subnet\": \"198.18.0.0/24\"}], [{\"subnet\": \"198.18.1.0/30\"}]]");
        add(l, "full");
        Undo undo = new Undo();
        NetworkException e = assertThrows(NetworkException.class, () -> add(l, "x", "eth0", undo));
        undo.run(e);
        assertEquals(0, e.getSuppressed().length);
        try (var files = Files.list(data.resolve("hl"))) {
            assertEquals(List.of("198.18.0.2", "198.18.1.2"),
                    files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("198")).sorted().toList());
        }
    }

    /** The reference host-local and Berth share one pool: each releases what the other allocated. */
    @Test
    void theReferencePluginAndBerthShareThePool() throws Exception {
        Path plugin = EquivalenceTest.REFERENCE.resolve("host-local");
        assumeTrue(Files.isExecutable(plugin), "the reference plugins are not installed");
        NetworkConfigList l = list("[[{\"subnet\": \"198.18.0.0/24\"}]]");
        String config = ("{\"cniVersion\": \"1.0.0\", \"name\": \"hl\", \"ipam\": {\"type\": \"host-local\", "
                + "\"dataDir\": \"" + data + "\", \"ranges\": [[{\"subnet\": \"198.18.0.0/24\"}]]}}");
        Exec.Outcome ref = reference(plugin, "ADD", "r1", config);
        assertTrue(ref.ok(), ref.stderrText());
        assertTrue(new String(ref.stdout(), StandardCharsets.UTF_8).contains("198.18.0.2/24"));
        assertEquals("198.18.0.3/24", add(l, "b1").ips().getFirst().address(), "Berth continues after the reference");
        assertTrue(reference(plugin, "DEL", "b1", config).ok(), "the reference releases Berth's allocation");
        assertFalse(Files.exists(data.resolve("hl/198.18.0.3")));
        release(l, "r1");
        assertFalse(Files.exists(data.resolve("hl/198.18.0.2")), "Berth releases the reference's allocation");
        Exec.Outcome again = reference(plugin, "ADD", "r2", config);
        assertTrue(new String(again.stdout(), StandardCharsets.UTF_8).contains("198.18.0.4/24"),
                "the reference continues after Berth: " + new String(again.stdout(), StandardCharsets.UTF_8));
    }

    private static Exec.Outcome reference(Path plugin, String command, String id, String config) throws Exception {
        return Exec.run(plugin.toString(), List.of(plugin.toString()), List.of("CNI_COMMAND=" + command,
                "CNI_CONTAINERID=" + id, "CNI_NETNS=/proc/self/ns/net", "CNI_IFNAME=eth0", "CNI_PATH=/usr/lib/cni"),
                config.getBytes(StandardCharsets.UTF_8), -1);
    }
}
