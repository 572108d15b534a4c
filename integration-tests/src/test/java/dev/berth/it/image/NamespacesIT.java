package dev.berth.it.image;

import dev.berth.it.common.Await;
import static dev.berth.it.image.BerthMachine.describe;
import static dev.berth.it.image.BerthMachine.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.specs.IdMapping;
import dev.berth.specs.Linux;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.Container.ExecResult;

/**
 * Namespaces as the payload sees them, compared with the machine's: new pid, uts, ipc, network, mount and
 * cgroup namespaces (runc's default spec); a user namespace mapping the container's root to an unprivileged
 * uid of the machine; and joining another container's namespaces by path.
 */
class NamespacesIT {
    private static final List<String> TYPES = List.of("pid", "uts", "ipc", "net", "mnt", "cgroup", "user");

    @RegisterExtension
    static final BerthMachine berth = new BerthMachine();

    private static Map<String, String> namespaces(String text) {
        Map<String, String> ns = new HashMap<>();
        for (String line : text.lines().toList()) {
            if (line.startsWith("ns ")) {
                String[] f = line.split(" ");
                ns.put(f[1], f[2]);
            }
        }
        return ns;
    }

    private static final String PRINT_NAMESPACES = "for n in " + String.join(" ", TYPES)
            + "; do echo \"ns $n $(readlink /proc/self/ns/$n)\"; done";

    @Test
    void theDefaultSpecGivesNewPidUtsIpcNetMountAndCgroupNamespaces() throws Exception {
        Map<String, String> machine = namespaces(ok(berth.sh(PRINT_NAMESPACES)).getStdout());
        ExecResult r = berth.run(berth.bundle("own").sh(PRINT_NAMESPACES + """

                echo "pid $$"
                echo "hostname $(hostname)"
                echo "links $(ip -o link | cut -d: -f2 | tr -d ' ' | tr '\\n' ' ')"
                echo "cgroup $(grep -m1 pids /proc/self/cgroup)"
                """));
        String out = ok(r).getStdout();
        Map<String, String> inside = namespaces(out);
        for (String type : List.of("pid", "uts", "ipc", "net", "mnt", "cgroup")) {
            assertNotEquals(machine.get(type), inside.get(type), type + ": " + describe(r));
        }
        assertEquals(machine.get("user"), inside.get("user"), "no user namespace asked for: " + describe(r));
        assertTrue(out.contains("pid 1\n"), describe(r));
        assertTrue(out.contains("hostname berth\n"), describe(r));
        assertTrue(out.contains("links lo \n"), "only a loopback device: " + describe(r));
        assertTrue(out.matches("(?s).*cgroup \\d+:pids:/\n.*"), "rooted at the container's cgroup: " + describe(r));
    }

    @Test
    void aUserNamespaceMapsTheContainersRootToAnUnprivilegedUid() throws Exception {
        Bundle b = berth.bundle("userns")
                .linux(l -> {
                    List<Linux.Namespace> ns = new ArrayList<>(l.namespaces());
                    ns.add(new Linux.Namespace("user"));
                    return l.withNamespaces(ns).withIdMappings(List.of(new IdMapping(0, 100000, 65536)),
                            List.of(new IdMapping(0, 100000, 65536)));
                })
                .mount("/out", "bind", "/bundles/userns-out", "rbind", "rw")
                .sh("echo \"uid $(id -u)\"; cat /proc/self/uid_map; touch /out/made-by-root");
        // As with runc, the root file system belongs to the container's root (to create mount points in it).
        berth.write(b);
        ok(berth.sh("chown -R 100000:100000 /bundles/userns/rootfs && mkdir -p /bundles/userns-out "
                + "&& chown 100000:100000 /bundles/userns-out"));
        ExecResult r = berth.run(b);
        String out = ok(r).getStdout();
        assertTrue(out.contains("uid 0\n"), describe(r));
        assertTrue(out.matches("(?s).*\\s+0\\s+100000\\s+65536\n.*"), describe(r));
        assertEquals("100000:100000\n", ok(berth.sh("stat -c %u:%g /bundles/userns-out/made-by-root")).getStdout(),
                "the container's root is uid 100000 outside");
    }

    @Test
    void aContainerJoinsAnotherOnesNetworkAndUtsNamespacesByPath() throws Exception {
        Bundle first = berth.bundle("first").spec(s -> s.withHostname("first-host"))
                .sh("ip link add v0 type veth peer name v1 && sleep 60");
        // The first one adds a device only root in its namespace may: it runs with every capability.
        first.capabilities(new dev.berth.specs.Process.Capabilities(List.of("CAP_NET_ADMIN"), List.of("CAP_NET_ADMIN"),
                List.of(), List.of("CAP_NET_ADMIN"), List.of()), true);
        berth.write(first);
        ok(berth.sh("berth run --detach --pid-file /bundles/first/pid --bundle /bundles/first first > /dev/null 2>&1"));
        String pid = ok(berth.sh("cat /bundles/first/pid")).getStdout().strip();
        Await.until("v0 exists", () -> ok(berth.sh("cat /proc/" + pid + "/net/dev")).getStdout().contains("v0:"));
        ExecResult r = berth.run(berth.bundle("second")
                .linux(l -> l.withNamespaces(l.namespaces().stream().map(n -> switch (n.type()) {
                    case "network" -> new Linux.Namespace("network", "/proc/" + pid + "/ns/net");
                    case "uts" -> new Linux.Namespace("uts", "/proc/" + pid + "/ns/uts");
                    default -> n;
                }).toList()))
                .spec(s -> s.withHostname(null))
                .sh("hostname; ip -o link | cut -d: -f2 | tr -d ' ' | sort | tr '\\n' ' '"));
        assertTrue(ok(r).getStdout().startsWith("first-host\nlo v0@"), "the first one's veth: " + describe(r));
        ok(berth.berth("delete", "--force", "first"));
    }
}
