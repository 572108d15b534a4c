package dev.berth.runtime.cgroup;

import dev.berth.specs.Resources;
import java.util.List;
import java.util.Map;

/** Short constructors for {@link Resources} in tests. */
final class R {
    private R() {}

    static Resources of(Resources.Memory m, Resources.Cpu c, Resources.Pids p) {
        return new Resources(null, m, c, p, null, null, null, null, null);
    }

    static Resources memory(Long limit, Long reservation, Long swap) {
        return of(new Resources.Memory(limit, reservation, swap, null, null, null, null, null, null), null, null);
    }

    static Resources memory(Resources.Memory m) {
        return of(m, null, null);
    }

    static Resources cpu(Long shares, Long quota, Long period) {
        return of(null, new Resources.Cpu(shares, quota, null, period, null, null, null, null, null), null);
    }

    static Resources cpu(Resources.Cpu c) {
        return of(null, c, null);
    }

    static Resources pids(Long limit) {
        return of(null, null, new Resources.Pids(limit));
    }

    static Resources devices(List<Resources.DeviceRule> rules) {
        return new Resources(rules, null, null, null, null, null, null, null, null);
    }

    static Resources hugetlb(String size, long limit) {
        return new Resources(null, null, null, null, null, List.of(new Resources.HugepageLimit(size, limit)), null, null,
                null);
    }

    static Resources unified(Map<String, String> kv) {
        return new Resources(null, null, null, null, null, null, null, null, kv);
    }

    static Resources blockIo(Resources.BlockIo b) {
        return new Resources(null, null, null, null, b, null, null, null, null);
    }

    static Resources network(Resources.Network n) {
        return new Resources(null, null, null, null, null, null, n, null, null);
    }

    /** What docker sends for {@code update} with only a memory limit: zeros everywhere else. */
    static Resources dockerUpdate(long memory) {
        return new Resources(List.of(), new Resources.Memory(memory, 0L, 0L, 0L, 0L, null, null, null, null),
                new Resources.Cpu(0L, 0L, 0L, 0L, 0L, 0L, "", "", null), new Resources.Pids(0L),
                new Resources.BlockIo(0, 0, null, null, null, null, null), null, null, null, null);
    }
}
