package dev.berth.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.specs.Resources;
import dev.berth.syscall.Errno;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@code apply} and {@code update} write, in which order, and what they refuse, on recording fakes
 * of this VM (v1 + hugetlb on v2) and of a pure v2 host. The same mappings run against the real kernel
 * in {@link CgroupRootTest} where this host allows.
 */
class ResourcesTest {
    private FakeHost host;

    private Cgroup hybrid() throws CgroupException {
        host = FakeHosts.hybrid();
        Cgroup cg = Cgroup.create(host, FakeHosts.layout(host), "/c", "c");
        host.log.clear();
        return cg;
    }

    private Cgroup v2() throws CgroupException {
        host = FakeHosts.v2();
        Cgroup cg = Cgroup.create(host, FakeHosts.layout(host), "/c", "c");
        host.log.clear();
        return cg;
    }

    private List<String> writes(String hierarchyDir) {
        return host.writesTo(hierarchyDir);
    }

    // ---- memory -------------------------------------------------------------------------------------

    @Test
    void v1MemoryWritesSwapFirstWhenGrowingAndLimitFirstWhenShrinking() throws Exception {
        Cgroup cg = hybrid();
        cg.apply(R.memory(128L << 20, 64L << 20, 256L << 20));
        assertEquals(List.of("memory.limit_in_bytes=134217728", "memory.memsw.limit_in_bytes=268435456",
                "memory.soft_limit_in_bytes=67108864"), writes("/sys/fs/cgroup/memory/c"),
                "from unlimited: the limit first, memsw is unlimited");
        host.log.clear();
        cg.update(R.memory(512L << 20, null, 1024L << 20));
        assertEquals(List.of("memory.memsw.limit_in_bytes=1073741824", "memory.limit_in_bytes=536870912"),
                writes("/sys/fs/cgroup/memory/c"), "growing past the old memsw: memsw first");
        host.log.clear();
        cg.update(R.memory(128L << 20, null, 256L << 20));
        assertEquals(List.of("memory.limit_in_bytes=134217728", "memory.memsw.limit_in_bytes=268435456"),
                writes("/sys/fs/cgroup/memory/c"), "shrinking: the limit first");
    }

    @Test
    void v1UnlimitedMemoryLiftsSwapToo() throws Exception {
        Cgroup cg = hybrid();
        cg.apply(R.memory(-1L, null, null));
        assertEquals(List.of("memory.memsw.limit_in_bytes=-1", "memory.limit_in_bytes=-1"),
                writes("/sys/fs/cgroup/memory/c"));
    }

    @Test
    void v1MemoryKnobs() throws Exception {
        Cgroup cg = hybrid();
        List<String> warnings = cg.apply(R.memory(new Resources.Memory(null, null, null, 64L << 20, 32L << 20, 10L,
                true, true, null)));
        assertEquals(List.of("memory.kmem.limit_in_bytes=67108864", "memory.kmem.tcp.limit_in_bytes=33554432",
                "memory.swappiness=10", "memory.oom_control=1"), writes("/sys/fs/cgroup/memory/c"),
                "use_hierarchy is already 1: not rewritten");
        assertEquals(List.of(), warnings, "the fake keeps what is written");
    }

    @Test
    void v1KernelMemoryThatDoesNotStickIsAWarningNotASilence() throws Exception {
        Cgroup cg = hybrid();
        host.onWrite.put("/sys/fs/cgroup/memory/c/memory.kmem.limit_in_bytes", (p, v) -> { });
        List<String> warnings = cg.apply(R.memory(new Resources.Memory(null, null, null, 64L << 20, null, null, null,
                null, null)));
        assertEquals(List.of("linux.resources.memory.kernel 67108864 ignored: the kernel accepted the write to"
                + " /sys/fs/cgroup/memory/c/memory.kmem.limit_in_bytes but keeps 9223372036854771712 (kernel memory"
                + " limits are gone since Linux 5.16)"), warnings);
        host.files.remove("/sys/fs/cgroup/memory/c/memory.kmem.tcp.limit_in_bytes");
        warnings = cg.apply(R.memory(new Resources.Memory(null, null, null, null, 1L << 20, null, null, null, null)));
        assertEquals(1, warnings.size());
        assertTrue(warnings.getFirst().contains("does not exist on this kernel"), warnings.toString());
    }

