package dev.berth.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.specs.Resources;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.At;
import dev.berth.syscall.Clone;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Mount;
import dev.berth.syscall.Mounts;
import dev.berth.syscall.NsThread;
import dev.berth.syscall.Signal;
import dev.berth.syscall.Syscalls;
import dev.berth.syscall.spawn.ExitStatus;
import dev.berth.syscall.spawn.PlanBuilder;
import dev.berth.syscall.spawn.SpawnPlan;
import dev.berth.syscall.spawn.Spawned;
import dev.berth.syscall.spawn.Spawner;
import dev.berth.syscall.testing.RootTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cgroup code against this host's real hierarchies, each test in its own uniquely named
 * {@code berth-test-*} cgroup that is removed afterwards and checked gone in every hierarchy. On this VM
 * (hybrid) the v1 paths run for memory, cpu, cpuset, pids, blkio, devices and freezer, and the v2 paths
 * for hugetlb, {@code cgroup.freeze}, {@code cgroup.kill}, {@code CLONE_INTO_CGROUP} and unified keys
 * (through a view of the layout that keeps only the unified hierarchy). v2 memory/cpu/io/pids need a
 * pure-v2 kernel (the VM harness).
 */
@RootTest
class CgroupRootTest {
    private static final Duration T = Duration.ofSeconds(5);
    private static final String PREFIX = "berth-test-";
    private static String unifiedSubtreeBefore;

    private CgroupLayout layout;
    private String name;
    private final List<Cgroup> cgroups = new ArrayList<>();
    private final List<Spawned> processes = new ArrayList<>();

    @BeforeAll
    static void rememberUnifiedRoot() throws Exception {
        Hierarchy u = CgroupLayout.detect().unified();
        unifiedSubtreeBefore = u == null ? null : Fs.readFile(u.mountPoint() + "/cgroup.subtree_control").trim();
    }

