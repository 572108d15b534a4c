package dev.berth.runtime.cgroup;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@link FakeHost}s shaped like real machines: this VM (hybrid) and a systemd host on pure cgroup v2. */
final class FakeHosts {
    static final String MAX_V1 = "9223372036854771712";

    private FakeHosts() {}

    /**
     * This VM, from its captured mountinfo and cgroup files: v1 controllers, hugetlb on
     * {@code /sys/fs/cgroup/unified}, the memory cgroup {@code /process_api/...}.
     */
    static FakeHost hybrid() {
        FakeHost h = new FakeHost();
        h.fixture("/proc/thread-self/mountinfo", "hybrid-host.mountinfo");
        h.fixture("/proc/thread-self/cgroup", "hybrid-host.cgroup");
        for (String c : new String[] {"cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "blkio", "pids",
            "systemd", "unified"}) {
            h.dir("/sys/fs/cgroup/" + c);
            h.file("/sys/fs/cgroup/" + c + "/cgroup.procs", "");
        }
        h.dir("/sys/fs/cgroup/memory/process_api/1f1c67f151b088813643c5b561d624c8");
        h.file("/sys/fs/cgroup/memory/process_api/cgroup.procs", "");
        h.file("/sys/fs/cgroup/memory/process_api/1f1c67f151b088813643c5b561d624c8/cgroup.procs", "1\n");
        h.file("/sys/fs/cgroup/cpuset/cpuset.cpus", "0-1\n").file("/sys/fs/cgroup/cpuset/cpuset.mems", "0\n");
        h.file("/sys/fs/cgroup/unified/cgroup.controllers", "hugetlb\n");
        h.file("/sys/fs/cgroup/unified/cgroup.subtree_control", "\n");
        hugepages(h);
        h.template.put("/sys/fs/cgroup/cpu", d -> files("cgroup.procs", "", "cpu.shares", "1024", "cpu.cfs_period_us",
                "100000", "cpu.cfs_quota_us", "-1", "cpu.cfs_burst_us", "0", "cpu.rt_period_us", "1000000",
                "cpu.rt_runtime_us", "0", "cpu.idle", "0", "cpu.stat", "nr_periods 0\nnr_throttled 0\nthrottled_time 0\n"));
        h.template.put("/sys/fs/cgroup/cpuacct", d -> files("cgroup.procs", ""));
        h.template.put("/sys/fs/cgroup/cpuset", d -> files("cgroup.procs", "", "cpuset.cpus", "\n", "cpuset.mems",
                "\n"));
        h.template.put("/sys/fs/cgroup/memory", d -> files("cgroup.procs", "", "memory.limit_in_bytes", MAX_V1,
                "memory.memsw.limit_in_bytes", MAX_V1, "memory.soft_limit_in_bytes", MAX_V1,
                "memory.kmem.limit_in_bytes", MAX_V1, "memory.kmem.tcp.limit_in_bytes", MAX_V1, "memory.swappiness",
                "60", "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n", "memory.use_hierarchy",
                "1", "memory.usage_in_bytes", "0"));
        h.template.put("/sys/fs/cgroup/devices", d -> files("cgroup.procs", "", "devices.allow", "", "devices.deny", "",
                "devices.list", "a *:* rwm\n"));
        h.template.put("/sys/fs/cgroup/freezer", d -> files("cgroup.procs", "", "freezer.state", "THAWED\n"));
        h.template.put("/sys/fs/cgroup/blkio", d -> files("cgroup.procs", "", "blkio.bfq.weight", "100",
                "blkio.bfq.weight_device", "", "blkio.throttle.read_bps_device", "", "blkio.throttle.write_bps_device", "",
                "blkio.throttle.read_iops_device", "", "blkio.throttle.write_iops_device", ""));
        h.template.put("/sys/fs/cgroup/pids", d -> files("cgroup.procs", "", "pids.max", "max", "pids.current", "0"));
        h.template.put("/sys/fs/cgroup/systemd", d -> files("cgroup.procs", ""));
        h.template.put("/sys/fs/cgroup/unified", d -> files("cgroup.procs", "", "cgroup.controllers", "",
                "cgroup.subtree_control", "", "cgroup.freeze", "0", "cgroup.events", "populated 0\nfrozen 0\n",
                "cgroup.kill", "", "hugetlb.2MB.max", "max", "hugetlb.2MB.rsvd.max", "max", "hugetlb.1GB.max", "max",
                "hugetlb.1GB.rsvd.max", "max"));
        return h;
    }

    /** A systemd machine on pure cgroup v2, this process in a session scope. */
    static FakeHost v2() {
        FakeHost h = new FakeHost();
        h.file("/proc/thread-self/mountinfo", "22 1 0:21 / /proc rw - proc proc rw\n"
                + "30 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2"
                + " rw,nsdelegate,memory_recursiveprot\n");
        h.file("/proc/thread-self/cgroup", "0::/user.slice/user-0.slice/session-1.scope\n");
        h.dir("/sys/fs/cgroup/user.slice/user-0.slice/session-1.scope");
        String all = "cpuset cpu io memory hugetlb pids rdma misc";
        h.file("/sys/fs/cgroup/cgroup.controllers", all + "\n");
        h.file("/sys/fs/cgroup/cgroup.subtree_control", "cpu memory pids\n");
        h.file("/sys/fs/cgroup/user.slice/cgroup.controllers", "cpu memory pids\n");
        h.file("/sys/fs/cgroup/user.slice/cgroup.subtree_control", "\n");
        h.file("/sys/fs/cgroup/user.slice/user-0.slice/cgroup.controllers", "\n");
        h.file("/sys/fs/cgroup/user.slice/user-0.slice/cgroup.subtree_control", "\n");
        hugepages(h);
        h.template.put("/sys/fs/cgroup", d -> files("cgroup.procs", "", "cgroup.controllers", "",
                "cgroup.subtree_control", "", "cgroup.freeze", "0", "cgroup.events", "populated 0\nfrozen 0\n",
                "cgroup.kill", "", "cpu.weight", "100", "cpu.max", "max 100000", "cpu.max.burst", "0", "cpu.idle", "0",
                "memory.max", "max", "memory.low", "0", "memory.swap.max", "max", "memory.current", "0", "io.weight",
                "default 100", "io.max", "", "pids.max", "max", "pids.current", "0", "cpuset.cpus", "", "cpuset.mems", "",
                "hugetlb.2MB.max", "max", "hugetlb.2MB.rsvd.max", "max", "hugetlb.1GB.max", "max",
                "hugetlb.1GB.rsvd.max", "max", "rdma.max", ""));
        return h;
    }

    private static void hugepages(FakeHost h) {
        h.dir("/sys/kernel/mm/hugepages/hugepages-2048kB");
        h.dir("/sys/kernel/mm/hugepages/hugepages-1048576kB");
    }

    static Map<String, String> files(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static CgroupLayout layout(FakeHost h) throws CgroupException {
        return CgroupLayout.detect(h);
    }
}
