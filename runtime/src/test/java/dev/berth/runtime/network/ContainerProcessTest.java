package dev.berth.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.netlink.netns.NetNs;
import dev.berth.netlink.ops.NewLink;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.specs.network.NetworkConfigList;
import dev.berth.syscall.Clone;
import dev.berth.syscall.spawn.ExitStatus;
import dev.berth.syscall.spawn.SpawnPlan;
import dev.berth.syscall.spawn.Spawned;
import dev.berth.syscall.spawn.Spawner;
import dev.berth.syscall.spawn.SyncPipe;
import dev.berth.syscall.testing.RootTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The way {@code create} uses it: a child cloned into a new network namespace waits on its sync pipe while
 * the parent sets the network up through {@code /proc/PID/ns/net}; then the child runs and uses it. And
 * the way {@code delete} uses it after a crash: the namespace is gone with the process, no result was
 * saved, and the teardown still gives everything back.
 */
@RootTest
@ExtendWith(HostGuard.class)
class ContainerProcessTest {
    @Test
    void setUpWhileTheInitWaitsThenTornDownAfterACrash() throws Exception {
        try (Lab lab = Lab.create(); SyncPipe go = SyncPipe.toChild()) {
            NetworkConfigList list = Lab.conflist(BridgeTest.BRIDGE);
            Spawned init = Spawner.spawn(SpawnPlan.builder().cloneFlags(Clone.CLONE_NEWNET).readByte(go.childEnd())
                    .execve(Busybox.PATH, List.of("busybox", "ping", "-c", "1", "-W", "3", "198.18.0.1"),
                            List.of()).build());
            go.afterSpawn();
            Attachment at = Attachment.of("init1", "/proc/" + init.pid() + "/ns/net").withHost(lab.host)
                    .withDataDir(lab.dataDir);
            Result r = CniNetwork.standard().setUp(list, at);
            assertEquals("/proc/" + init.pid() + "/ns/net", r.interfaces().get(2).sandbox());
            go.signal();
            init.awaitExec();
            assertEquals(ExitStatus.exited(0), init.waitFor(), "the container pinged its gateway");
            init.close();

            // the runtime "crashed": no result kept, and the namespace went with the init
            for (int i = 0; i < 200 && Lab.links(lab.host).size() > 2; i++) {
                Thread.sleep(10); // the kernel destroys the veth pair with the namespace, asynchronously
            }
            assertEquals(List.of("bt0", "lo"), Lab.links(lab.host));
            assertEquals(List.of("lab/198.18.0.2"), lab.allocations());
            CniNetwork.standard().tearDown(list, at, null);
            assertEquals(List.of(), lab.allocations());
        }
    }

    @Test
    void aPinnedNamespaceOutlivesItsProcess() throws Exception {
        Path dir = Files.createTempDirectory("berth-pin");
        Path pin = dir.resolve("netns");
        try (SyncPipe go = SyncPipe.toChild()) {
            Spawned init = Spawner.spawn(SpawnPlan.builder().cloneFlags(Clone.CLONE_NEWNET).readByte(go.childEnd())
                    .execve(Busybox.PATH, List.of("busybox", "true"), List.of()).build());
            go.afterSpawn();
            NetnsPin.pin(init.pid(), pin);
            long ino = dev.berth.syscall.Fs.stat("/proc/" + init.pid() + "/ns/net").ino();
            go.signal();
            init.waitFor();
            init.close();
            try (NetNs ns = NetNs.path(pin.toString()); Rtnl nl = ns.rtnl()) {
                assertEquals(ino, dev.berth.syscall.Fs.fstat(ns.fd()).ino());
                nl.links().add(NewLink.veth("p0", "p1"));
                assertTrue(nl.links().find("p0").isPresent());
            }
            NetnsPin.unpin(pin);
            NetnsPin.unpin(pin);
            assertTrue(Files.notExists(pin));
            assertTrue(!Files.readString(Path.of("/proc/self/mountinfo")).contains(pin.toString()));
        } finally {
            Files.deleteIfExists(pin);
            Files.delete(dir);
        }
    }
}
