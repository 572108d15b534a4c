package dev.berth.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where a cgroupsPath lands in each hierarchy, for the cgroupfs driver. */
class CgroupPathsTest {
    private static List<String> dirs(CgroupLayout l, String path, String id) throws CgroupException {
        return List.copyOf(CgroupPaths.resolve(l, path, id).values());
    }

    @Test
    void cleaningKeepsPathsInsideTheirBase() {
        assertEquals("/a/b", CgroupPaths.clean("/a//./b/"));
        assertEquals("/b", CgroupPaths.clean("/../../a/../b"));
        assertEquals("b", CgroupPaths.clean("../../b"));
        assertEquals("/", CgroupPaths.clean("/.."));
        assertEquals("", CgroupPaths.clean("a/.."));
        assertEquals("/x/y", CgroupPaths.join("/x/", "/y"));
        assertEquals("/x", CgroupPaths.join("/x", "/"));
        assertEquals("/a/b", CgroupPaths.relativeTo("/r/a/b", "/r"));
        assertEquals("/", CgroupPaths.relativeTo("/r", "/r"));
        assertNull(CgroupPaths.relativeTo("/rx/a", "/r"));
        assertEquals("/", CgroupPaths.parent("/a"));
        assertEquals("/a", CgroupPaths.parent("/a/b"));
    }

    @Test
    void absolutePathsHangFromEachMountPoint() throws Exception {
        CgroupLayout l = FakeHosts.layout(FakeHosts.hybrid());
        Map<Hierarchy, String> m = CgroupPaths.resolve(l, "/berth/c1", "ignored");
        assertEquals("/sys/fs/cgroup/memory/berth/c1", m.get(l.hierarchyOf("memory")));
        assertEquals("/sys/fs/cgroup/unified/berth/c1", m.get(l.unified()));
        assertEquals(10, m.size());
        assertEquals("/sys/fs/cgroup/pids/c1", dirs(l, "/../c1", "x").get(7));
    }

    @Test
    void relativePathsGoUnderTheOwnCgroupOnV1AndItsParentOnV2() throws Exception {
        CgroupLayout hybrid = FakeHosts.layout(FakeHosts.hybrid());
        Map<Hierarchy, String> m = CgroupPaths.resolve(hybrid, "berth/c1", "x");
        assertEquals("/sys/fs/cgroup/memory/process_api/1f1c67f151b088813643c5b561d624c8/berth/c1",
                m.get(hybrid.hierarchyOf("memory")));
        assertEquals("/sys/fs/cgroup/cpu/berth/c1", m.get(hybrid.hierarchyOf("cpu")));
        assertEquals("/sys/fs/cgroup/unified/berth/c1", m.get(hybrid.unified()));

        CgroupLayout v2 = FakeHosts.layout(FakeHosts.v2());
        assertEquals(List.of("/sys/fs/cgroup/user.slice/user-0.slice/c1"), dirs(v2, "c1", "x"));
        assertEquals(List.of("/sys/fs/cgroup/user.slice/user-0.slice/c1"), dirs(v2, "../../c1", "x"),
                "a relative path cannot climb out of its base");
    }

    @Test
    void noPathMeansTheContainerIdRelative() throws Exception {
        CgroupLayout v2 = FakeHosts.layout(FakeHosts.v2());
        assertEquals(List.of("/sys/fs/cgroup/user.slice/user-0.slice/ctr-7"), dirs(v2, null, "ctr-7"));
        assertEquals(List.of("/sys/fs/cgroup/user.slice/user-0.slice/ctr-7"), dirs(v2, "  ", "ctr-7"));
    }

    @Test
    void systemdFormAndTheBaseItselfAreRefused() throws Exception {
        CgroupLayout v2 = FakeHosts.layout(FakeHosts.v2());
        CgroupException e = assertThrows(CgroupException.class, () -> dirs(v2, "system.slice:docker:abc", "x"));
        assertTrue(e.getMessage().contains("slice:prefix:name") && e.getMessage().contains("--systemd-cgroup"),
                e.getMessage());
        assertThrows(CgroupException.class, () -> dirs(v2, "/", "x"));
        assertThrows(CgroupException.class, () -> dirs(v2, "a/..", "x"));
        assertThrows(CgroupException.class, () -> dirs(v2, null, null));
    }

    @Test
    void aRelativePathNeedsAVisibleOwnCgroup() throws Exception {
        CgroupLayout l = CgroupLayout.parse("1 0 0:22 /docker/a /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n",
                "4:memory:/elsewhere\n", mp -> "");
        CgroupException e = assertThrows(CgroupException.class, () -> dirs(l, "c1", "x"));
        assertTrue(e.getMessage().contains("give an absolute path"), e.getMessage());
        assertEquals(List.of("/sys/fs/cgroup/memory/c1"), dirs(l, "/c1", "x"));
    }
}
