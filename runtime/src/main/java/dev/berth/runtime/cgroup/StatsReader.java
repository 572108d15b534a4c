package dev.berth.runtime.cgroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads {@link CgroupStats} from the files of whichever hierarchy serves each controller, the way
 * runc's cgroup managers fill {@code cgroups.Stats}: v1 {@code cpuacct.*}, {@code cpu.stat},
 * {@code cpuset.*}, {@code memory.*}, {@code pids.*}, {@code blkio.*}, {@code hugetlb.*}; v2
 * {@code cpu.stat}, {@code memory.*}, {@code pids.*}, {@code io.stat}, {@code hugetlb.*}. A missing file
 * reads as 0: a controller may be absent or the kernel may not have that counter.
 */
final class StatsReader {
    /** USER_HZ, the unit of {@code cpuacct.stat}: 100 on every Linux architecture's ABI. */
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100;
    private static final long MAX_UINT64 = -1L;

    private final Target t;

    private StatsReader(Target t) {
        this.t = t;
    }

    static CgroupStats read(Target t) throws CgroupException {
        StatsReader r = new StatsReader(t);
        return new CgroupStats(r.cpu(), r.cpuset(), r.memory(), r.pids(), r.blkio(), r.hugetlb());
    }

    private String dirIf(String controller, boolean v2) {
        Hierarchy h = t.hierarchy(controller);
        return h != null && h.unified() == v2 ? t.dir(h) : null;
    }

    private String unifiedDir() {
        Hierarchy u = t.layout.unified();
        return u == null ? null : t.dir(u);
    }

    private long num(String dir, String file) throws CgroupException {
        String s = t.readIfExists(dir, file);
        if (s == null || s.isEmpty()) {
            return 0;
        }
        return s.equals("max") ? MAX_UINT64 : Long.parseUnsignedLong(s.split("\\s+")[0]);
    }