    @Test
    void v2MemoryConvertsSwapAndChecksBeforeUpdate() throws Exception {
        Cgroup cg = v2();
        cg.apply(R.memory(512L << 20, 256L << 20, 1024L << 20));
        assertEquals(List.of("memory.swap.max=536870912", "memory.max=536870912", "memory.low=268435456"),
                writes("/sys/fs/cgroup/c"));
        host.log.clear();
        host.files.put("/sys/fs/cgroup/c/memory.max", "536870912");
        cg.update(R.memory(null, null, 768L << 20));
        assertEquals(List.of("memory.swap.max=268435456"), writes("/sys/fs/cgroup/c"),
                "swap alone is converted against the limit in force");
        host.files.put("/sys/fs/cgroup/c/memory.current", "300000000");
        Resources shrink = R.memory(new Resources.Memory(100_000_000L, null, null, null, null, null, null, null, true));
        CgroupException e = assertThrows(CgroupException.class, () -> cg.update(shrink));
        assertEquals("linux.resources.memory.limit 100000000 is below the current usage 300000000"
                + " (/sys/fs/cgroup/c/memory.current) and checkBeforeUpdate is set", e.getMessage());
        host.log.clear();
        cg.apply(R.memory(-1L, null, null));
        assertEquals(List.of("memory.swap.max=max", "memory.max=max"), writes("/sys/fs/cgroup/c"));
    }

    @Test
    void v2RefusesMemorySettingsItCannotRepresentBeforeWritingAnything() throws Exception {
        Cgroup cg = v2();
        for (Resources.Memory m : List.of(
                new Resources.Memory(1L << 30, null, null, null, null, 10L, null, null, null),
                new Resources.Memory(1L << 30, null, null, null, null, null, true, null, null),
                new Resources.Memory(1L << 30, null, null, null, null, null, null, false, null))) {
            CgroupException e = assertThrows(CgroupException.class, () -> cg.apply(R.memory(m)));
            assertTrue(e.getMessage().startsWith("linux.resources.memory."), e.getMessage());
        }
        assertEquals(List.of(), host.changes());
        List<String> warnings = cg.apply(R.memory(new Resources.Memory(null, null, null, 1L << 20, 1L << 20, -1L, false,
                true, null)));
        assertEquals(2, warnings.size(), "kernel limits have no v2 file: warned, not silently dropped");
    }

    @Test
    void memoryValueChecks() throws Exception {
        Cgroup cg = hybrid();
        assertThrows(CgroupException.class, () -> cg.apply(R.memory(new Resources.Memory(null, null, null, null, null,
                101L, null, null, null))));
        assertThrows(CgroupException.class, () -> cg.apply(R.memory(-2L, null, null)));
        host.files.remove("/sys/fs/cgroup/memory/c/memory.memsw.limit_in_bytes");
        CgroupException e = assertThrows(CgroupException.class, () -> cg.apply(R.memory(1L << 20, null, 2L << 20)));
        assertTrue(e.getMessage().contains("no swap accounting"), e.getMessage());
        assertEquals(List.of(), host.changes());
    }

    // ---- cpu ----------------------------------------------------------------------------------------

    @Test
    void v1CpuSharesQuotaPeriodBurstRealtimeIdleAndCpuset() throws Exception {
        Cgroup cg = hybrid();
        cg.apply(R.cpu(new Resources.Cpu(512L, 50_000L, 1000L, 100_000L, 9500L, 1_000_000L, "1", "0", 0L)));
        assertEquals(List.of("cpuset.cpus=1", "cpuset.mems=0"), writes("/sys/fs/cgroup/cpuset/c"));
        assertEquals(List.of("cpu.shares=512", "cpu.cfs_period_us=100000", "cpu.cfs_quota_us=50000",
                "cpu.cfs_burst_us=1000", "cpu.rt_period_us=1000000", "cpu.rt_runtime_us=9500", "cpu.idle=0"),
                writes("/sys/fs/cgroup/cpu/c"));
    }

