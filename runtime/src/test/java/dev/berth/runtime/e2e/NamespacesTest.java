package dev.berth.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The new namespaces as the payload sees them: PID 1, its own hostname, a network with only {@code lo}, sysctls. */
class NamespacesTest extends ContainerTest {
    @Test
    void thePayloadIsPid1AndSeesOnlyItsOwnProcesses() throws Exception {
        String script = "echo $$; tr '\\0' ' ' < /proc/1/cmdline; echo; ls -d /proc/[0-9]* | wc -l";
        String[] out = probe(script).split("\n");
        assertEquals("1", out[0], "$$");
        assertEquals("sh -c " + script + " ", out[1], "PID 1 is the payload");
        int visible = Integer.parseInt(out[2].strip());
        assertTrue(visible <= 5, "the payload sees only its own few processes, not the host's: " + visible);
    }

    @Test
    void hostnameAndDomainnameAreTheSpecsAndTheHostKeepsItsOwn() throws Exception {
        String hostBefore = Files.readString(Path.of("/proc/sys/kernel/hostname"));
        bundle.config.put("hostname", "e2e-box");
        bundle.config.put("domainname", "e2e.example");
        assertEquals("e2e-box\ne2e.example\n", probe("hostname; cat /proc/sys/kernel/domainname"));
        assertEquals(hostBefore, Files.readString(Path.of("/proc/sys/kernel/hostname")));
    }

    @Test
    void aNewNetworkNamespaceHasOnlyLo() throws Exception {
        assertEquals("lo\n", probe("ls /sys/class/net"));
    }

    @Test
    void loIsUpInANewNetworkNamespace() throws Exception {
        // runc's specconv adds a "loopback" network for a new network namespace and brings lo up:
        // flags 0x9 (IFF_UP|IFF_LOOPBACK), and 127.0.0.1 is there
        assertEquals("0x9\n", probe("cat /sys/class/net/lo/flags"));
    }

    @Test
    void sysctlIsSetInTheContainersNamespacesOnly() throws Exception {
        Path hostForward = Path.of("/proc/sys/net/ipv4/ip_forward");
        String before = Files.readString(hostForward);
        bundle.linux().put("sysctl", Json.map("net.ipv4.ip_forward", "1", "kernel.shmmni", "1234"));
        assertEquals("1\n1234\n", probe("cat /proc/sys/net/ipv4/ip_forward /proc/sys/kernel/shmmni"));
        assertEquals(before, Files.readString(hostForward), "the host's ip_forward");
        assertNotEquals("1234\n", Files.readString(Path.of("/proc/sys/kernel/shmmni")), "the host's shmmni");
    }

    @Test
    void withoutAUtsNamespaceTheHostnameIsTheHosts() throws Exception {
        bundle.withoutNamespace("uts").config.remove("hostname");
        String host = Files.readString(Path.of("/proc/sys/kernel/hostname"));
        assertEquals(host, probe("hostname"));
    }

    @Test
    void aUserNamespaceWithItsMappings() throws Exception {
        Json.list(bundle.linux(), "namespaces").add(Json.map("type", "user"));
        bundle.linux().put("uidMappings", Json.array(Json.map("containerID", 0, "hostID", 100000, "size", 65536)));
        bundle.linux().put("gidMappings", Json.array(Json.map("containerID", 0, "hostID", 200000, "size", 65536)));
        bundle.process().put("user", Json.map("uid", 1000, "gid", 1000));
        String[] out = probe("id -u; id -g; cat /proc/self/uid_map /proc/self/gid_map").split("\n");
        assertEquals("1000", out[0]);
        assertEquals("1000", out[1]);
        assertEquals("0 100000 65536", out[2].trim().replaceAll("\\s+", " "));
        assertEquals("0 200000 65536", out[3].trim().replaceAll("\\s+", " "));
    }

    @Test
    void aCgroupNamespaceShowsTheContainersCgroupAsTheRoot() throws Exception {
        for (String line : probe("cat /proc/self/cgroup").split("\n")) {
            assertTrue(line.endsWith(":/"), "every hierarchy's path is / inside: " + line);
        }
    }

    @Test
    void anIpcNamespaceOfItsOwn() throws Exception {
        String host = Files.readSymbolicLink(Path.of("/proc/self/ns/ipc")).toString();
        assertNotEquals(host + "\n", probe("readlink /proc/self/ns/ipc"));
    }
}
