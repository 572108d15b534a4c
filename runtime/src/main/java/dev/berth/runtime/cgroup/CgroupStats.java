package dev.berth.runtime.cgroup;

import java.util.List;
import java.util.SortedMap;

/**
 * A cgroup's usage counters in the shape of runc's {@code types.Stats}, which {@code runc events --stats}
 * prints and containerd and docker read (see {@link StatsJson}). All counters are uint64 held in
 * longs (print them unsigned); times are nanoseconds, sizes bytes. A limit of "max" is reported as the
 * kernel reports it on v1 (a page-aligned {@code 2^63 - 4096}) and as {@code 2^64 - 1} on v2, as runc does.
 *
 * @param hugetlb by page size ({@code 2MB}), sorted
 */
public record CgroupStats(Cpu cpu, CpuSet cpuset, Memory memory, Pids pids, Blkio blkio,
        SortedMap<String, Hugetlb> hugetlb) {

    /** CPU time: {@code cpuacct.*} on v1, {@code cpu.stat} on v2; per-CPU lists are v1 only. */
    public record CpuUsage(long total, List<Long> percpu, List<Long> percpuKernel, List<Long> percpuUser, long kernel,
            long user) {
        public CpuUsage {
            percpu = List.copyOf(percpu);
            percpuKernel = List.copyOf(percpuKernel);
            percpuUser = List.copyOf(percpuUser);
        }
    }

    /** CFS bandwidth throttling ({@code cpu.stat}). */
    public record Throttling(long periods, long throttledPeriods, long throttledTime) {}

    public record Cpu(CpuUsage usage, Throttling throttling) {}

    /** The cpuset in force and its v1 flags (0 on v2, where they do not exist). */
    public record CpuSet(List<Integer> cpus, long cpuExclusive, List<Integer> mems, long memHardwall,
            long memExclusive, long memoryMigrate, long memorySpreadPage, long memorySpreadSlab, long memoryPressure,
            long schedLoadBalance, long schedRelaxDomainLevel) {
        public CpuSet {
            cpus = List.copyOf(cpus);
            mems = List.copyOf(mems);
        }
    }

    /** One memory counter group: the limit, current and maximum usage, and how often the limit was hit. */
    public record MemoryEntry(long limit, long usage, long max, long failcnt) {
        public static final MemoryEntry EMPTY = new MemoryEntry(0, 0, 0, 0);
    }

    /**
     * Memory: {@code swap} counts memory plus swap (v1 {@code memsw}; on v2 the sum of the two files), as
     * runc reports it; {@code raw} is {@code memory.stat}.
     */
    public record Memory(long cache, MemoryEntry usage, MemoryEntry swap, MemoryEntry kernel, MemoryEntry kernelTcp,
            SortedMap<String, Long> raw) {}

    /** {@code pids.current}, and {@code pids.max} (0 for "max"). */
    public record Pids(long current, long limit) {}

    /** One block I/O counter of one device ({@code op} such as {@code Read}, {@code Write}, {@code Total}). */
    public record BlkioEntry(long major, long minor, String op, long value) {}

    /** Block I/O counters; v2 fills the first two from {@code io.stat}. */
    public record Blkio(List<BlkioEntry> ioServiceBytesRecursive, List<BlkioEntry> ioServicedRecursive,
            List<BlkioEntry> ioQueuedRecursive, List<BlkioEntry> ioServiceTimeRecursive,
            List<BlkioEntry> ioWaitTimeRecursive, List<BlkioEntry> ioMergedRecursive, List<BlkioEntry> ioTimeRecursive,
            List<BlkioEntry> sectorsRecursive) {
        public static final Blkio EMPTY = new Blkio(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of());
    }

    /** hugetlb usage of one page size; {@code max} is v1 only. */
    public record Hugetlb(long usage, long max, long failcnt) {}
}