    @Test
    void v1PeriodRefusedBeforeTheQuotaIsRetriedAfterIt() throws Exception {
        Cgroup cg = hybrid();
        host.failWrites.put("/sys/fs/cgroup/cpu/c/cpu.cfs_period_us", Errno.EINVAL);
        host.onWrite.put("/sys/fs/cgroup/cpu/c/cpu.cfs_quota_us", (p, v) -> host.failWrites.clear());
        cg.apply(R.cpu(null, 5000L, 10_000L));
        assertEquals(List.of("cpu.cfs_quota_us=5000", "cpu.cfs_period_us=10000"), writes("/sys/fs/cgroup/cpu/c"));
        host.failWrites.put("/sys/fs/cgroup/cpu/c/cpu.cfs_period_us", Errno.EINVAL);
        CgroupException e = assertThrows(CgroupException.class, () -> cg.apply(R.cpu(null, null, 10_000L)));
        assertEquals("linux.resources.cpu.period: writing 10000 to /sys/fs/cgroup/cpu/c/cpu.cfs_period_us: EINVAL"
                + " (Invalid argument)", e.getMessage());
    }

    @Test
    void v1SharesTheKernelClampsAreAnError() throws Exception {
        Cgroup cg = hybrid();
        host.onWrite.put("/sys/fs/cgroup/cpu/c/cpu.shares", (p, v) -> host.files.put(p, "262144"));
        CgroupException e = assertThrows(CgroupException.class, () -> cg.apply(R.cpu(1_000_000L, null, null)));
        assertEquals("linux.resources.cpu.shares 1000000: the kernel set 262144 in /sys/fs/cgroup/cpu/c/cpu.shares"
                + " (the range is 2 to 262144)", e.getMessage());
    }

    @Test
    void v2CpuWeightAndMaxKeepingTheHalfNotGiven() throws Exception {
        Cgroup cg = v2();
        cg.apply(R.cpu(new Resources.Cpu(1024L, 20_000L, 5000L, 50_000L, null, null, "0-1", "0", 1L)));
        assertEquals(List.of("cpuset.cpus=0-1", "cpuset.mems=0", "cpu.weight=100", "cpu.max=20000 50000",
                "cpu.max.burst=5000", "cpu.idle=1"), writes("/sys/fs/cgroup/c"));
        host.log.clear();
        cg.update(R.cpu(null, null, 80_000L));
        assertEquals(List.of("cpu.max=20000 80000"), writes("/sys/fs/cgroup/c"), "period alone keeps the quota");
        host.log.clear();
        cg.update(R.cpu(null, -1L, null));
        assertEquals(List.of("cpu.max=max 80000"), writes("/sys/fs/cgroup/c"));
    }

    @Test
    void v2RefusesRealtime() throws Exception {
        Cgroup cg = v2();
        CgroupException e = assertThrows(CgroupException.class, () -> cg.apply(R.cpu(new Resources.Cpu(512L, null,
                null, null, 950L, null, null, null, null))));
        assertTrue(e.getMessage().contains("cgroup v2 has no real-time group scheduling"), e.getMessage());
        assertEquals(List.of(), host.changes());
    }

    // ---- update ---------------------------------------------------------------------------------------

    @Test
    void dockerUpdateZerosLeaveEverythingElseAlone() throws Exception {
        Cgroup cg = hybrid();
        cg.update(R.dockerUpdate(256L << 20));
        assertEquals(List.of("write /sys/fs/cgroup/memory/c/memory.limit_in_bytes 268435456"), host.changes());
        host.log.clear();
        cg.update(R.dockerUpdate(0));
        assertEquals(List.of(), host.changes());
        Cgroup c2 = v2();
        c2.update(R.dockerUpdate(0));
        assertEquals(List.of(), host.changes());
    }

    @Test
    void updateRefusesDeviceRules() throws Exception {
        Cgroup cg = hybrid();
        CgroupException e = assertThrows(CgroupException.class, () -> cg.update(R.devices(List.of(
                new Resources.DeviceRule(false, "a", null, null, "rwm")))));
        assertTrue(e.getMessage().contains("cannot be changed by update"), e.getMessage());
    }

    // ---- pids, hugetlb, io, devices, network, unified --------------------------------------------------

    @Test
    void pids() throws Exception {
        Cgroup cg = hybrid();
        cg.apply(R.pids(64L));
        cg.apply(R.pids(-1L));
        cg.apply(R.pids(0L));
        assertEquals(List.of("pids.max=64", "pids.max=max"), writes("/sys/fs/cgroup/pids/c"));
    }

