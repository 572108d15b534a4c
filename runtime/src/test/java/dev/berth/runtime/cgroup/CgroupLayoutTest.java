package dev.berth.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Layout detection from mountinfo and /proc/PID/cgroup texts, no root needed. */
class CgroupLayoutTest {
    private static CgroupLayout parse(String mountinfo, String cgroup, String v2Controllers) throws CgroupException {
        return CgroupLayout.parse(mountinfo, cgroup, mp -> v2Controllers);
    }

    @Test
    void thisHostIsHybridWithHugetlbOnTheUnifiedSide() throws Exception {
        CgroupLayout l = parse(FakeHost.resource("hybrid-host.mountinfo"), FakeHost.resource("hybrid-host.cgroup"),
                "hugetlb\n");
        assertEquals(CgroupLayout.Mode.HYBRID, l.mode());
        assertEquals(List.of("cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "blkio", "pids",
                "name=systemd", "unified"), l.joined().stream().map(Hierarchy::label).toList());
        Hierarchy memory = l.hierarchyOf("memory");
        assertEquals("/sys/fs/cgroup/memory", memory.mountPoint());
        assertEquals(4, memory.id());
        assertEquals("/process_api/1f1c67f151b088813643c5b561d624c8", memory.ownPath());
        assertEquals("/sys/fs/cgroup/memory/process_api/1f1c67f151b088813643c5b561d624c8", memory.ownDir());
        Hierarchy hugetlb = l.hierarchyOf("hugetlb");
        assertTrue(hugetlb.unified());
        assertEquals("/sys/fs/cgroup/unified", hugetlb.mountPoint());
        assertEquals("/", hugetlb.ownPath());
        assertEquals(Set.of("hugetlb"), l.unified().controllers());
        assertNull(l.hierarchyOf("net_cls"), "net_cls is neither mounted nor on v2");
        assertEquals("/sys/fs/cgroup/freezer", l.hierarchyOf("freezer").mountPoint(), "hybrid: freezer is v1");
        assertEquals("systemd", l.hierarchies().get(8).name());
    }

    @Test
    void pureV2WithSystemd() throws Exception {
        CgroupLayout l = parse("""
                22 1 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
                30 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate
                """, "0::/user.slice/user-1000.slice/session-3.scope\n", "cpuset cpu io memory hugetlb pids rdma misc\n");
        assertEquals(CgroupLayout.Mode.V2, l.mode());
        assertEquals(1, l.joined().size());
        for (String c : List.of("memory", "cpu", "io", "pids", "hugetlb", "freezer", "devices")) {
            assertTrue(l.hierarchyOf(c).unified(), c);
        }
        assertNull(l.hierarchyOf("blkio"));
        assertEquals("/sys/fs/cgroup/user.slice/user-1000.slice/session-3.scope", l.unified().ownDir());
    }

    @Test
    void ubuntuStyleHybridWithEmptyUnifiedAndCoMountedControllers() throws Exception {
        CgroupLayout l = parse("""
                25 24 0:22 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755
                26 25 0:23 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 rw,nsdelegate
                27 25 0:24 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup rw,xattr,name=systemd
                31 25 0:28 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:15 - cgroup cgroup rw,cpu,cpuacct
                32 25 0:29 / /sys/fs/cgroup/net_cls,net_prio rw,nosuid,nodev,noexec,relatime shared:16 - cgroup cgroup rw,net_cls,net_prio
                33 25 0:30 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:17 - cgroup cgroup rw,memory
                """, """
                12:memory:/user.slice/user-1000.slice/session-2.scope
                5:net_cls,net_prio:/
                4:cpu,cpuacct:/user.slice
                1:name=systemd:/user.slice/user-1000.slice/session-2.scope
                0::/user.slice/user-1000.slice/session-2.scope
                """, "");
        assertEquals(CgroupLayout.Mode.HYBRID, l.mode());
        Hierarchy cpu = l.hierarchyOf("cpuacct");
        assertEquals(cpu, l.hierarchyOf("cpu"));
        assertEquals("cpu,cpuacct", cpu.label());
        assertEquals("/user.slice", cpu.ownPath());
        assertEquals(4, cpu.id());
        assertEquals("/sys/fs/cgroup/net_cls,net_prio", l.hierarchyOf("net_prio").mountPoint());
        assertTrue(l.unified().controllers().isEmpty());
        assertNull(l.hierarchyOf("pids"));
    }

    @Test
    void insideADockerContainerTheMountRootIsTheContainersCgroup() throws Exception {
        String id = "/docker/dc4eaa1a34ec";
        CgroupLayout l = parse("120 115 0:39 / /sys/fs/cgroup rw - tmpfs tmpfs rw,mode=755\n"
                + "124 120 0:22 " + id + " /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime - cgroup cgroup rw,memory\n"
                + "128 120 0:26 " + id + " /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct\n",
                "4:memory:" + id + "\n3:cpu,cpuacct:" + id + "/sub\n", "");
        assertEquals(CgroupLayout.Mode.V1, l.mode());
        assertEquals("/sys/fs/cgroup/memory", l.hierarchyOf("memory").ownDir());
        assertEquals("/sys/fs/cgroup/cpu,cpuacct/sub", l.hierarchyOf("cpu").ownDir());
    }

    @Test
    void aCgroupOutsideTheMountedSubtreeHasNoOwnDirectory() throws Exception {
        CgroupLayout l = parse("124 120 0:22 /docker/a /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n",
                "4:memory:/elsewhere\n", "");
        assertNull(l.hierarchyOf("memory").ownDir());
    }

    @Test
    void escapedMountPointsAreDecodedAndFirstMountWins() throws Exception {
        CgroupLayout l = parse("""
                40 31 0:37 / /mnt/my\\040cgroups rw,relatime - cgroup2 cgroup2 rw
                41 31 0:37 / /sys/fs/cgroup rw,relatime - cgroup2 cgroup2 rw
                """, "0::/\n", "memory\n");
        assertEquals("/mnt/my cgroups", l.unified().mountPoint());
        assertEquals(1, l.hierarchies().size());
        assertEquals("a\\b", CgroupLayout.unescape("a\\134b"));
        assertEquals("a\\x", CgroupLayout.unescape("a\\x"));
    }

    @Test
    void optionalFieldsBeforeTheSeparatorAreSkipped() throws Exception {
        CgroupLayout l = parse("35 31 0:32 / /sys/fs/cgroup/memory rw,relatime shared:17 master:3 - cgroup cgroup"
                + " rw,memory,clone_children\n", "4:memory:/\n", "");
        assertEquals(Set.of("memory"), l.hierarchyOf("memory").controllers());
    }

    @Test
    void noCgroupMountIsAnError() {
        CgroupException e = assertThrows(CgroupException.class,
                () -> parse("22 1 0:21 / /proc rw - proc proc rw\n", "", ""));
        assertTrue(e.getMessage().contains("no cgroup hierarchy is mounted"), e.getMessage());
    }

    @Test
    void detectReadsThreadSelfFiles() throws Exception {
        CgroupLayout l = FakeHosts.layout(FakeHosts.v2());
        assertEquals(CgroupLayout.Mode.V2, l.mode());
        assertTrue(l.unified().has("io"));
    }

    @Test
    void viewsOfAHybridHost() throws Exception {
        CgroupLayout l = FakeHosts.layout(FakeHosts.hybrid());
        assertEquals(CgroupLayout.Mode.V2, l.only(Hierarchy::unified).mode());
        assertEquals(CgroupLayout.Mode.V1, l.only(h -> !h.unified()).mode());
    }
}
