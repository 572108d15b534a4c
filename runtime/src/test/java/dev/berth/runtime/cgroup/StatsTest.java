package dev.berth.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Stats read from cgroup files and printed as runc's {@code events --stats} JSON. */
class StatsTest {
    private static final String FIXTURE = "runc-stats-v1/";

    /** The cgroup files of a paused runc container on this VM, where runc had put them. */
    private static FakeHost runcContainer() {
        FakeHost h = FakeHosts.hybrid();
        for (String f : FakeHost.resource(FIXTURE + "files.txt").split("\n")) {
            String hierarchy = f.substring(0, f.indexOf('/'));
            h.fixture("/sys/fs/cgroup/" + hierarchy + "/berth-runc-ref/" + f.substring(f.indexOf('/') + 1), FIXTURE + f);
        }
        return h;
    }

    @Test
    void v1StatsPrintExactlyWhatRuncPrintedForTheSameFiles() throws Exception {
        FakeHost h = runcContainer();
        // runc 1.1's v1 manager does not look at the unified hierarchy, so hugetlb (v2 here) was {}.
        CgroupLayout v1 = FakeHosts.layout(h).only(x -> !x.unified());
        List<String> dirs = new ArrayList<>();
        for (Hierarchy x : v1.joined()) {
            dirs.add(x.mountPoint() + "/berth-runc-ref");
        }
        Cgroup cg = Cgroup.load(h, v1, new Cgroup.Saved(dirs, List.of()));
        CgroupStats s = cg.stats();
        assertEquals(50, s.pids().limit());
        assertEquals(List.of(0, 1), s.cpuset().cpus());
        assertEquals(FakeHost.resource(FIXTURE + "events.json"), StatsJson.event("berth-ref", s));
    }

    @Test
    void onThisHostHugetlbComesFromTheUnifiedSide() throws Exception {
        FakeHost h = FakeHosts.hybrid();
        Cgroup cg = Cgroup.create(h, FakeHosts.layout(h), "/c", "c");
        h.file("/sys/fs/cgroup/unified/c/hugetlb.2MB.current", "4194304\n");
        h.file("/sys/fs/cgroup/unified/c/hugetlb.2MB.events", "max 3\n");
        CgroupStats s = cg.stats();
        assertEquals(new CgroupStats.Hugetlb(4194304, 0, 3), s.hugetlb().get("2MB"));
        assertEquals(new CgroupStats.Hugetlb(0, 0, 0), s.hugetlb().get("1GB"));
        String json = StatsJson.data(s);
        assertEquals(true, json.contains("\"hugetlb\":{\"1GB\":{\"failcnt\":0},\"2MB\":{\"usage\":4194304,\"failcnt\":3}}"),
                json);
    }

