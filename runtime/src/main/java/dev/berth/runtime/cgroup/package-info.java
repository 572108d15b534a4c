/**
 * Container cgroups for the cgroupfs driver on cgroup v1, v2 and hybrid hosts (cgroups(7),
 * Documentation/admin-guide/cgroup-v1 and cgroup-v2.rst). Internal to the runtime module.
 *
 * <p>{@link dev.berth.runtime.cgroup.CgroupLayout} detects the hierarchies; {@link dev.berth.runtime.cgroup.Cgroup}
 * is one container's cgroup: create (or create with resources, rolled back on failure), the v2
 * directory fd for {@code CLONE_INTO_CGROUP}, place, apply and update, freeze and thaw, pids, kill-all,
 * stats ({@link dev.berth.runtime.cgroup.StatsJson} prints runc's {@code events --stats} line), OOM kill
 * count, delete, and a saved form for later runtime processes.
 *
 * <p>What {@code linux.resources} maps to, zero or absent meaning unchanged:
 * <table>
 * <caption>OCI settings and kernel files</caption>
 * <tr><th>OCI</th><th>cgroup v1</th><th>cgroup v2</th></tr>
 * <tr><td>memory.limit / reservation</td><td>memory.limit_in_bytes / soft_limit_in_bytes</td>
 *     <td>memory.max / memory.low</td></tr>
 * <tr><td>memory.swap (memory+swap)</td><td>memory.memsw.limit_in_bytes, ordered against the limit</td>
 *     <td>memory.swap.max = swap - limit</td></tr>
 * <tr><td>memory.kernel / kernelTCP</td><td>memory.kmem[.tcp].limit_in_bytes; a warning when ignored</td>
 *     <td>warning: no such file</td></tr>
 * <tr><td>memory.swappiness / disableOOMKiller / useHierarchy</td>
 *     <td>memory.swappiness / memory.oom_control / memory.use_hierarchy</td><td>refused (false hierarchy, true
 *     OOM switch, any swappiness)</td></tr>
 * <tr><td>cpu.shares</td><td>cpu.shares (read back)</td><td>cpu.weight, runc 1.3's quadratic conversion</td></tr>
 * <tr><td>cpu.quota / period / burst / idle</td><td>cpu.cfs_quota_us / cfs_period_us / cfs_burst_us / cpu.idle</td>
 *     <td>cpu.max "quota period" (the half not given is kept) / cpu.max.burst / cpu.idle</td></tr>
 * <tr><td>cpu.realtimeRuntime / realtimePeriod</td><td>cpu.rt_runtime_us / cpu.rt_period_us</td><td>refused</td></tr>
 * <tr><td>cpu.cpus / mems</td><td colspan="2">cpuset.cpus / cpuset.mems (new v1 cpusets start from the parent's)</td></tr>
 * <tr><td>pids.limit</td><td colspan="2">pids.max (negative: max)</td></tr>
 * <tr><td>hugepageLimits</td><td>hugetlb.SIZE.limit_in_bytes (+ rsvd)</td><td>hugetlb.SIZE.max (+ rsvd)</td></tr>
 * <tr><td>blockIO weight / weightDevice</td><td>blkio[.bfq].weight[_device]</td>
 *     <td>io.bfq.weight, else io.weight converted to 1-10000</td></tr>
 * <tr><td>blockIO throttle*</td><td>blkio.throttle.{read,write}_{bps,iops}_device</td><td>io.max rbps/wbps/riops/wiops</td></tr>
 * <tr><td>devices</td><td>devices.allow / devices.deny in order</td><td>refused (needs an eBPF program)</td></tr>
 * <tr><td>network.classID / priorities</td><td>net_cls.classid / net_prio.ifpriomap</td><td>refused</td></tr>
 * <tr><td>rdma</td><td colspan="2">rdma.max</td></tr>
 * <tr><td>unified</td><td>refused</td><td>the named files, last (hybrid: only controllers on the v2 side)</td></tr>
 * </table>
 */
package dev.berth.runtime.cgroup;