    @BeforeEach
    void setUp() throws Exception {
        layout = CgroupLayout.detect();
        name = PREFIX + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Spawned s : processes) {
            s.kill(Signal.SIGKILL);
            s.waitFor();
            s.close();
        }
        for (Cgroup cg : cgroups) {
            cg.killAll(Signal.SIGKILL, T);
            cg.delete();
            assertGone(cg);
        }
        assertEquals(List.of(), leftovers(name));
        assertEquals(List.of(), strays(), "processes of this test outside its cgroup (killed now)");
    }

    /**
     * Processes other than this JVM writing to this JVM's stdout: payloads that escaped their cgroup. Each
     * is killed, so one cannot keep surefire waiting for the end of its output pipe.
     */
    private static List<String> strays() throws Exception {
        String ours = Fs.readlinkat(At.AT_FDCWD, "/proc/self/fd/1");
        java.util.Set<Integer> family = new java.util.HashSet<>(); // this JVM and the ones that started it
        for (int p = Syscalls.getpid(); p > 1; ) {
            family.add(p);
            String stat = Fs.readFile("/proc/" + p + "/stat");
            p = Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
                int pid = Integer.parseInt(p.getFileName().toString());
                try {
                    if (!family.contains(pid) && ours.equals(Fs.readlinkat(At.AT_FDCWD, p + "/fd/1"))) {
                        out.add(pid + " " + Fs.readFile(p + "/cmdline").replace('\0', ' ').trim());
                        dev.berth.syscall.Signals.kill(pid, Signal.SIGKILL);
                    }
                } catch (ErrnoException e) {
                    // gone, or not ours to look at
                }
            }
        }
        return out;
    }

    /** Leaves the unified root's subtree_control as the tests found it (create enables what it offers). */
    @AfterAll
    static void restoreUnifiedRootAndCheckNothingIsLeft() throws Exception {
        Hierarchy u = CgroupLayout.detect().unified();
        if (u != null && unifiedSubtreeBefore != null) {
            List<String> before = List.of(unifiedSubtreeBefore.split("\\s+"));
            for (String c : Fs.readFile(u.mountPoint() + "/cgroup.subtree_control").trim().split("\\s+")) {
                if (!c.isEmpty() && !before.contains(c)) {
                    try {
                        Fs.writeFile(u.mountPoint() + "/cgroup.subtree_control", "-" + c);
                    } catch (ErrnoException e) {
                        // in use by a cgroup someone else made meanwhile: theirs now
                    }
                }
            }
        }
        assertEquals(List.of(), leftovers(PREFIX));
    }

    private static List<Path> leftovers(String prefix) throws IOException {
        try (Stream<Path> s = Files.walk(Path.of("/sys/fs/cgroup"), 6)) {
            return s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    private static void assertGone(Cgroup cg) {
        for (String d : cg.directories().values()) {
            assertFalse(Files.exists(Path.of(d)), d + " still exists");
        }
    }

    private Cgroup create(CgroupLayout l, String path) throws CgroupException {
        Cgroup cg = Cgroup.create(l, path, name);
        cgroups.add(cg);
        return cg;
    }

    private Spawned spawn(int cgroupFd, String script) throws ErrnoException {
        PlanBuilder b = SpawnPlan.builder();
        if (cgroupFd >= 0) {
            b.intoCgroup(cgroupFd);
        }
        b.execve("/bin/sh", List.of("sh", "-c", script), List.of("PATH=/usr/sbin:/usr/bin:/sbin:/bin"));
        Spawned s = Spawner.start(b.build());
        processes.add(s);
        return s;
    }

    private static String read(String dir, String file) throws ErrnoException {
        return Fs.readFile(dir + "/" + file).trim();
    }

    /** utime + stime of {@code pid} in clock ticks, from /proc/PID/stat. */
    private static long cpuTicks(int pid) throws ErrnoException {
        String stat = Fs.readFile("/proc/" + pid + "/stat");
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static void sleep(long ms) throws InterruptedException {
        Thread.sleep(ms);
    }

    private CgroupLayout unifiedOnly() throws CgroupException {
        assumeTrue(layout.unified() != null, "no cgroup v2 hierarchy");
        return layout.only(Hierarchy::unified);
    }

    // ---- lifecycle ------------------------------------------------------------------------------------

    @Test
    void createPlaceKillDeleteInEveryHierarchy() throws Exception {
        Cgroup cg = create(layout, "/" + name + "/c");
        assertEquals(layout.joined().size(), cg.directories().size());
        for (String d : cg.directories().values()) {
            assertTrue(Files.isDirectory(Path.of(d)), d);
        }
        assertEquals(2 * layout.joined().size(), cg.createdDirectories().size());
        // children forked before placement would stay behind (the runtime holds its child on a sync pipe)
        Spawned s = spawn(-1, "sleep 0.2; sleep 1000 & sleep 1000 & wait");
        cg.place(s.pid());
        String self = Fs.readFile("/proc/" + s.pid() + "/cgroup");
        for (String line : self.split("\n")) {
            assertTrue(line.endsWith(":/" + name + "/c"), line);
        }
        sleep(400); // the two sleeps fork after placement: they inherit the cgroup
        List<Integer> pids = cg.pids();
        assertEquals(3, pids.size(), pids.toString());
        assertTrue(pids.contains(s.pid()));

        cg.killAll(Signal.SIGKILL, T);
        assertEquals(List.of(), cg.pids());
        assertEquals(ExitStatus.killed(Signal.SIGKILL), s.waitFor());
        cg.delete();
        assertGone(cg);
        assertEquals(List.of(), leftovers(name), "the made parent went too");
        cgroups.remove(cg);
    }

    @Test
    void relativePathsGoUnderThisProcesssOwnCgroups() throws Exception {
        Cgroup cg = create(layout, name);
        Hierarchy memory = layout.hierarchyOf("memory");
        assumeTrue(memory != null);
        assertEquals(memory.ownDir() + "/" + name, cg.directoryOf("memory"));
        assertTrue(Files.isDirectory(Path.of(cg.directoryOf("memory"))));
        assertEquals(cg.directories().size(), cg.createdDirectories().size(), "only the leaves were new");
    }

    @Test
    void cloneIntoCgroupStartsTheChildInTheUnifiedDirectory() throws Exception {
        Cgroup cg = create(layout, "/" + name);
        int fd = cg.openUnifiedDirectory();
        assumeTrue(fd >= 0, "no cgroup v2 hierarchy");
        Spawned s;
        try {
            s = spawn(fd, "exec sleep 1000");
        } finally {
            Fs.close(fd);
        }
        assertTrue(Fs.readFile("/proc/" + s.pid() + "/cgroup").contains("0::/" + name + "\n"));
        cg.place(s.pid()); // the v1 hierarchies still need the pid written
        assertTrue(Fs.readFile("/proc/" + s.pid() + "/cgroup").contains(":memory:/" + name + "\n"));
    }

    @Test
    void aFailedApplyLeavesNoDirectoryBehind() throws Exception {
        List<String> warnings = new ArrayList<>();
        // pids and memory are written before blkio; a bfq weight of 5000 is out of range (1-1000)
        Resources r = new Resources(null, new Resources.Memory(64L << 20, null, null, null, null, null, null, null,
                null), null, new Resources.Pids(10L), new Resources.BlockIo(5000, null, null, null, null, null, null),
                null, null, null, null);
        CgroupException e = assertThrows(CgroupException.class,
                () -> Cgroup.create(layout, "/" + name + "/a/b", name, r, warnings::add));
        assertTrue(e.getMessage().startsWith("linux.resources.blockIO.weight: writing 5000 to /sys/fs/cgroup/blkio/"
                + name + "/a/b/blkio."), e.getMessage());
        assertNotEquals(0, e.errno());
        assertEquals(List.of(), leftovers(name));
    }

    // ---- resources, read back from the kernel ---------------------------------------------------------

    @Test
    void memoryLimitsReadBack() throws Exception {
        Cgroup cg = create(layout, "/" + name);
        String d = cg.directoryOf("memory");
        assumeTrue(d != null && !layout.hierarchyOf("memory").unified());
        List<String> warnings = cg.apply(R.memory(new Resources.Memory(256L << 20, 128L << 20, 512L << 20, 64L << 20,
                32L << 20, 10L, true, true, null)));
        assertEquals(Long.toString(256L << 20), read(d, "memory.limit_in_bytes"));
        assertEquals(Long.toString(128L << 20), read(d, "memory.soft_limit_in_bytes"));
        assertEquals(Long.toString(512L << 20), read(d, "memory.memsw.limit_in_bytes"));
        assertEquals(Long.toString(32L << 20), read(d, "memory.kmem.tcp.limit_in_bytes"));
        assertEquals("10", read(d, "memory.swappiness"));
        assertTrue(read(d, "memory.oom_control").contains("oom_kill_disable 1"));
        // Linux 5.16+ takes memory.kmem.limit_in_bytes writes and ignores them: a warning says so.
        if (!read(d, "memory.kmem.limit_in_bytes").equals(Long.toString(64L << 20))) {
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.getFirst().startsWith("linux.resources.memory.kernel 67108864 ignored"));
        }
        // grow past the old memsw (needs memsw first), then shrink (needs the limit first), then unlimited
        cg.update(R.memory(1024L << 20, null, 2048L << 20));
        assertEquals(Long.toString(1024L << 20), read(d, "memory.limit_in_bytes"));
        cg.update(R.memory(64L << 20, null, 128L << 20));
        assertEquals(Long.toString(128L << 20), read(d, "memory.memsw.limit_in_bytes"));
        cg.update(R.memory(-1L, null, null));
        assertEquals(FakeHosts.MAX_V1, read(d, "memory.limit_in_bytes"));
        assertEquals(FakeHosts.MAX_V1, read(d, "memory.memsw.limit_in_bytes"));
    }

    @Test
    void cpuAndCpusetReadBack() throws Exception {
        Cgroup cg = create(layout, "/" + name);
        String cpu = cg.directoryOf("cpu");
        String cpuset = cg.directoryOf("cpuset");
        assumeTrue(cpu != null && !layout.hierarchyOf("cpu").unified() && cpuset != null);
        assertFalse(read(cpuset, "cpuset.cpus").isEmpty(), "initialised from the parent at create");
        cg.apply(R.cpu(new Resources.Cpu(512L, 25_000L, 1000L, 50_000L, null, null, "0", "0", null)));
        assertEquals("512", read(cpu, "cpu.shares"));
        assertEquals("25000", read(cpu, "cpu.cfs_quota_us"));
        assertEquals("50000", read(cpu, "cpu.cfs_period_us"));
        if (Files.exists(Path.of(cpu, "cpu.cfs_burst_us"))) {
            assertEquals("1000", read(cpu, "cpu.cfs_burst_us"));
        }
        if (Files.exists(Path.of(cpu, "cpu.idle"))) {
            cg.update(R.cpu(new Resources.Cpu(null, null, null, null, null, null, null, null, 1L)));
            assertEquals("1", read(cpu, "cpu.idle"));
        }
        assertEquals("0", read(cpuset, "cpuset.cpus"));
        assertEquals("0", read(cpuset, "cpuset.mems"));
        // a smaller period than quota/period allows in one step: runc's retry order
        cg.update(R.cpu(null, 5000L, 10_000L));
        assertEquals("5000", read(cpu, "cpu.cfs_quota_us"));
        assertEquals("10000", read(cpu, "cpu.cfs_period_us"));
        cg.update(R.cpu(null, -1L, null));
        assertEquals("-1", read(cpu, "cpu.cfs_quota_us"));
        CgroupException e = assertThrows(CgroupException.class, () -> cg.apply(R.cpu(null, null, 10L)));
        assertEquals("linux.resources.cpu.period: writing 10 to " + cpu + "/cpu.cfs_period_us: EINVAL (Invalid"
                + " argument)", e.getMessage());
    }

    @Test
    void realtimeBudgetReadsBack() throws Exception {
        Cgroup cg = create(layout, "/" + name);
        String cpu = cg.directoryOf("cpu");
        assumeTrue(cpu != null && Files.exists(Path.of(cpu, "cpu.rt_runtime_us")), "no RT group scheduling");
        cg.apply(R.cpu(new Resources.Cpu(null, null, null, null, 10_000L, 1_000_000L, null, null, null)));
        assertEquals("1000000", read(cpu, "cpu.rt_period_us"));
        assertEquals("10000", read(cpu, "cpu.rt_runtime_us"));
    }

    @Test
    void pidsBlkioAndDevicesReadBack() throws Exception {
        Cgroup cg = create(layout, "/" + name);
        String pids = cg.directoryOf("pids");
        String blkio = cg.directoryOf("blkio");
        String devices = cg.directoryOf("devices");
        assumeTrue(pids != null && blkio != null && devices != null);
        long major = 254;
        long minor = 0;
        String disk = Fs.readFile("/proc/partitions").lines().skip(2).filter(l -> !l.isBlank()).findFirst().orElse("");
        if (!disk.isBlank()) {
            String[] f = disk.trim().split("\\s+");
            major = Long.parseLong(f[0]);
            minor = Long.parseLong(f[1]);
        }
        String dev = major + ":" + minor;
        cg.apply(new Resources(List.of(new Resources.DeviceRule(false, null, null, null, null),
                new Resources.DeviceRule(true, "c", 1L, 3L, "rwm"), new Resources.DeviceRule(true, "c", 136L, null,
                        "rw")), null, null, new Resources.Pids(64L), new Resources.BlockIo(300, null, null,
                List.of(new Resources.ThrottleDevice(major, minor, 1_048_576)), null, null,
                List.of(new Resources.ThrottleDevice(major, minor, 200))), null, null, null, null));
        assertEquals("64", read(pids, "pids.max"));
        String weightFile = Files.exists(Path.of(blkio, "blkio.weight")) ? "blkio.weight" : "blkio.bfq.weight";
        assertTrue(read(blkio, weightFile).contains("300"), read(blkio, weightFile));
        assertEquals(dev + " 1048576", read(blkio, "blkio.throttle.read_bps_device"));
        assertEquals(dev + " 200", read(blkio, "blkio.throttle.write_iops_device"));
        assertEquals("c 1:3 rwm\nc 136:* rw", read(devices, "devices.list"));
        cg.apply(R.pids(-1L));
        assertEquals("max", read(pids, "pids.max"));
    }

    @Test
    void dockerStyleUpdateWithZerosLeavesValuesAlone() throws Exception {
        Cgroup cg = create(layout, "/" + name);
        String mem = cg.directoryOf("memory");
        String cpu = cg.directoryOf("cpu");
        String pids = cg.directoryOf("pids");
        assumeTrue(mem != null && cpu != null && pids != null);
        cg.apply(R.of(new Resources.Memory(256L << 20, null, null, null, null, null, null, null, null),
                new Resources.Cpu(512L, 20_000L, null, 100_000L, null, null, null, null, null), new Resources.Pids(100L)));
        Map<String, String> before = Map.of("m", read(mem, "memory.limit_in_bytes"), "s", read(cpu, "cpu.shares"),
                "q", read(cpu, "cpu.cfs_quota_us"), "p", read(pids, "pids.max"));
        cg.update(R.dockerUpdate(0));
        assertEquals(before, Map.of("m", read(mem, "memory.limit_in_bytes"), "s", read(cpu, "cpu.shares"),
                "q", read(cpu, "cpu.cfs_quota_us"), "p", read(pids, "pids.max")));
        cg.update(R.dockerUpdate(512L << 20));
        assertEquals(Long.toString(512L << 20), read(mem, "memory.limit_in_bytes"));
        assertEquals("512", read(cpu, "cpu.shares"));
        assertEquals("100", read(pids, "pids.max"));
    }

    @Test
    void hugetlbAndUnifiedKeysOnTheUnifiedSide() throws Exception {
        Cgroup cg = create(layout, "/" + name);
        Hierarchy h = layout.hierarchyOf("hugetlb");
        assumeTrue(h != null && h.unified(), "hugetlb is not on cgroup v2 here");
        String d = cg.directoryOf("hugetlb");
        cg.apply(R.hugetlb("2MB", 4L << 20));
        assertEquals(Long.toString(4L << 20), read(d, "hugetlb.2MB.max"));
        if (Files.exists(Path.of(d, "hugetlb.2MB.rsvd.max"))) {
            assertEquals(Long.toString(4L << 20), read(d, "hugetlb.2MB.rsvd.max"));
        }
        cg.apply(R.unified(Map.of("hugetlb.1GB.max", "0")));
        assertEquals("0", read(d, "hugetlb.1GB.max"));
        if (layout.mode() == CgroupLayout.Mode.HYBRID) {
            CgroupException e = assertThrows(CgroupException.class, () -> cg.apply(R.unified(Map.of("memory.max",
                    "1G"))));
            assertTrue(e.getMessage().contains("the memory controller is on cgroup v1 here"), e.getMessage());
        }
    }

    // ---- freezer ----------------------------------------------------------------------------------------

    private void assertFreezes(Cgroup cg, Spawned busy) throws Exception {
        sleep(100);
        long t0 = cpuTicks(busy.pid());
        sleep(300);
        assertTrue(cpuTicks(busy.pid()) > t0, "the busy loop runs");
        cg.freeze(T);
        assertEquals(FreezerState.FROZEN, cg.freezerState());
        long frozen = cpuTicks(busy.pid());
        sleep(400);
        assertEquals(frozen, cpuTicks(busy.pid()), "no CPU time while frozen");
        cg.thaw(T);
        assertEquals(FreezerState.THAWED, cg.freezerState());
        sleep(300);
        assertTrue(cpuTicks(busy.pid()) > frozen, "runs again after thaw");
    }

    @Test
    void v1FreezerReallyStopsAndResumesABusyLoop() throws Exception {
        Hierarchy f = layout.hierarchyOf("freezer");
        assumeTrue(f != null && !f.unified(), "no v1 freezer");
        Cgroup cg = create(layout, "/" + name);
        Spawned busy = spawn(-1, "while :; do :; done");
        cg.place(busy.pid());
        assertFreezes(cg, busy);
    }

    @Test
    void v2FreezeReallyStopsAndResumesABusyLoop() throws Exception {
        CgroupLayout v2 = unifiedOnly();
        Cgroup cg = create(v2, "/" + name);
        assumeTrue(Files.exists(Path.of(cg.unifiedDirectory(), "cgroup.freeze")), "no cgroup.freeze (Linux < 5.2)");
        int fd = cg.openUnifiedDirectory();
        Spawned busy;
        try {
            busy = spawn(fd, "while :; do :; done");
        } finally {
            Fs.close(fd);
        }
        assertFreezes(cg, busy);
    }

    // ---- stats and kill ---------------------------------------------------------------------------------

    @Test
    void statsOfAProcessThatHoldsMemory() throws Exception {
        Cgroup cg = create(layout, "/" + name);
        cg.apply(R.pids(50L));
        // tail -c keeps the last 40 MB in memory until its input ends; the sleep keeps the cgroup alive
        Spawned s = spawn(-1, "sleep 0.2; head -c 100000000 /dev/zero | tail -c 40000000 >/dev/null; sleep 1000");
        cg.place(s.pid());
        CgroupStats stats = null;
        for (int i = 0; i < 100; i++) {
            stats = cg.stats();
            if (stats.memory().usage().max() > 30_000_000) {
                break;
            }
            sleep(50);
        }
        assertTrue(stats.memory().usage().max() > 30_000_000, stats.memory().usage().toString());
        assertTrue(stats.memory().usage().usage() > 0);
        assertFalse(stats.memory().raw().isEmpty());
        assertTrue(stats.cpu().usage().total() > 0, stats.cpu().toString());
        assertTrue(stats.pids().current() >= 2, stats.pids().toString());
        assertEquals(50, stats.pids().limit());
        String json = StatsJson.event(name, stats);
        assertTrue(json.startsWith("{\"type\":\"stats\",\"id\":\"" + name + "\",\"data\":{\"cpu\":{\"usage\":{\"total\":"),
                json);
        assertTrue(json.endsWith("\"intel_rdt\":{},\"network_interfaces\":null}}\n"), json);
    }

    @Test
    void killAllWithOtherSignalsThenSigkillEmptiesTheCgroup() throws Exception {
        Cgroup cg = create(layout, "/" + name);
        // the sleeps fork before the trap, so only the shell (and what it starts later) ignores TERM
        Spawned s = spawn(-1, "sleep 0.2; sleep 1000 & sleep 1000 & trap '' TERM; wait; sleep 1000");
        cg.place(s.pid());
        sleep(400);
        List<Integer> before = cg.pids();
        assertEquals(3, before.size(), before.toString());
        cg.killAll(Signal.SIGTERM, T);
        sleep(300);
        List<Integer> after = cg.pids();
        assertTrue(after.contains(s.pid()), after.toString());
        assertEquals(2, after.size(), "the sleeps died, the shell started a new one: " + after);
        assertFalse(s.hasEnded());
        assertEquals(FreezerState.THAWED, cg.freezerState(), "the freeze around signalling is undone");
        cg.killAll(Signal.SIGKILL, T);
        assertEquals(List.of(), cg.pids());
        assertEquals(ExitStatus.killed(Signal.SIGKILL), s.waitFor());
    }

    @Test
    void v2CgroupKillEmptiesTheUnifiedCgroup() throws Exception {
        CgroupLayout v2 = unifiedOnly();
        Cgroup cg = create(v2, "/" + name);
        assumeTrue(Files.exists(Path.of(cg.unifiedDirectory(), "cgroup.kill")), "no cgroup.kill (Linux < 5.14)");
        int fd = cg.openUnifiedDirectory();
        Spawned s;
        try {
            s = spawn(fd, "sleep 1000 & sleep 1000 & wait");
        } finally {
            Fs.close(fd);
        }
        sleep(100);
        assertEquals(3, cg.pids().size());
        cg.killAll(Signal.SIGKILL, T);
        assertEquals(List.of(), cg.pids());
        assertEquals(ExitStatus.killed(Signal.SIGKILL), s.waitFor());
    }

    @Test
    void deleteWaitsForKilledTasksAndRemovesNestedCgroups() throws Exception {
        Cgroup cg = create(layout, "/" + name);
        for (String d : cg.directories().values()) {
            Files.createDirectory(Path.of(d, "nested")); // as a container with a cgroup namespace would
        }
        Spawned s = spawn(-1, "exec sleep 1000");
        cg.place(s.pid());
        s.kill(Signal.SIGKILL);
        cg.delete(); // EBUSY until the task is gone, retried
        assertGone(cg);
        cgroups.remove(cg);
        s.waitFor();
    }

    @Test
    void aBusyCgroupIsReportedNotForgotten() throws Exception {
        Cgroup cg = create(layout, "/" + name);
        Spawned s = spawn(-1, "exec sleep 1000");
        cg.place(s.pid());
        CgroupException e = assertThrows(CgroupException.class, cg::delete);
        assertTrue(e.getMessage().startsWith("could not remove " + layout.joined().size() + " cgroup directories: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("EBUSY") && e.getMessage().contains("(processes [" + s.pid() + "] remain)"),
                e.getMessage());
        assertEquals(layout.joined().size(), cg.createdDirectories().size(), "still remembered for a later delete");
    }

    @Test
    void oomKillsAreCounted() throws Exception {
        Cgroup cg = create(layout, "/" + name);
        assumeTrue(cg.directoryOf("memory") != null);
        cg.apply(R.memory(32L << 20, null, null));
        assertEquals(0, cg.oomKills());
        // tail -c holds 100 MB: far over the 32 MB limit, and there is no swap to push it to
        Spawned s = spawn(-1, "sleep 0.2; head -c 100000000 /dev/zero | tail -c 100000000 >/dev/null; sleep 1000");
        cg.place(s.pid());
        for (int i = 0; i < 100 && cg.oomKills() == 0; i++) {
            sleep(50);
        }
        assertTrue(cg.oomKills() >= 1, "oom_kill in " + cg.directoryOf("memory"));
    }

    /**
     * A pure cgroup v2 view on a real kernel: in a private mount namespace every v1 mount goes and the
     * unified hierarchy is mounted at /sys/fs/cgroup, as on a v2 host; detection, creation,
     * CLONE_INTO_CGROUP, hugetlb, the device-rule refusal, freeze, stats, cgroup.kill and delete then run
     * on it. The directories are the host's unified hierarchy's, so the cleanup checks apply as usual.
     */
    @Test
    void pureV2MountInAPrivateMountNamespace() throws Exception {
        assumeTrue(layout.unified() != null, "no cgroup v2 hierarchy");
        NsThread.unshared(Clone.CLONE_NEWNS, () -> {
            List<String> mounts = new ArrayList<>();
            for (String line : Fs.readFile("/proc/thread-self/mountinfo").split("\n")) {
                String[] f = line.split(" ");
                if (f.length > 4 && (f[4].equals("/sys/fs/cgroup") || f[4].startsWith("/sys/fs/cgroup/"))) {
                    mounts.add(f[4]);
                }
            }
            mounts.sort(java.util.Comparator.comparing(String::length).reversed());
            for (String m : mounts) {
                Mounts.umount2(m, Mount.MNT_DETACH);
            }
            Mounts.mount("cgroup2", "/sys/fs/cgroup", "cgroup2", 0, null);
            CgroupLayout v2 = CgroupLayout.detect();
            assertEquals(CgroupLayout.Mode.V2, v2.mode());
            assertEquals("/sys/fs/cgroup", v2.unified().mountPoint());
            assertEquals(1, v2.joined().size());
            Cgroup cg = Cgroup.create(v2, "/" + name + "/c", name);
            try {
                assertEquals("/sys/fs/cgroup/" + name + "/c", cg.unifiedDirectory());
                CgroupException e = assertThrows(CgroupException.class, () -> cg.apply(R.devices(List.of(
                        new Resources.DeviceRule(false, null, null, null, "rwm")))));
                assertTrue(e.getMessage().contains("BPF_PROG_TYPE_CGROUP_DEVICE"), e.getMessage());
                if (v2.unified().has("hugetlb")) {
                    cg.apply(R.hugetlb("2MB", 2L << 20));
                    assertEquals(Long.toString(2L << 20), read(cg.unifiedDirectory(), "hugetlb.2MB.max"));
                }
                int fd = cg.openUnifiedDirectory();
                Spawned s;
                try {
                    s = spawn(fd, "sleep 1000 & wait");
                } finally {
                    Fs.close(fd);
                }
                assertTrue(Fs.readFile("/proc/" + s.pid() + "/cgroup").contains("0::/" + name + "/c\n"));
                sleep(100);
                assertEquals(2, cg.pids().size());
                cg.freeze(T);
                assertEquals(FreezerState.FROZEN, cg.freezerState());
                cg.thaw(T);
                assertTrue(cg.stats().cpu().usage().total() > 0);
                cg.killAll(Signal.SIGKILL, T);
                assertEquals(ExitStatus.killed(Signal.SIGKILL), s.waitFor());
            } finally {
                cg.delete();
            }
            assertFalse(Files.exists(Path.of("/sys/fs/cgroup/" + name)));
            return null;
        });
        assertEquals(List.of(), leftovers(name));
    }

    // ---- host facts ---------------------------------------------------------------------------------------

    @Test
    void systemdAndAccessOnThisHost() throws Exception {
        if (!SystemdCgroup.running()) {
            CgroupException e = assertThrows(CgroupException.class, SystemdCgroup::require);
            assertTrue(e.getMessage().startsWith("--systemd-cgroup: systemd is not running as the cgroup manager here"),
                    e.getMessage());
        }
        CgroupAccess access = CgroupAccess.check(layout, "/" + name, name);
        assertTrue(access.complete(), access.problems().toString());
        assertEquals(layout.joined().size(), access.writable().size());
    }
}
