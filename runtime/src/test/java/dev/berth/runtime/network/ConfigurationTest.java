package dev.berth.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.specs.network.NetworkConfigList;
import dev.berth.specs.network.RawJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What is checked before anything is touched, and what an external plugin reads on its standard input. No root. */
class ConfigurationTest {
    @Test
    void anInvalidListIsRefusedWithEveryProblem() throws Exception {
        NetworkConfigList bad = Lab.conflist("""
                {"cniVersion": "1.0.0", "name": "bad", "plugins": [
                  {"type": "bridge", "mtu": 20, "ipam": {"type": "host-local", "ranges": [[{"subnet": "198.18.0.1/24"}]]}}]}
                """);
        NetworkException e = assertThrows(NetworkException.class,
                () -> CniNetwork.standard().setUp(bad, Attachment.of("c", "/proc/self/ns/net")));
        assertEquals("network \"bad\" configuration is not valid: plugins[0].mtu: must be 68 to 65535, or 0 for the "
                + "default, got 20; plugins[0].ipam.ranges[0][0].subnet: \"198.18.0.1/24\" has host bits set (did you "
                + "mean 198.18.0.0/24?)", e.getMessage());
    }

    @Test
    void theDefaultBridgeNetworkIsValid() {
        NetworkConfigList list = CniNetwork.defaultBridge();
        assertEquals(List.of(), dev.berth.specs.network.NetworkValidator.validate(list));
        assertEquals("berth0", list.plugins().getFirst().bridge());
    }

    @Test
    void attachmentsAreCheckedAsCniChecksThem() {
        assertEquals("eth0", Attachment.of("c1", "/proc/1/ns/net").ifName());
        assertEquals(Attachment.DEFAULT_DATA_DIR, Attachment.of("c1", "/proc/1/ns/net").dataDir());
        assertThrows(IllegalArgumentException.class, () -> Attachment.of("bad id", "/proc/1/ns/net"));
        assertThrows(IllegalArgumentException.class, () -> Attachment.of("c", "/x").withIfName("much-too-long-name0"));
        assertThrows(IllegalArgumentException.class, () -> Attachment.of("c", "/x").withIfName("a/b"));
    }

    @Test
    void anExternalPluginGetsNameVersionPrevResultAndRuntimeConfig() throws Exception {
        NetworkConfigList list = Lab.conflist("""
                {"cniVersion": "0.4.0", "name": "web", "plugins": [
                  {"type": "bridge", "bridge": "br9"},
                  {"type": "portmap", "capabilities": {"portMappings": true, "bandwidth": false}, "snat": true}]}
                """);
        RawJson mappings = Json.parse("[{\"hostPort\": 8080, \"containerPort\": 80, \"protocol\": \"tcp\"}]"
                .getBytes(StandardCharsets.UTF_8), "mappings");
        Attachment at = Attachment.of("c1", "/proc/1/ns/net").withCapabilityArgs(Map.of("portMappings", mappings,
                "bandwidth", new RawJson.Obj(Map.of())));
        Result prev = new Result("0.4.0", List.of(new Result.Interface("eth0", "02:00:00:00:00:01", "/proc/1/ns/net")),
                List.of(new Result.IpConfig("198.18.0.2/24", "198.18.0.1", 0)), List.of(), null);
        String stdin = new String(ExternalPlugin.config(Session.offline(list, at), 1, prev), StandardCharsets.UTF_8);
        assertEquals("{\"cniVersion\":\"0.4.0\",\"name\":\"web\",\"type\":\"portmap\",\"capabilities\":"
                + "{\"portMappings\":true,\"bandwidth\":false},\"snat\":true,\"runtimeConfig\":{\"portMappings\":"
                + "[{\"hostPort\":8080,\"containerPort\":80,\"protocol\":\"tcp\"}]},\"prevResult\":{\"cniVersion\":"
                + "\"0.4.0\",\"interfaces\":[{\"name\":\"eth0\",\"mac\":\"02:00:00:00:00:01\",\"sandbox\":\"/proc/1/ns/net\"}],"
                + "\"ips\":[{\"version\":\"4\",\"interface\":0,\"address\":\"198.18.0.2/24\",\"gateway\":\"198.18.0.1\"}],"
                + "\"dns\":{}}}", stdin);
    }
}
