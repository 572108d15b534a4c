package dev.berth.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Container networking through the CLI: the CNI list a config's annotations name is set up by
 * {@code create}, torn down by {@code delete}, undone by a failed {@code create}, and {@code linux.netDevices}
 * move in and back. {@code berth} itself runs in a network namespace made for each test (pinned on a file
 * outside the test's directory), so the bridge, veths and NAT it makes never reach the host's network, and
 * host-local keeps its allocations in the test's directory.
 */
class NetworkTest extends ContainerTest {
    private Path nsDir;
    private Path netns;
    private Path dataDir;

    @BeforeEach
    void ownNetworkNamespace() throws Exception {
        nsDir = Files.createTempDirectory("berth-e2e-netns");
        netns = nsDir.resolve("net");
        Files.createFile(netns);
        exec("unshare", "--net=" + netns, "true");
        berth.prefix(List.of("nsenter", "--net=" + netns, "--"));
        dataDir = tmp.resolve("cni");
        inNetns("ip", "link", "set", "lo", "up");
    }

    @AfterEach
    @Override
    void deleteEverythingAndCheckNothingIsLeft() throws Exception {
        try {
            super.deleteEverythingAndCheckNothingIsLeft();
        } finally {
            exec("umount", netns.toString());
            Files.deleteIfExists(netns);
            Files.deleteIfExists(nsDir);
        }
    }

    private String conflist(String subnet, String extraPlugins) {
        return """
                {"cniVersion": "1.0.0", "name": "e2e", "plugins": [
                  {"type": "bridge", "bridge": "bt0", "isGateway": true,
                   "dns": {"nameservers": ["198.18.7.53"], "search": ["e2e.test"]},
                   "ipam": {"type": "host-local", "ranges": [[{"subnet": "%s"}]], "routes": [{"dst": "0.0.0.0/0"}],
                            "dataDir": "%s"}}%s]}
                """.formatted(subnet, dataDir, extraPlugins);
    }

    private void network(String json, String etc) {
        Map<String, Object> a = Json.obj(bundle.config, "annotations");
        a.put("dev.berth.network", json);
        if (etc != null) {
            a.put("dev.berth.network.etc", etc);
        }
    }

    @Test
    void twoContainersOnOneBridgeReachEachOtherAndTheGateway() throws Exception {
        Path www = Files.createDirectories(tmp.resolve("www"));
        Files.writeString(www.resolve("index.html"), "hello from the bridge\n");
        bundle.bind(www, "/www", "ro");
        network(conflist("198.18.7.0/24", ""), null);
        bundle.args("httpd", "-f", "-p", "8080", "-h", "/www");
        run("--detach").ok();
        String server = address(id);
        assertTrue(server.startsWith("198.18.7."), server);

        String client = track(id + "-client");
        bundle.sh("ip -4 -o addr show dev eth0; ip route; wget -q -O- http://" + server + ":8080/index.html;"
                + " nc 198.18.7.1 1 </dev/null 2>&1; true");
        bundle.write();
        BerthCli.Result r = berth.call("run", "--bundle", bundle.dir.toString(), client).ok();
        assertTrue(r.out().contains("hello from the bridge"), r.toString());
        assertTrue(r.out().contains("default via 198.18.7.1 dev eth0"), r.toString());
        // the gateway answers (connection refused on a closed port, not a timeout)
        assertTrue(r.out().contains("refused"), r.toString());
        assertTrue(inNetns("ip", "-br", "link").contains("bt0"));

        berth("delete", "--force", id).ok();
        berth("delete", "--force", client).ok();
        String links = inNetns("ip", "-o", "link");
        assertFalse(links.contains("veth"), "veths left after delete:\n" + links);
        assertEquals(List.of(), allocations(), "addresses still allocated after delete");
    }

    @Test
    void etcFilesComeFromTheResultAndTheImageIsNotWritten() throws Exception {
        network(conflist("198.18.7.0/24", ""), "hosts,resolv.conf");
        Files.writeString(bundle.rootfs.resolve("etc/hosts"), "# the image's own\n");
        bundle.config.put("hostname", "web1");
        String out = probe("cat /etc/hosts; echo ---; cat /etc/resolv.conf; echo ---; echo x > /etc/hosts || echo ro");
        String[] parts = out.split("---\n");
        assertTrue(parts[0].matches("(?s).*198\\.18\\.7\\.\\d+\tweb1\n.*"), out);
        assertTrue(parts[1].contains("nameserver 198.18.7.53") && parts[1].contains("search e2e.test"), out);
        assertTrue(parts[2].contains("ro"), "/etc/hosts is writable: " + out);
        assertEquals("# the image's own\n", Files.readString(bundle.rootfs.resolve("etc/hosts")));
    }

    @Test
    void aFailingPluginUndoesTheWholeCreate() throws Exception {
        network(conflist("198.18.7.0/24", ", {\"type\": \"berth-no-such-plugin\"}"), null);
        bundle.args("true");
        BerthCli.Result r = create();
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("berth-no-such-plugin"), r.toString());
        String links = inNetns("ip", "-o", "link");
        assertFalse(links.contains("veth"), "a veth is left after the failed create:\n" + links);
        assertEquals(List.of(), allocations(), "an address is left allocated after the failed create");
        assertFalse(Files.exists(berth.root().resolve(id)), "state directory left");
    }

    @Test
    void netDevicesMoveInWithTheirAddressesAndBackOnDelete() throws Exception {
        inNetns("ip", "link", "add", "hv0", "type", "veth", "peer", "name", "hv1");
        inNetns("ip", "addr", "add", "198.18.8.1/24", "dev", "hv0");
        Map<String, Object> devices = Json.obj(bundle.linux(), "netDevices");
        devices.put("hv0", Json.map("name", "net0"));
        String out = probe("ip -o addr show dev net0");
        assertTrue(out.contains("198.18.8.1/24"), out);
        // the foreground run deleted the container when it ended
        String back = inNetns("ip", "-o", "addr", "show", "dev", "hv0");
        assertTrue(back.contains("198.18.8.1/24"), "hv0 did not come back with its address: " + back);
    }

    @Test
    void deleteAfterACrashThatLostTheResultStillReleasesEverything() throws Exception {
        network(conflist("198.18.7.0/24", ""), null);
        bundle.args("sleep", "600");
        create().ok();
        assertEquals(1, allocations().size());
        // as if the runtime died between the setup and writing its result
        Files.delete(berth.root().resolve(id).resolve("network.json"));
        berth("delete", "--force", id).ok();
        String links = inNetns("ip", "-o", "link");
        assertFalse(links.contains("veth"), "veths left after delete:\n" + links);
        assertEquals(List.of(), allocations(), "addresses still allocated after delete");
    }

    @Test
    void aNetworkNeedsANewNetworkNamespace() throws Exception {
        network(conflist("198.18.7.0/24", ""), null);
        List<Object> namespaces = Json.list(bundle.linux(), "namespaces");
        namespaces.removeIf(n -> "network".equals(((Map<?, ?>) n).get("type")));
        bundle.args("true");
        BerthCli.Result r = create();
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("annotations.dev.berth.network: the container needs a new network namespace"),
                r.toString());
    }

    /** The container's IPv4 address from the CNI result kept in its state directory. */
    private String address(String container) throws IOException {
        String json = Files.readString(berth.root().resolve(container).resolve("network.json"));
        Map<String, Object> result = Json.object(json);
        Object ips = result.get("ips");
        String first = (String) ((Map<?, ?>) ((List<?>) ips).get(0)).get("address");
        return first.substring(0, first.indexOf('/'));
    }

    private List<String> allocations() throws IOException {
        Path dir = dataDir.resolve("e2e");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9.:a-f]+") && n.contains("."))
                    .sorted().toList();
        }
    }

    private String inNetns(String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=" + netns, "--"));
        cmd.addAll(List.of(command));
        return exec(cmd.toArray(String[]::new));
    }

    private static String exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }
}
