package dev.berth.it.image;

import dev.berth.it.common.Await;
import static dev.berth.it.image.BerthMachine.describe;
import static dev.berth.it.image.BerthMachine.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.specs.Process;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.Container.ExecResult;

/**
 * Berth's own container networking in its image: a CNI configuration list named by the spec's
 * {@code dev.berth.network} annotation (a bridge with host-local addresses), set up by {@code create} and
 * torn down by {@code delete}, inside the machine's network namespace (docker's), so nothing reaches the
 * host's. Two containers on the bridge talk HTTP; after {@code delete} the address is free again and the
 * container's veth is gone.
 */
class NetworkingIT {
    private static final String NETWORK = """
            {"cniVersion": "1.0.0", "name": "it", "plugins": [
              {"type": "bridge", "bridge": "bit0", "isGateway": true,
               "ipam": {"type": "host-local", "ranges": [[{"subnet": "198.18.9.0/24"}]],
                        "routes": [{"dst": "0.0.0.0/0"}], "dataDir": "/bundles/cni"}}]}
            """;

    @RegisterExtension
    static final BerthMachine berth = new BerthMachine();

    private static Bundle onTheBridge(String name, String script) {
        return berth.bundle(name).spec(s -> {
            Map<String, String> annotations = new HashMap<>(s.annotations());
            annotations.put("dev.berth.network", NETWORK);
            return s.withAnnotations(annotations);
        }).mount("/shared", "bind", "/bundles/net-shared", "rbind", "rw").sh(script);
    }

    @Test
    void twoContainersOnABridgeTalkAndDeleteGivesEverythingBack() throws Exception {
        ok(berth.sh("mkdir -p /bundles/net-shared/www && echo 'hello over the bridge' > /bundles/net-shared/www/index.html"));
        Bundle server = onTheBridge("server", """
                ip -4 -o addr show eth0 | awk '{print $4}' | cut -d/ -f1 > /shared/server-ip
                exec httpd -f -p 8080 -h /shared/www
                """);
        berth.write(server);
        ok(berth.sh("berth run --detach --bundle " + server.dir() + " server > /bundles/server.out 2>&1"));
        Await.until("the server's address",
                () -> berth.sh("[ -s /bundles/net-shared/server-ip ]").getExitCode() == 0);
        String ip = ok(berth.sh("cat /bundles/net-shared/server-ip")).getStdout().strip();
        assertTrue(ip.startsWith("198.18.9."), ip);

        List<String> ping = List.of("CAP_NET_RAW");
        ExecResult client = berth.run(onTheBridge("client", "wget -q -O - http://" + ip + ":8080/ && ping -c 1 -W 5 198.18.9.1 "
                + "> /dev/null && echo 'gateway answers'; ip -4 -o route show default")
                .capabilities(new Process.Capabilities(ping, ping, List.of(), ping, List.of()), true));
        String out = ok(client).getStdout();
        assertTrue(out.contains("hello over the bridge\n"), describe(client));
        assertTrue(out.contains("gateway answers\n"), describe(client));
        assertTrue(out.contains("default via 198.18.9.1 dev eth0"), describe(client));

        String veths = ok(berth.sh("ls /sys/class/net/bit0/brif | wc -l")).getStdout().strip();
        assertEquals("1", veths, "the server's veth is on the bridge, the client's is gone");
        assertTrue(ok(berth.sh("ls /bundles/cni/it")).getStdout().contains(ip), "host-local keeps the server's address");
        ok(berth.berth("delete", "--force", "server"));
        assertEquals("0", ok(berth.sh("ls /sys/class/net/bit0/brif | wc -l")).getStdout().strip(), "no veth left");
        assertFalse(ok(berth.sh("ls /bundles/cni/it")).getStdout().contains(ip), "the address is free again");
    }
}