    @Test
    void hugetlbGoesWhereTheControllerIsHereTheUnifiedSide() throws Exception {
        Cgroup cg = hybrid();
        cg.apply(R.hugetlb("2MB", 4L << 20));
        assertEquals(List.of("hugetlb.2MB.max=4194304", "hugetlb.2MB.rsvd.max=4194304"),
                writes("/sys/fs/cgroup/unified/c"));
        CgroupException e = assertThrows(CgroupException.class, () -> cg.apply(R.hugetlb("3MB", 1)));
        assertEquals("linux.resources.hugepageLimits: page size 3MB is not one this kernel has [2MB, 1GB]"
                + " (/sys/kernel/mm/hugepages)", e.getMessage());
        assertEquals("2MB", HugetlbLimits.pageSizeName("hugepages-2048kB"));
        assertEquals("1GB", HugetlbLimits.pageSizeName("hugepages-1048576kB"));
        assertEquals("64KB", HugetlbLimits.pageSizeName("hugepages-64kB"));
        assertEquals(null, HugetlbLimits.pageSizeName("other"));
    }

    @Test
    void v1BlkioUnderBfqAndV2Io() throws Exception {
        Resources.BlockIo b = new Resources.BlockIo(500, null, List.of(new Resources.WeightDevice(8, 0, 300, null)),
                List.of(new Resources.ThrottleDevice(8, 0, 1_048_576)), List.of(new Resources.ThrottleDevice(8, 0, 0)),
                List.of(new Resources.ThrottleDevice(8, 0, 100)), List.of(new Resources.ThrottleDevice(8, 0, 200)));
        Cgroup cg = hybrid();
        cg.apply(R.blockIo(b));
        assertEquals(List.of("blkio.bfq.weight=500", "blkio.bfq.weight_device=8:0 300",
                "blkio.throttle.read_bps_device=8:0 1048576", "blkio.throttle.write_bps_device=8:0 0",
                "blkio.throttle.read_iops_device=8:0 100", "blkio.throttle.write_iops_device=8:0 200"),
                writes("/sys/fs/cgroup/blkio/c"));
        Cgroup c2 = v2();
        c2.apply(R.blockIo(b));
        assertEquals(List.of("io.weight=default 4950", "io.weight=8:0 2930", "io.max=8:0 rbps=1048576",
                "io.max=8:0 wbps=max", "io.max=8:0 riops=100", "io.max=8:0 wiops=200"), writes("/sys/fs/cgroup/c"));
    }

    @Test
    void v1DeviceRulesInOrder() throws Exception {
        Cgroup cg = hybrid();
        cg.apply(R.devices(List.of(new Resources.DeviceRule(false, null, null, null, null),
                new Resources.DeviceRule(true, "c", 1L, 3L, "rwm"), new Resources.DeviceRule(true, "c", 136L, null,
                        "rw"))));
        assertEquals(List.of("devices.deny=a *:* rwm", "devices.allow=c 1:3 rwm", "devices.allow=c 136:* rw"),
                writes("/sys/fs/cgroup/devices/c"));
        assertThrows(CgroupException.class, () -> cg.apply(R.devices(List.of(new Resources.DeviceRule(true, "x", null,
                null, null)))));
        assertThrows(CgroupException.class, () -> cg.apply(R.devices(List.of(new Resources.DeviceRule(true, "c", null,
                null, "rx")))));
    }

    @Test
    void v2DeviceRulesAreRefusedNotDropped() throws Exception {
        Cgroup cg = v2();
        CgroupException e = assertThrows(CgroupException.class, () -> cg.apply(new Resources(List.of(
                new Resources.DeviceRule(false, null, null, null, "rwm")), null, null, new Resources.Pids(10L), null,
                null, null, null, null)));
        assertEquals("linux.resources.devices: 1 device rules cannot be enforced on cgroup v2 (/sys/fs/cgroup/c): that"
                + " needs a BPF_PROG_TYPE_CGROUP_DEVICE program, which Berth does not load yet; refusing rather than"
                + " running without them", e.getMessage());
        assertEquals(List.of(), host.changes(), "the pids limit was not written either");
    }

