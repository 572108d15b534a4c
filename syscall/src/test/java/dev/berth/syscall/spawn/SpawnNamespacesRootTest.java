package dev.berth.syscall.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.syscall.At;
import dev.berth.syscall.Clone;
import dev.berth.syscall.Fd;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Mount;
import dev.berth.syscall.Open;
import dev.berth.syscall.testing.RootTest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each namespace kind, created by clone3 from a plan and checked from inside the payload. */
@RootTest
class SpawnNamespacesRootTest {
    private static PlanBuilder privateProc(long moreFlags) {
        return SpawnPlan.builder().cloneFlags(Clone.CLONE_NEWNS | Clone.CLONE_NEWPID | moreFlags)
                .mount(null, "/", null, Mount.MS_REC | Mount.MS_PRIVATE, null)
                .mount("proc", "/proc", "proc", Mount.MS_NOSUID | Mount.MS_NODEV | Mount.MS_NOEXEC, null);
    }

    private static String ns(String kind) throws Exception {
        return Fs.readlinkat(At.AT_FDCWD, "/proc/self/ns/" + kind);
    }

    @Test
    void pidNamespaceMakesThePayloadPid1WithItsOwnProc() throws Exception {
        Payload.Result r = Payload.run(Payload.sh(privateProc(0), "echo $$; ls /proc | grep -c '^[0-9]'"));
        assertEquals(ExitStatus.exited(0), r.status());
        List<String> lines = r.output().lines().toList();
        assertEquals("1", lines.get(0), "the payload is PID 1");
        assertTrue(Integer.parseInt(lines.get(1)) <= 3, "its /proc shows only its own processes: " + lines);
        assertTrue(Fs.readFile("/proc/self/mountinfo").lines().filter(l -> l.split(" ")[4].equals("/proc")).count()
                <= 1, "the host's /proc is untouched");
    }

    @Test
    void utsIpcAndMountNamespacesAreNew() throws Exception {
        PlanBuilder b = SpawnPlan.builder().cloneFlags(Clone.CLONE_NEWUTS | Clone.CLONE_NEWIPC | Clone.CLONE_NEWNS)
                .sethostname("berth-box").setdomainname("box.test");
        Payload.Result r = Payload.run(Payload.sh(b,
                "hostname; cat /proc/sys/kernel/domainname; readlink /proc/self/ns/ipc /proc/self/ns/mnt /proc/self/ns/uts"));
        List<String> lines = r.output().lines().toList();
        assertEquals(List.of("berth-box", "box.test"), lines.subList(0, 2));
        assertNotEquals(ns("ipc"), lines.get(2));
        assertNotEquals(ns("mnt"), lines.get(3));
        assertNotEquals(ns("uts"), lines.get(4));
        assertNotEquals("berth-box", dev.berth.syscall.Syscalls.uname().nodename());
    }

    @Test
    void netNamespaceHasOnlyLoopback() throws Exception {
        PlanBuilder b = SpawnPlan.builder().cloneFlags(Clone.CLONE_NEWNET);
        Payload.Result r = Payload.run(Payload.sh(b, "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '"));
        assertEquals("lo\n", r.output());
    }

    @Test
    void cgroupNamespaceRootsTheCgroupPaths() throws Exception {
        PlanBuilder b = SpawnPlan.builder().cloneFlags(Clone.CLONE_NEWCGROUP);
        Payload.Result r = Payload.run(Payload.sh(b, "cat /proc/self/cgroup"));
        List<String> paths = r.output().lines().map(l -> l.substring(l.lastIndexOf(':') + 1)).distinct().toList();
        assertEquals(List.of("/"), paths, r.output());
    }

    @Test
    void timeNamespaceWithOffsetsWrittenByTheParent() throws Exception {
        // unshare(CLONE_NEWTIME) makes a namespace for children; the parent writes its offsets while the
        // child waits; execve then moves the child into it (Linux >= 6.0). setns(CLONE_NEWTIME) cannot do
        // that before exec: the child shares the JVM's mm (CLONE_VM), and the kernel says EUSERS.
        try (SyncPipe ready = SyncPipe.fromChild(); SyncPipe go = SyncPipe.toChild()) {
            PlanBuilder b = SpawnPlan.builder().unshare(Clone.CLONE_NEWTIME).write(ready.childEnd(), "r")
                    .readByte(go.childEnd());
            int[] out = Fs.pipe2(Open.O_CLOEXEC);
            try (Fd r = Fd.of(out[0]); Fd w = Fd.of(out[1])) {
                SpawnPlan plan = Payload.sh(b, "cut -d. -f1 /proc/uptime").inheritFd(w.get(), 1).build();
                try (Spawned s = Spawner.spawn(plan)) {
                    w.close();
                    ready.afterSpawn();
                    go.afterSpawn();
                    assertTrue(ready.await());
                    Fs.writeFile("/proc/" + s.pid() + "/timens_offsets", "monotonic 0 0\nboottime 864000 0\n");
                    go.signal();
                    s.awaitExec();
                    long uptime = Long.parseLong(Payload.readAll(r.get()).trim());
                    assertEquals(ExitStatus.exited(0), s.waitFor());
                    assertTrue(uptime >= 864000, "boot time offset by 10 days, uptime " + uptime);
                }
            }
        }
    }

    @Test
    void userNamespaceWithMapsWrittenWhileTheChildWaits() throws Exception {
        try (SyncPipe go = SyncPipe.toChild()) {
            PlanBuilder b = SpawnPlan.builder().cloneFlags(Clone.CLONE_NEWUSER).readByte(go.childEnd())
                    .label("sync: uid and gid maps").setresgid(0, 0, 0).setgroups().setresuid(0, 0, 0);
            int[] out = Fs.pipe2(Open.O_CLOEXEC);
            int[] in = Fs.pipe2(Open.O_CLOEXEC);
            try (Fd r = Fd.of(out[0]); Fd w = Fd.of(out[1]); Fd ir = Fd.of(in[0]); Fd iw = Fd.of(in[1])) {
                SpawnPlan plan = Payload.sh(b, "id -u; id -g; head -c1 >/dev/null").inheritFd(w.get(), 1)
                        .inheritFd(ir.get(), 0).build();
                try (Spawned s = Spawner.spawn(plan)) {
                    w.close();
                    ir.close();
                    go.afterSpawn();
                    Fs.writeFile("/proc/" + s.pid() + "/uid_map", "0 200000 65536\n");
                    Fs.writeFile("/proc/" + s.pid() + "/gid_map", "0 200000 65536\n");
                    go.signal();
                    s.awaitExec();
                    String status = Fs.readFile("/proc/" + s.pid() + "/status");
                    String uids = status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
                    assertEquals(List.of("200000"), Arrays.stream(uids.substring(4).trim().split("\\s+")).distinct()
                            .toList(), "outside, the payload is the mapped id: " + uids);
                    Fs.writeAll(iw.get(), new byte[] {'\n'});
                    assertEquals("0\n0\n", Payload.readAll(r.get()), "inside, it is root");
                    assertEquals(ExitStatus.exited(0), s.waitFor());
                }
            }
        }
    }

    @Test
    void allNamespacesAtOnce() throws Exception {
        PlanBuilder b = privateProc(Clone.CLONE_NEWUTS | Clone.CLONE_NEWIPC | Clone.CLONE_NEWNET
                | Clone.CLONE_NEWCGROUP).sethostname("all");
        Payload.Result r = Payload.run(Payload.sh(b, "echo $$ $(hostname)"));
        assertEquals(new Payload.Result("1 all\n", ExitStatus.exited(0)), r);
    }
}