    @Test
    void v2StatsFromCpuStatMemoryAndIoStat() throws Exception {
        FakeHost h = FakeHosts.v2();
        Cgroup cg = Cgroup.create(h, FakeHosts.layout(h), "/c", "c");
        String d = "/sys/fs/cgroup/c/";
        h.file(d + "cpu.stat", "usage_usec 2500\nuser_usec 2000\nsystem_usec 500\nnr_periods 10\nnr_throttled 2\n"
                + "throttled_usec 70\n");
        h.file(d + "memory.current", "1048576\n").file(d + "memory.max", "max\n").file(d + "memory.peak", "2097152\n");
        h.file(d + "memory.stat", "anon 900000\nfile 4096\n").file(d + "memory.events", "low 0\nhigh 0\nmax 5\noom 1\n");
        h.file(d + "memory.swap.current", "4096\n").file(d + "memory.swap.max", "max\n");
        h.file(d + "pids.current", "3\n").file(d + "pids.max", "64\n");
        h.file(d + "io.stat", "254:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n");
        h.file(d + "cpuset.cpus.effective", "0-1\n").file(d + "cpuset.mems.effective", "0\n");
        CgroupStats s = cg.stats();
        assertEquals(new CgroupStats.CpuUsage(2_500_000, List.of(), List.of(), List.of(), 500_000, 2_000_000),
                s.cpu().usage());
        assertEquals(new CgroupStats.Throttling(10, 2, 70_000), s.cpu().throttling());
        assertEquals(new CgroupStats.MemoryEntry(-1, 1048576, 2097152, 5), s.memory().usage());
        assertEquals(new CgroupStats.MemoryEntry(-1, 1048576 + 4096, 0, 0), s.memory().swap());
        assertEquals(4096, s.memory().cache());
        assertEquals(new CgroupStats.Pids(3, 64), s.pids());
        assertEquals(List.of(new CgroupStats.BlkioEntry(254, 0, "Read", 4096),
                new CgroupStats.BlkioEntry(254, 0, "Write", 8192)), s.blkio().ioServiceBytesRecursive());
        assertEquals(List.of(0, 1), s.cpuset().cpus());
        assertEquals("{\"cpu\":{\"usage\":{\"total\":2500000,\"kernel\":500000,\"user\":2000000},\"throttling\":{"
                + "\"periods\":10,\"throttledPeriods\":2,\"throttledTime\":70000}},\"cpuset\":{\"cpus\":[0,1],"
                + "\"cpu_exclusive\":0,\"mems\":[0],\"mem_hardwall\":0,\"mem_exclusive\":0,\"memory_migrate\":0,"
                + "\"memory_spread_page\":0,\"memory_spread_slab\":0,\"memory_pressure\":0,\"sched_load_balance\":0,"
                + "\"sched_relax_domain_level\":0},\"memory\":{\"cache\":4096,\"usage\":{\"limit\":18446744073709551615,"
                + "\"usage\":1048576,\"max\":2097152,\"failcnt\":5},\"swap\":{\"limit\":18446744073709551615,"
                + "\"usage\":1052672,\"failcnt\":0},\"kernel\":{\"limit\":0,\"failcnt\":0},\"kernelTCP\":{\"limit\":0,"
                + "\"failcnt\":0},\"raw\":{\"anon\":900000,\"file\":4096}},\"pids\":{\"current\":3,\"limit\":64},"
                + "\"blkio\":{\"ioServiceBytesRecursive\":[{\"major\":254,\"op\":\"Read\",\"value\":4096},{\"major\":254,"
                + "\"op\":\"Write\",\"value\":8192}],\"ioServicedRecursive\":[{\"major\":254,\"op\":\"Read\",\"value\":1},"
                + "{\"major\":254,\"op\":\"Write\",\"value\":2}]},\"hugetlb\":{\"1GB\":{\"failcnt\":0},\"2MB\":{"
                + "\"failcnt\":0}},\"intel_rdt\":{},\"network_interfaces\":null}", StatsJson.data(s));
    }

    @Test
    void stringsAreEscapedAsGoDoes() {
        CgroupStats empty = new CgroupStats(new CgroupStats.Cpu(new CgroupStats.CpuUsage(0, List.of(), List.of(),
                List.of(), 0, 0), new CgroupStats.Throttling(0, 0, 0)), new CgroupStats.CpuSet(List.of(), 0, List.of(),
                0, 0, 0, 0, 0, 0, 0, -1), new CgroupStats.Memory(0, CgroupStats.MemoryEntry.EMPTY,
                CgroupStats.MemoryEntry.EMPTY, CgroupStats.MemoryEntry.EMPTY, CgroupStats.MemoryEntry.EMPTY,
                new TreeMap<>()), new CgroupStats.Pids(0, 0), CgroupStats.Blkio.EMPTY, new TreeMap<>());
        String line = StatsJson.event("a\"b<c>&\u0001\u2028", empty);
        assertEquals("{\"type\":\"stats\",\"id\":\"a\\\"b\\u003cc\\u003e\\u0026\\u0001\\u2028\",\"data\":{\"cpu\":{"
                + "\"usage\":{\"kernel\":0,\"user\":0},\"throttling\":{}},\"cpuset\":{\"cpu_exclusive\":0,"
                + "\"mem_hardwall\":0,\"mem_exclusive\":0,\"memory_migrate\":0,\"memory_spread_page\":0,"
                + "\"memory_spread_slab\":0,\"memory_pressure\":0,\"sched_load_balance\":0,\"sched_relax_domain_level\":-1},"
                + "\"memory\":{\"usage\":{\"limit\":0,\"failcnt\":0},\"swap\":{\"limit\":0,\"failcnt\":0},\"kernel\":{"
                + "\"limit\":0,\"failcnt\":0},\"kernelTCP\":{\"limit\":0,\"failcnt\":0}},\"pids\":{},\"blkio\":{},"
                + "\"hugetlb\":{},\"intel_rdt\":{},\"network_interfaces\":null}}\n", line);
    }
}