    @Test
    void networkControllersThatAreNotMountedAreRefused() throws Exception {
        Cgroup cg = hybrid();
        CgroupException e = assertThrows(CgroupException.class, () -> cg.apply(R.network(new Resources.Network(7L,
                null))));
        assertTrue(e.getMessage().startsWith("linux.resources.network.classID: no net_cls hierarchy is mounted"),
                e.getMessage());
        CgroupException rdma = assertThrows(CgroupException.class, () -> cg.apply(new Resources(null, null, null, null,
                null, null, null, Map.of("mlx5_0", new Resources.Rdma(3L, null)), null)));
        assertTrue(rdma.getMessage().startsWith("linux.resources.rdma: the rdma controller is not available on this"
                + " host (no cgroup v1 hierarchy has it mounted, not in /sys/fs/cgroup/unified/cgroup.controllers"
                + " [hugetlb])"), rdma.getMessage());
        Cgroup c2 = v2();
        c2.apply(new Resources(null, null, null, null, null, null, null, Map.of("mlx5_0", new Resources.Rdma(3L, 9L)),
                null));
        assertEquals(List.of("rdma.max=mlx5_0 hca_handle=3 hca_object=9"), writes("/sys/fs/cgroup/c"));
    }

    @Test
    void unifiedKeysOnHybridV1AndV2() throws Exception {
        Cgroup cg = hybrid();
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("hugetlb.1GB.max", "0");
        cg.apply(R.unified(kv));
        assertEquals(List.of("hugetlb.1GB.max=0"), writes("/sys/fs/cgroup/unified/c"));
        CgroupException e = assertThrows(CgroupException.class, () -> cg.apply(R.unified(Map.of("memory.high", "1G"))));
        assertEquals("linux.resources.unified[\"memory.high\"]: the memory controller is on cgroup v1 here"
                + " (/sys/fs/cgroup/memory/c), not under /sys/fs/cgroup/unified/c", e.getMessage());
        assertThrows(CgroupException.class, () -> cg.apply(R.unified(Map.of("../escape", "1"))));
        assertThrows(CgroupException.class, () -> cg.apply(R.unified(Map.of("cgroup.procs", "1"))));

        FakeHost v1host = FakeHosts.hybrid();
        Cgroup v1 = Cgroup.create(v1host, FakeHosts.layout(v1host).only(h -> !h.unified()), "/c", "c");
        e = assertThrows(CgroupException.class, () -> v1.apply(R.unified(Map.of("memory.high", "1G"))));
        assertEquals("linux.resources.unified[\"memory.high\"]: this host has only cgroup v1 hierarchies (the memory"
                + " controller is at /sys/fs/cgroup/memory/c); unified settings need cgroup v2", e.getMessage());

        Cgroup c2 = v2();
        c2.apply(new Resources(null, new Resources.Memory(1L << 30, null, null, null, null, null, null, null, null),
                null, null, null, null, null, null, Map.of("memory.max", "2147483648")));
        assertEquals(List.of("memory.max=1073741824", "memory.max=2147483648"), writes("/sys/fs/cgroup/c"),
                "unified comes last and overrides");
        e = assertThrows(CgroupException.class, () -> c2.apply(R.unified(Map.of("memory.nonexistent", "1"))));
        assertEquals("linux.resources.unified[\"memory.nonexistent\"]: writing 1 to /sys/fs/cgroup/c/memory.nonexistent:"
                + " ENOENT (No such file or directory)", e.getMessage());
    }

    @Test
    void aWriteFailureNamesFieldFileValueAndErrno() throws Exception {
        Cgroup cg = hybrid();
        host.failWrites.put("/sys/fs/cgroup/memory/c/memory.limit_in_bytes", Errno.EINVAL);
        CgroupException e = assertThrows(CgroupException.class, () -> cg.apply(R.memory(512L << 20, null, null)));
        assertEquals("linux.resources.memory.limit: writing 536870912 to /sys/fs/cgroup/memory/c/memory.limit_in_bytes:"
                + " EINVAL (Invalid argument)", e.getMessage());
        assertEquals(Errno.EINVAL, e.errno());
    }

    @Test
    void controllersMissingFromTheHostAreNamed() throws Exception {
        FakeHost h = FakeHosts.hybrid();
        Cgroup cg = Cgroup.create(h, FakeHosts.layout(h).only(x -> !x.has("pids")), "/c", "c");
        CgroupException e = assertThrows(CgroupException.class, () -> cg.apply(R.pids(5L)));
        assertEquals("linux.resources.pids.limit: the pids controller is not available on this host (no cgroup v1"
                + " hierarchy has it mounted, not in /sys/fs/cgroup/unified/cgroup.controllers [hugetlb])",
                e.getMessage());
    }
}
