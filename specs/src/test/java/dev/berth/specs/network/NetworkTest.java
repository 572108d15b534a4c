package dev.berth.specs.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.specs.Fixtures;
import dev.berth.specs.SpecException;
import dev.berth.specs.validate.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Berth's CNI network extension: reading, validation, what external plugins receive, the annotations. */
class NetworkTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> good() {
        return Fixtures.files("network/good").stream().map(file -> DynamicTest.dynamicTest(
                file.getFileName() + ": " + Fixtures.header(file, "_about"), () -> {
                    NetworkConfigList list = NetworkReader.read(file, file.getFileName().toString());
                    assertEquals(List.of(), NetworkValidator.validate(list));
                    byte[] written = NetworkWriter.toBytes(list);
                    NetworkConfigList again = NetworkReader.read(written, "written");
                    assertEquals(list, again);
                    assertArrayEquals(written, NetworkWriter.toBytes(again));
                    // nothing of the input is lost: same JSON, key order aside
                    assertEquals(MAPPER.readTree(file.toFile()), MAPPER.readTree(written));
                }));
    }

    @TestFactory
    Stream<DynamicTest> bad() {
        return Fixtures.files("network/bad").stream().map(file -> {
            String expected = Fixtures.header(file, "_expect");
            return DynamicTest.dynamicTest(file.getFileName() + ": " + expected, () -> {
                String complaint;
                try {
                    List<Violation> violations = NetworkValidator.validate(NetworkReader.read(file, "net.conflist"));
                    assertFalse(violations.isEmpty());
                    complaint = String.join("\n", violations.stream().map(Violation::toString).toList());
                } catch (SpecException e) {
                    complaint = e.path() + ": " + e.problem();
                }
                assertEquals(expected, complaint);
            });
        });
    }

    @Test
    void builtInTypesAreTypedAndExternalOnesKeptVerbatim() throws Exception {
        Path file = Fixtures.dir("network/good").resolve("external-chain.json");
        NetworkConfigList list = NetworkReader.read(file, "ext.conflist");
        CniPlugin overlay = list.plugins().getFirst();
        assertFalse(overlay.builtIn());
        assertEquals(null, overlay.mtu());
        assertEquals(new RawJson.Str("not a number for Berth to read"), overlay.extra().get("mtu"));
        byte[] config = NetworkWriter.pluginConfig(list, 2);
        String text = new String(config, StandardCharsets.UTF_8);
        assertTrue(text.contains("123456789012345678901234567890"), text);
        JsonNode original = MAPPER.readTree(file.toFile()).get("plugins").get(2);
        ObjectNode expected = ((ObjectNode) original.deepCopy()).put("cniVersion", "1.0.0").put("name", "ext");
        assertEquals(expected, MAPPER.readTree(config));
        assertTrue(new String(NetworkWriter.pluginConfig(list, 0), StandardCharsets.UTF_8).contains("2e3"));

        NetworkConfigList bridge = NetworkReader.read(Fixtures.dir("network/good").resolve("bridge-host-local.json"), "b");
        CniPlugin p = bridge.plugins().getFirst();
        assertTrue(p.builtIn());
        assertEquals(1500, p.mtu());
        assertEquals("198.18.0.10", p.ipam().ranges().getFirst().getFirst().rangeStart());
        assertEquals(new RawJson.Num("10"), p.ipam().routes().get(1).extra().get("priority"));
    }

    @Test
    void annotations(@TempDir Path bundle) throws Exception {
        String conflist = "{\"cniVersion\": \"1.0.0\", \"name\": \"n\", \"plugins\": [{\"type\": \"loopback\"}]}";
        Files.writeString(bundle.resolve("net.conflist"), conflist);
        NetworkConfigList expected = NetworkReader.read(conflist.getBytes(StandardCharsets.UTF_8), "x");

        assertEquals(Optional.empty(), NetworkReader.fromAnnotations(Map.of("other", "x"), bundle));
        assertEquals(Optional.of(expected), NetworkReader.fromAnnotations(Map.of(NetworkReader.INLINE_ANNOTATION, conflist), bundle));
        assertEquals(Optional.of(expected),
                NetworkReader.fromAnnotations(Map.of(NetworkReader.CONFLIST_ANNOTATION, "net.conflist"), bundle));
        assertEquals(Optional.of(expected), NetworkReader.fromAnnotations(
                Map.of(NetworkReader.CONFLIST_ANNOTATION, bundle.resolve("net.conflist").toString()), Path.of("/nonexistent")));

        SpecException e = assertThrows(SpecException.class, () -> NetworkReader.fromAnnotations(
                Map.of(NetworkReader.INLINE_ANNOTATION, conflist, NetworkReader.CONFLIST_ANNOTATION, "net.conflist"), bundle));
        assertEquals("config.json: annotations: \"dev.berth.network\" and \"dev.berth.network.conflist\" are both set; use one",
                e.getMessage());
        e = assertThrows(SpecException.class, () -> NetworkReader.fromAnnotations(
                Map.of(NetworkReader.INLINE_ANNOTATION, "{\"name\": \"n\", \"plugins\": [{\"type\": \"bridge\", \"mtu\": true}]}"), bundle));
        assertEquals("annotation dev.berth.network:1:53: plugins[0].mtu: expected an integer, got a boolean", e.getMessage());
        e = assertThrows(SpecException.class, () -> NetworkReader.fromAnnotations(
                Map.of(NetworkReader.CONFLIST_ANNOTATION, "missing.conflist"), bundle));
        assertEquals("missing.conflist: no such file", e.getMessage());
    }

    @Test
    void ipPrefixes() throws IOException {
        IpPrefix p = IpPrefix.parse("198.18.0.7/24");
        assertTrue(p.hostBitsSet());
        assertEquals("198.18.0.0/24", p.network().toString());
        assertTrue(p.contains(IpPrefix.parseAddress("198.18.0.255")));
        assertFalse(p.contains(IpPrefix.parseAddress("198.18.1.0")));
        assertFalse(p.contains(IpPrefix.parseAddress("::1")));
        assertEquals("fd00::/64", IpPrefix.parse("fd00:0:0:0:0:0:0:5/64").network().toString());
        assertEquals("fd00:0:1::1:0:0", IpPrefix.format(IpPrefix.parseAddress("fd00:0:1:0:0:1:0:0")));
        assertEquals("::", IpPrefix.format(IpPrefix.parseAddress("::")));
        for (String bad : List.of("1.2.3", "198.018.0.1", "256.0.0.1", "1.2.3.4.5", "localhost", "", "[::1]", "fe80::1%eth0")) {
            assertThrows(IllegalArgumentException.class, () -> IpPrefix.parseAddress(bad), bad);
        }
        for (String bad : List.of("198.18.0.0/33", "198.18.0.0/", "198.18.0.0/024", "fd00::/129", "198.18.0.0")) {
            assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse(bad), bad);
        }
    }
}
