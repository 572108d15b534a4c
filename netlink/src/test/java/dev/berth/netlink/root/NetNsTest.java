package dev.berth.netlink.root;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.netlink.client.NetlinkClient;
import dev.berth.netlink.netns.NetNs;
import dev.berth.netlink.ops.NewLink;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.netlink.testing.InNetns;
import dev.berth.netlink.testing.TestNs;
import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fs;
import dev.berth.syscall.testing.RootTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Named namespaces as ip netns makes them, and handles that open sockets inside any namespace. */
@RootTest
class NetNsTest {
    private static String mounts() throws Exception {
        return Files.readString(Path.of("/proc/self/mountinfo"));
    }

    @Test
    void addAndDeleteAsIpNetnsDoes() throws Exception {
        String name = "berth-t-nsadd-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        NetNs.add(name);
        try {
            assertTrue(TestNs.run(java.util.List.of("ip", "netns", "list")).contains(name));
            assertTrue(NetNs.list().contains(name));
            assertTrue(mounts().contains(" /run/netns/" + name + " "), "bind mount of the namespace");
            assertTrue(mounts().contains(" /run/netns "), "/run/netns is a mount point of its own");
            assertTrue(mounts().lines().anyMatch(l -> l.contains(" /run/netns ") && l.contains("shared:")),
                    "/run/netns is shared, so namespace mounts propagate");
            // a new, empty network namespace: only lo
            assertEquals("lo", TestNs.run(java.util.List.of("ip", "-n", name, "-o", "link")).split(": ")[1]);
            ErrnoException dup = assertThrows(ErrnoException.class, () -> NetNs.add(name));
            assertEquals(Errno.EEXIST, dup.errno());
        } finally {
            NetNs.delete(name);
            TestNs.cleanupRunDir();
        }
        assertFalse(NetNs.list().contains(name));
        assertFalse(Files.exists(Path.of("/run/netns", name)));
        assertFalse(mounts().contains("/run/netns/" + name));
    }

    @Test
    void namespacesMadeByIpAreUsable() throws Exception {
        String name = "berth-t-byip-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        TestNs.run(java.util.List.of("ip", "netns", "add", name));
        try (NetNs ns = NetNs.named(name); Rtnl nl = ns.rtnl()) {
            nl.links().add(NewLink.veth("v0", "v1"));
            assertTrue(TestNs.run(java.util.List.of("ip", "-n", name, "link")).contains("v0@v1"));
        } finally {
            NetNs.delete(name);
            TestNs.cleanupRunDir();
        }
        assertFalse(TestNs.run(java.util.List.of("ip", "netns", "list")).contains(name));
    }

    @Test
    void handlesByNamePathPidAndFdReachTheSameNamespace() throws Exception {
        try (TestNs ns = TestNs.create("handle"); InNetns proc = InNetns.start(ns)) {
            long ino = Fs.fstat(ns.handle().fd()).ino();
            try (NetNs byName = NetNs.named(ns.name());
                    NetNs byPath = NetNs.path("/run/netns/" + ns.name());
                    NetNs byPid = NetNs.pid(proc.pid());
                    NetNs byFd = NetNs.fd(ns.handle().fd())) {
                for (NetNs h : new NetNs[] {byName, byPath, byPid, byFd}) {
                    assertEquals(ino, Fs.fstat(h.fd()).ino(), h.toString());
                    long inside = h.run(() -> Fs.stat("/proc/thread-self/ns/net").ino());
                    assertEquals(ino, inside, h.toString());
                }
                assertNotEquals(ino, Fs.stat("/proc/thread-self/ns/net").ino(), "the test thread never moved");
            }
        }
    }

    @Test
    void aSocketOpenedInsideStaysThereWhicheverThreadUsesIt() throws Exception {
        try (TestNs ns = TestNs.create("sock"); NetlinkClient c = ns.handle().open(); Rtnl nl = Rtnl.of(c)) {
            long here = Fs.stat("/proc/thread-self/ns/net").ino();
            // used from a different thread than the one that opened it, which has ended
            CompletableFuture.runAsync(() -> {
                try {
                    nl.links().add(NewLink.veth("v0", "v1"));
                } catch (ErrnoException e) {
                    throw new IllegalStateException(e);
                }
            }, r -> Thread.ofPlatform().start(r)).get();
            assertTrue(ns.ip("link").contains("v0@v1"));
            assertEquals(here, Fs.stat("/proc/thread-self/ns/net").ino());
            assertTrue(c.strictChecking());
            assertTrue(c.extendedAck());
        }
    }

    @Test
    void anonymousNamespaceLivesWhileItsHandleIsOpen() throws Exception {
        long ino;
        try (NetNs anon = NetNs.createAnonymous(); Rtnl nl = anon.rtnl()) {
            ino = Fs.fstat(anon.fd()).ino();
            nl.links().add(NewLink.veth("v0", "v1"));
            // iproute2 can enter it through the procfs path of our fd
            String out = TestNs.run(java.util.List.of("nsenter", "--net=" + anon.procPath(), "ip", "-j", "link"));
            assertTrue(out.contains("\"ifname\":\"v0\""), out);
        }
        assertTrue(ino > 0);
    }
}