    /** {@code key value} lines as a sorted map; null when the file is missing. */
    private SortedMap<String, Long> keyed(String dir, String file) throws CgroupException {
        String s = dir == null ? null : t.readIfExists(dir, file);
        if (s == null) {
            return null;
        }
        SortedMap<String, Long> out = new TreeMap<>();
        for (String line : s.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2) {
                try {
                    out.put(f[0], f[1].equals("max") ? MAX_UINT64 : Long.parseUnsignedLong(f[1]));
                } catch (NumberFormatException ignored) {
                    // a non-numeric line (such as a header) is not a counter
                }
            }
        }
        return out;
    }

    private static long get(Map<String, Long> m, String key) {
        return m == null ? 0 : m.getOrDefault(key, 0L);
    }

    private CgroupStats.Cpu cpu() throws CgroupException {
        String acct = dirIf("cpuacct", false);
        if (acct != null) {
            List<Long> percpu = longs(t.readIfExists(acct, "cpuacct.usage_percpu"));
            List<Long> user = new ArrayList<>();
            List<Long> kernel = new ArrayList<>();
            String all = t.readIfExists(acct, "cpuacct.usage_all");
            if (all != null) {
                for (String line : all.split("\n")) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length == 3 && !f[0].equals("cpu")) {
                        user.add(Long.parseUnsignedLong(f[1]));
                        kernel.add(Long.parseUnsignedLong(f[2]));
                    }
                }
            }
            Map<String, Long> ticks = keyed(acct, "cpuacct.stat");
            CgroupStats.CpuUsage usage = new CgroupStats.CpuUsage(num(acct, "cpuacct.usage"), percpu, kernel, user,
                    get(ticks, "system") * NANOS_PER_TICK, get(ticks, "user") * NANOS_PER_TICK);
            Map<String, Long> stat = keyed(dirIf("cpu", false), "cpu.stat");
            return new CgroupStats.Cpu(usage, new CgroupStats.Throttling(get(stat, "nr_periods"),
                    get(stat, "nr_throttled"), get(stat, "throttled_time")));
        }
        Map<String, Long> stat = keyed(unifiedDir(), "cpu.stat");
        CgroupStats.CpuUsage usage = new CgroupStats.CpuUsage(get(stat, "usage_usec") * 1000, List.of(), List.of(),
                List.of(), get(stat, "system_usec") * 1000, get(stat, "user_usec") * 1000);
        return new CgroupStats.Cpu(usage, new CgroupStats.Throttling(get(stat, "nr_periods"), get(stat, "nr_throttled"),
                get(stat, "throttled_usec") * 1000));
    }

    private static List<Long> longs(String s) {
        List<Long> out = new ArrayList<>();
        if (s != null) {
            for (String f : s.trim().split("\\s+")) {
                if (!f.isEmpty()) {
                    out.add(Long.parseUnsignedLong(f));
                }
            }
        }
        return out;
    }

    private CgroupStats.CpuSet cpuset() throws CgroupException {
        String v1 = dirIf("cpuset", false);
        if (v1 != null) {
            return new CgroupStats.CpuSet(list(v1, "cpuset.cpus"), num(v1, "cpuset.cpu_exclusive"),
                    list(v1, "cpuset.mems"), num(v1, "cpuset.mem_hardwall"), num(v1, "cpuset.mem_exclusive"),
                    num(v1, "cpuset.memory_migrate"), num(v1, "cpuset.memory_spread_page"),
                    num(v1, "cpuset.memory_spread_slab"), num(v1, "cpuset.memory_pressure"),
                    num(v1, "cpuset.sched_load_balance"), signed(v1, "cpuset.sched_relax_domain_level"));
        }
        String v2 = dirIf("cpuset", true);
        List<Integer> cpus = v2 == null ? List.of() : list(v2, "cpuset.cpus.effective");
        List<Integer> mems = v2 == null ? List.of() : list(v2, "cpuset.mems.effective");
        return new CgroupStats.CpuSet(cpus, 0, mems, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private List<Integer> list(String dir, String file) throws CgroupException {
        String s = t.readIfExists(dir, file);
        return s == null ? List.of() : Convert.parseList(s);
    }

    private long signed(String dir, String file) throws CgroupException {
        String s = t.readIfExists(dir, file);
        return s == null || s.isEmpty() ? 0 : Long.parseLong(s);
    }

    private CgroupStats.Memory memory() throws CgroupException {
        String v1 = dirIf("memory", false);
        if (v1 != null) {
            SortedMap<String, Long> raw = keyed(v1, "memory.stat");
            return new CgroupStats.Memory(get(raw, "cache"), entryV1(v1, "memory"), entryV1(v1, "memory.memsw"),
                    entryV1(v1, "memory.kmem"), entryV1(v1, "memory.kmem.tcp"), raw == null ? new TreeMap<>() : raw);
        }
        String v2 = dirIf("memory", true);
        if (v2 == null) {
            return new CgroupStats.Memory(0, CgroupStats.MemoryEntry.EMPTY, CgroupStats.MemoryEntry.EMPTY,
                    CgroupStats.MemoryEntry.EMPTY, CgroupStats.MemoryEntry.EMPTY, new TreeMap<>());
        }
        SortedMap<String, Long> raw = keyed(v2, "memory.stat");
        long usage = num(v2, "memory.current");
        long limit = num(v2, "memory.max");
        long peak = num(v2, "memory.peak");
        CgroupStats.MemoryEntry mem = new CgroupStats.MemoryEntry(limit, usage, peak,
                get(keyed(v2, "memory.events"), "max"));
        CgroupStats.MemoryEntry swap = CgroupStats.MemoryEntry.EMPTY;
        if (t.exists(v2, "memory.swap.current")) {
            long swapLimit = num(v2, "memory.swap.max");
            swap = new CgroupStats.MemoryEntry(
                    swapLimit == MAX_UINT64 || limit == MAX_UINT64 ? MAX_UINT64 : swapLimit + limit,
                    num(v2, "memory.swap.current") + usage,
                    t.exists(v2, "memory.swap.peak") ? num(v2, "memory.swap.peak") + peak : 0,
                    get(keyed(v2, "memory.swap.events"), "max"));
        }
        return new CgroupStats.Memory(get(raw, "file"), mem, swap, CgroupStats.MemoryEntry.EMPTY,
                CgroupStats.MemoryEntry.EMPTY, raw == null ? new TreeMap<>() : raw);
    }

    private CgroupStats.MemoryEntry entryV1(String dir, String prefix) throws CgroupException {
        if (!t.exists(dir, prefix + ".limit_in_bytes")) {
            return CgroupStats.MemoryEntry.EMPTY;
        }
        return new CgroupStats.MemoryEntry(num(dir, prefix + ".limit_in_bytes"), num(dir, prefix + ".usage_in_bytes"),
                num(dir, prefix + ".max_usage_in_bytes"), num(dir, prefix + ".failcnt"));
    }

    private CgroupStats.Pids pids() throws CgroupException {
        Hierarchy h = t.hierarchy("pids");
        if (h == null) {
            return new CgroupStats.Pids(0, 0);
        }
        String dir = t.dir(h);
        long max = num(dir, "pids.max");
        return new CgroupStats.Pids(num(dir, "pids.current"), max == MAX_UINT64 ? 0 : max);
    }

    /**
     * v1: the first group of files that has entries, in runc's order (bfq, cfq, throttle recursive,
     * throttle); v2: {@code io.stat}.
     */
    private CgroupStats.Blkio blkio() throws CgroupException {
        String v1 = dirIf("blkio", false);
        if (v1 != null) {
            String[][] groups = {
                {"blkio.bfq.io_service_bytes_recursive", "blkio.bfq.io_serviced_recursive"},
                {"blkio.io_service_bytes_recursive", "blkio.io_serviced_recursive", "blkio.io_queued_recursive",
                    "blkio.io_service_time_recursive", "blkio.io_wait_time_recursive", "blkio.io_merged_recursive",
                    "blkio.time_recursive", "blkio.sectors_recursive"},
                {"blkio.throttle.io_service_bytes_recursive", "blkio.throttle.io_serviced_recursive"},
                {"blkio.throttle.io_service_bytes", "blkio.throttle.io_serviced"},
            };
            for (String[] g : groups) {
                List<CgroupStats.BlkioEntry> first = blkioEntries(v1, g[0]);
                if (first.isEmpty()) {
                    continue;
                }
                List<List<CgroupStats.BlkioEntry>> lists = new ArrayList<>();
                lists.add(first);
                for (int i = 1; i < g.length; i++) {
                    lists.add(blkioEntries(v1, g[i]));
                }
                if (g.length == 8) {
                    return new CgroupStats.Blkio(lists.get(0), lists.get(1), lists.get(2), lists.get(3), lists.get(4),
                            lists.get(5), lists.get(6), lists.get(7));
                }
                return new CgroupStats.Blkio(lists.get(0), lists.get(1), List.of(), List.of(), List.of(), List.of(),
                        List.of(), List.of());
            }
            return CgroupStats.Blkio.EMPTY;
        }
        String v2 = dirIf("io", true);
        String stat = v2 == null ? null : t.readIfExists(v2, "io.stat");
        if (stat == null) {
            return CgroupStats.Blkio.EMPTY;
        }
        List<CgroupStats.BlkioEntry> bytes = new ArrayList<>();
        List<CgroupStats.BlkioEntry> ios = new ArrayList<>();
        for (String line : stat.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2 || !f[0].contains(":")) {
                continue;
            }
            long major = Long.parseLong(f[0].substring(0, f[0].indexOf(':')));
            long minor = Long.parseLong(f[0].substring(f[0].indexOf(':') + 1));
            for (int i = 1; i < f.length; i++) {
                int eq = f[i].indexOf('=');
                if (eq < 0) {
                    continue;
                }
                long v = Long.parseUnsignedLong(f[i].substring(eq + 1));
                switch (f[i].substring(0, eq)) {
                    case "rbytes" -> bytes.add(new CgroupStats.BlkioEntry(major, minor, "Read", v));
                    case "wbytes" -> bytes.add(new CgroupStats.BlkioEntry(major, minor, "Write", v));
                    case "rios" -> ios.add(new CgroupStats.BlkioEntry(major, minor, "Read", v));
                    case "wios" -> ios.add(new CgroupStats.BlkioEntry(major, minor, "Write", v));
                    default -> { }
                }
            }
        }
        return new CgroupStats.Blkio(bytes, ios, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** Lines {@code MAJ:MIN OP VALUE} or {@code MAJ:MIN VALUE}; the {@code Total} line is left out. */
    private List<CgroupStats.BlkioEntry> blkioEntries(String dir, String file) throws CgroupException {
        List<CgroupStats.BlkioEntry> out = new ArrayList<>();
        String s = t.readIfExists(dir, file);
        if (s == null) {
            return out;
        }
        for (String line : s.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2 || !f[0].contains(":")) {
                continue;
            }
            long major = Long.parseLong(f[0].substring(0, f[0].indexOf(':')));
            long minor = Long.parseLong(f[0].substring(f[0].indexOf(':') + 1));
            if (f.length == 3) {
                out.add(new CgroupStats.BlkioEntry(major, minor, f[1], Long.parseUnsignedLong(f[2])));
            } else {
                out.add(new CgroupStats.BlkioEntry(major, minor, "", Long.parseUnsignedLong(f[1])));
            }
        }
        return out;
    }

    private SortedMap<String, CgroupStats.Hugetlb> hugetlb() throws CgroupException {
        SortedMap<String, CgroupStats.Hugetlb> out = new TreeMap<>();
        Hierarchy h = t.hierarchy("hugetlb");
        if (h == null) {
            return out;
        }
        String dir = t.dir(h);
        for (String size : t.hugePageSizes()) {
            String p = "hugetlb." + size;
            if (h.unified()) {
                out.put(size, new CgroupStats.Hugetlb(num(dir, p + ".current"), 0,
                        get(keyed(dir, p + ".events"), "max")));
            } else {
                out.put(size, new CgroupStats.Hugetlb(num(dir, p + ".usage_in_bytes"),
                        num(dir, p + ".max_usage_in_bytes"), num(dir, p + ".failcnt")));
            }
        }
        return out;
    }
}
