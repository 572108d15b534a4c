package dev.berth.runtime.cgroup;

import java.util.List;
import java.util.Map;

/**
 * {@link CgroupStats} as the JSON line {@code runc events --stats} prints:
 * {@code {"type":"stats","id":ID,"data":{...}}} with runc's {@code types.Stats} field names, order and
 * {@code omitempty} rules (a zero number or empty list is left out where runc leaves it out; nested
 * objects are always present), numbers unsigned, and strings escaped as Go's encoder does (HTML-safe).
 * Matches runc 1.1's output; the PSI and memory event fields of later runc versions are not produced.
 */
public final class StatsJson {
    private final StringBuilder b = new StringBuilder();

    private StatsJson() {}

    /** The whole event line, newline-terminated as Go's {@code json.Encoder} writes it. */
    public static String event(String id, CgroupStats s) {
        StatsJson j = new StatsJson();
        j.b.append("{\"type\":\"stats\",\"id\":");
        j.string(id);
        j.b.append(",\"data\":");
        j.stats(s);
        return j.b.append("}\n").toString();
    }

    /** Just the {@code data} object. */
    public static String data(CgroupStats s) {
        StatsJson j = new StatsJson();
        j.stats(s);
        return j.b.toString();
    }

    private void stats(CgroupStats s) {
        b.append("{\"cpu\":{\"usage\":{");
        Sep c = new Sep();
        CgroupStats.CpuUsage u = s.cpu().usage();
        num(c, "total", u.total(), true);
        longs(c, "percpu", u.percpu());
        longs(c, "percpu_kernel", u.percpuKernel());
        longs(c, "percpu_user", u.percpuUser());
        num(c, "kernel", u.kernel(), false);
        num(c, "user", u.user(), false);
        b.append("},\"throttling\":{");
        c = new Sep();
        CgroupStats.Throttling th = s.cpu().throttling();
        num(c, "periods", th.periods(), true);
        num(c, "throttledPeriods", th.throttledPeriods(), true);
        num(c, "throttledTime", th.throttledTime(), true);
        b.append("}},\"cpuset\":{");
        c = new Sep();
        CgroupStats.CpuSet cs = s.cpuset();
        ints(c, "cpus", cs.cpus());
        num(c, "cpu_exclusive", cs.cpuExclusive(), false);
        ints(c, "mems", cs.mems());
        num(c, "mem_hardwall", cs.memHardwall(), false);
        num(c, "mem_exclusive", cs.memExclusive(), false);
        num(c, "memory_migrate", cs.memoryMigrate(), false);
        num(c, "memory_spread_page", cs.memorySpreadPage(), false);
        num(c, "memory_spread_slab", cs.memorySpreadSlab(), false);
        num(c, "memory_pressure", cs.memoryPressure(), false);
        num(c, "sched_load_balance", cs.schedLoadBalance(), false);
        c.next();
        b.append("\"sched_relax_domain_level\":").append(cs.schedRelaxDomainLevel());
        b.append("},\"memory\":{");
        c = new Sep();
        CgroupStats.Memory m = s.memory();
        num(c, "cache", m.cache(), true);
        entry(c, "usage", m.usage());
        entry(c, "swap", m.swap());
        entry(c, "kernel", m.kernel());
        entry(c, "kernelTCP", m.kernelTcp());
        if (!m.raw().isEmpty()) {
            c.next();
            b.append("\"raw\":{");
            Sep r = new Sep();
            for (Map.Entry<String, Long> e : m.raw().entrySet()) {
                r.next();
                string(e.getKey());
                b.append(':').append(Long.toUnsignedString(e.getValue()));
            }
            b.append('}');
        }
        b.append("},\"pids\":{");
        c = new Sep();
        num(c, "current", s.pids().current(), true);
        num(c, "limit", s.pids().limit(), true);
        b.append("},\"blkio\":{");
        c = new Sep();
        CgroupStats.Blkio io = s.blkio();
        blkio(c, "ioServiceBytesRecursive", io.ioServiceBytesRecursive());
        blkio(c, "ioServicedRecursive", io.ioServicedRecursive());
        blkio(c, "ioQueueRecursive", io.ioQueuedRecursive());
        blkio(c, "ioServiceTimeRecursive", io.ioServiceTimeRecursive());
        blkio(c, "ioWaitTimeRecursive", io.ioWaitTimeRecursive());
        blkio(c, "ioMergedRecursive", io.ioMergedRecursive());
        blkio(c, "ioTimeRecursive", io.ioTimeRecursive());
        blkio(c, "sectorsRecursive", io.sectorsRecursive());
        b.append("},\"hugetlb\":{");
        c = new Sep();
        for (Map.Entry<String, CgroupStats.Hugetlb> e : s.hugetlb().entrySet()) {
            c.next();
            string(e.getKey());
            b.append(":{");
            Sep h = new Sep();
            num(h, "usage", e.getValue().usage(), true);
            num(h, "max", e.getValue().max(), true);
            num(h, "failcnt", e.getValue().failcnt(), false);
            b.append('}');
        }
        b.append("},\"intel_rdt\":{},\"network_interfaces\":null}");
    }

    private void entry(Sep c, String name, CgroupStats.MemoryEntry e) {
        c.next();
        b.append('"').append(name).append("\":{");
        Sep s = new Sep();
        num(s, "limit", e.limit(), false);
        num(s, "usage", e.usage(), true);
        num(s, "max", e.max(), true);
        num(s, "failcnt", e.failcnt(), false);
        b.append('}');
    }

    private void blkio(Sep c, String name, List<CgroupStats.BlkioEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        c.next();
        b.append('"').append(name).append("\":[");
        Sep items = new Sep();
        for (CgroupStats.BlkioEntry e : entries) {
            items.next();
            b.append('{');
            Sep f = new Sep();
            num(f, "major", e.major(), true);
            num(f, "minor", e.minor(), true);
            if (!e.op().isEmpty()) {
                f.next();
                b.append("\"op\":");
                string(e.op());
            }
            num(f, "value", e.value(), true);
            b.append('}');
        }
        b.append(']');
    }

    private void num(Sep c, String name, long value, boolean omitZero) {
        if (omitZero && value == 0) {
            return;
        }
        c.next();
        b.append('"').append(name).append("\":").append(Long.toUnsignedString(value));
    }

    private void longs(Sep c, String name, List<Long> values) {
        if (values.isEmpty()) {
            return;
        }
        c.next();
        b.append('"').append(name).append("\":[");
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "" : ",").append(Long.toUnsignedString(values.get(i)));
        }
        b.append(']');
    }

    private void ints(Sep c, String name, List<Integer> values) {
        if (values.isEmpty()) {
            return;
        }
        c.next();
        b.append('"').append(name).append("\":[");
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "" : ",").append(values.get(i));
        }
        b.append(']');
    }

    /** A JSON string as Go's encoder writes it: {@code <}, {@code >}, {@code &}, U+2028 and U+2029 escaped too. */
    private void string(String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20 || ch == '<' || ch == '>' || ch == '&' || ch == '\u2028' || ch == '\u2029') {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        b.append('"');
    }

    /** Writes the comma before every member but the first. */
    private final class Sep {
        private boolean first = true;

        void next() {
            if (!first) {
                b.append(',');
            }
            first = false;
        }
    }
}
