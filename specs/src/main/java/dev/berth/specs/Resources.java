package dev.berth.specs;

import dev.berth.specs.internal.Immutable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * cgroup limits ({@code linux.resources}, also the input of {@code update --resources}). Null numbers
 * mean "not set"; memory limits are in bytes with {@code -1} for unlimited.
 *
 * @param devices device access rules, applied in order
 * @param memory null when absent
 * @param cpu null when absent
 * @param pids null when absent
 * @param blockIo {@code blockIO}, null when absent
 * @param hugepageLimits hugetlb limits
 * @param network net_cls/net_prio settings, null when absent
 * @param rdma limits by RDMA device name
 * @param unified cgroup v2 files and values, in document order
 */
public record Resources(
        List<DeviceRule> devices,
        Memory memory,
        Cpu cpu,
        Pids pids,
        BlockIo blockIo,
        List<HugepageLimit> hugepageLimits,
        Network network,
        Map<String, Rdma> rdma,
        Map<String, String> unified) {

    public Resources {
        devices = Immutable.list(devices);
        hugepageLimits = Immutable.list(hugepageLimits);
        rdma = Immutable.map(rdma);
        unified = Immutable.map(unified);
    }

    /**
     * A device cgroup rule.
     *
     * @param allow allow or deny
     * @param type {@code a}, {@code c} or {@code b}; null means all
     * @param major int64, null means all
     * @param minor int64, null means all
     * @param access a combination of {@code r}, {@code w}, {@code m}; null when absent
     */
    public record DeviceRule(boolean allow, String type, Long major, Long minor, String access) {}

    /**
     * The memory controller.
     *
     * @param limit int64 bytes
     * @param reservation int64 bytes (soft limit)
     * @param swap int64 bytes of memory plus swap
     * @param kernel int64 bytes, deprecated
     * @param kernelTcp int64 bytes ({@code kernelTCP}), deprecated
     * @param swappiness uint64 bits, 0 to 100
     * @param disableOomKiller {@code disableOOMKiller}
     * @param useHierarchy hierarchical accounting
     * @param checkBeforeUpdate refuse a new limit below the current usage
     */
    public record Memory(Long limit, Long reservation, Long swap, Long kernel, Long kernelTcp, Long swappiness,
            Boolean disableOomKiller, Boolean useHierarchy, Boolean checkBeforeUpdate) {}

    /**
     * The cpu and cpuset controllers.
     *
     * @param shares uint64 bits, relative weight
     * @param quota int64 microseconds per period
     * @param burst uint64 bits, microseconds
     * @param period uint64 bits, microseconds
     * @param realtimeRuntime int64 microseconds
     * @param realtimePeriod uint64 bits, microseconds
     * @param cpus cpuset list such as {@code 0-3,7}
     * @param mems memory node list
     * @param idle int64, 1 for SCHED_IDLE weight
     */
    public record Cpu(Long shares, Long quota, Long burst, Long period, Long realtimeRuntime, Long realtimePeriod,
            String cpus, String mems, Long idle) {}

    /**
     * The pids controller.
     *
     * @param limit int64 maximum number of tasks, {@code -1} for no limit; null when absent
     */
    public record Pids(Long limit) {}

    /**
     * The blkio/io controller.
     *
     * @param weight uint16
     * @param leafWeight uint16
     * @param weightDevice per-device weights
     * @param throttleReadBpsDevice bytes per second read limits
     * @param throttleWriteBpsDevice bytes per second write limits
     * @param throttleReadIopsDevice reads per second limits ({@code throttleReadIOPSDevice})
     * @param throttleWriteIopsDevice writes per second limits ({@code throttleWriteIOPSDevice})
     */
    public record BlockIo(Integer weight, Integer leafWeight, List<WeightDevice> weightDevice,
            List<ThrottleDevice> throttleReadBpsDevice, List<ThrottleDevice> throttleWriteBpsDevice,
            List<ThrottleDevice> throttleReadIopsDevice, List<ThrottleDevice> throttleWriteIopsDevice) {
        public BlockIo {
            weightDevice = Immutable.list(weightDevice);
            throttleReadBpsDevice = Immutable.list(throttleReadBpsDevice);
            throttleWriteBpsDevice = Immutable.list(throttleWriteBpsDevice);
            throttleReadIopsDevice = Immutable.list(throttleReadIopsDevice);
            throttleWriteIopsDevice = Immutable.list(throttleWriteIopsDevice);
        }
    }

    /** A per-device weight; {@code weight} and {@code leafWeight} are uint16, null when absent. */
    public record WeightDevice(long major, long minor, Integer weight, Integer leafWeight) {}

    /** A per-device rate limit; {@code rate} holds uint64 bits. */
    public record ThrottleDevice(long major, long minor, long rate) {}

    /**
     * A hugetlb limit.
     *
     * @param pageSize such as {@code 2MB}
     * @param limit uint64 bits, bytes
     */
    public record HugepageLimit(String pageSize, long limit) {
        public HugepageLimit {
            Objects.requireNonNull(pageSize, "pageSize");
        }
    }

    /**
     * net_cls and net_prio.
     *
     * @param classId uint32 class id ({@code classID}), null when absent
     * @param priorities per-interface priorities
     */
    public record Network(Long classId, List<InterfacePriority> priorities) {
        public Network {
            priorities = Immutable.list(priorities);
        }
    }

    /** A net_prio priority (uint32) of a host interface. */
    public record InterfacePriority(String name, long priority) {
        public InterfacePriority {
            Objects.requireNonNull(name, "name");
        }
    }

    /** RDMA limits of one device, both uint32, null when absent. */
    public record Rdma(Long hcaHandles, Long hcaObjects) {}
}
