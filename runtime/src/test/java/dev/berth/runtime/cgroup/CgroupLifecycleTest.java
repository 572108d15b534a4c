package dev.berth.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.specs.Resources;
import dev.berth.syscall.Errno;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** create, place, load, delete on recording fakes of this VM and of a pure v2 host. */
class CgroupLifecycleTest {
    @Test
    void createMakesEveryHierarchysDirectoryAndInitialisesNewCpusets() throws Exception {
        FakeHost h = FakeHosts.hybrid();
        Cgroup cg = Cgroup.create(h, FakeHosts.layout(h), "/berth/c1", "c1");
        assertEquals(20, cg.createdDirectories().size());
        assertTrue(h.changes().containsAll(List.of(
                "mkdir /sys/fs/cgroup/cpuset/berth",
                "write /sys/fs/cgroup/cpuset/berth/cpuset.cpus 0-1",
                "write /sys/fs/cgroup/cpuset/berth/cpuset.mems 0",
                "mkdir /sys/fs/cgroup/cpuset/berth/c1",
                "write /sys/fs/cgroup/cpuset/berth/c1/cpuset.cpus 0-1",
                "write /sys/fs/cgroup/unified/cgroup.subtree_control +hugetlb",
                "mkdir /sys/fs/cgroup/unified/berth/c1")), h.changes().toString());
        assertEquals("/sys/fs/cgroup/memory/berth/c1", cg.directoryOf("memory"));
        assertEquals("/sys/fs/cgroup/unified/berth/c1", cg.directoryOf("hugetlb"));
        assertEquals("/sys/fs/cgroup/unified/berth/c1", cg.unifiedDirectory());
        assertEquals(10, cg.directories().size());
    }

    @Test
    void placeWritesThePidEverywhereAndRetriesEinval() throws Exception {
        FakeHost h = FakeHosts.hybrid();
        Cgroup cg = Cgroup.create(h, FakeHosts.layout(h), "/c1", "c1");
        h.log.clear();
        cg.place(4242);
        assertEquals(10, h.changes().stream().filter(l -> l.endsWith("/cgroup.procs 4242")).count());
        h.failWrites.put("/sys/fs/cgroup/pids/c1/cgroup.procs", Errno.ESRCH);
        CgroupException e = assertThrows(CgroupException.class, () -> cg.place(7));
        assertEquals("placing process 7 in its pids cgroup: writing 7 to /sys/fs/cgroup/pids/c1/cgroup.procs: ESRCH"
                + " (No such process)", e.getMessage());
        h.failWrites.put("/sys/fs/cgroup/pids/c1/cgroup.procs", Errno.EINVAL);
        long before = h.clock;
        assertThrows(CgroupException.class, () -> cg.place(8));
        assertEquals(4 * 30_000_000L, h.clock - before, "EINVAL (task still being created) is retried");
    }

    @Test
    void openUnifiedDirectoryIsForCloneIntoCgroup() throws Exception {
        FakeHost h = FakeHosts.v2();
        Cgroup cg = Cgroup.create(h, FakeHosts.layout(h), null, "ctr");
        assertEquals(42, cg.openUnifiedDirectory());
        assertTrue(h.changes().contains("open /sys/fs/cgroup/user.slice/user-0.slice/ctr"));
        FakeHost v1 = FakeHosts.hybrid();
        Cgroup cg1 = Cgroup.create(v1, FakeHosts.layout(v1).only(x -> !x.unified()), "/c", "c");
        assertEquals(-1, cg1.openUnifiedDirectory());
    }

    @Test
    void v2EnablesOfferedControllersDownThePath() throws Exception {
        FakeHost h = FakeHosts.v2();
        Cgroup.create(h, FakeHosts.layout(h), "/a/b", "x");
        List<String> writes = h.changes().stream().filter(l -> l.contains("subtree_control")).toList();
        assertEquals(List.of("write /sys/fs/cgroup/cgroup.subtree_control +cpuset",
                "write /sys/fs/cgroup/cgroup.subtree_control +io",
                "write /sys/fs/cgroup/cgroup.subtree_control +hugetlb",
                "write /sys/fs/cgroup/cgroup.subtree_control +rdma",
                "write /sys/fs/cgroup/cgroup.subtree_control +misc"), writes,
                "already enabled ones are left; the new /a offers nothing in this fake");
    }

    @Test
    void aFailedCreateRemovesWhatItMadeAndOnlyThat() throws Exception {
        FakeHost h = FakeHosts.hybrid();
        h.dir("/sys/fs/cgroup/memory/shared");
        h.readOnly.add("/sys/fs/cgroup/pids");
        CgroupException e = assertThrows(CgroupException.class,
                () -> Cgroup.create(h, FakeHosts.layout(h), "/shared/c1", "c1"));
        assertTrue(e.getMessage().startsWith("creating /sys/fs/cgroup/pids/shared: EACCES (Permission denied) (uid "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("cgroup v1 hierarchies cannot be delegated to a rootless user)"));
        for (String d : h.dirs) {
            assertFalse(d.contains("/c1") || (d.endsWith("/shared") && !d.equals("/sys/fs/cgroup/memory/shared")), d);
        }
        assertTrue(h.dirs.contains("/sys/fs/cgroup/memory/shared"), "pre-existing directory kept");
        assertTrue(h.changes().contains("rmdir /sys/fs/cgroup/memory/shared/c1"));
    }

    @Test
    void anExistingLeafIsJoinedOnlyWhenEmpty() throws Exception {
        FakeHost h = FakeHosts.v2();
        h.file("/sys/fs/cgroup/busy/cgroup.procs", "77\n");
        CgroupException e = assertThrows(CgroupException.class, () -> Cgroup.create(h, FakeHosts.layout(h), "/busy",
                "x"));
        assertEquals("cgroup /sys/fs/cgroup/busy already exists and has processes [77] (another container's"
                + " cgroup?)", e.getMessage());
        h.file("/sys/fs/cgroup/idle/cgroup.procs", "");
        Cgroup cg = Cgroup.create(h, FakeHosts.layout(h), "/idle", "x");
        assertEquals(List.of(), cg.createdDirectories());
        cg.delete();
        assertTrue(h.dirs.contains("/sys/fs/cgroup/idle"), "a joined cgroup is not ours to remove");
    }

    @Test
    void deleteRemovesInnermostFirstWithNestedCgroupsAndLeavesSharedAncestors() throws Exception {
        FakeHost h = FakeHosts.v2();
        CgroupLayout l = FakeHosts.layout(h);
        Cgroup one = Cgroup.create(h, l, "/pod/one", "one");
        Cgroup two = Cgroup.create(h, l, "/pod/two", "two");
        assertEquals(List.of("/sys/fs/cgroup/pod", "/sys/fs/cgroup/pod/one"), one.createdDirectories());
        assertEquals(List.of("/sys/fs/cgroup/pod/two"), two.createdDirectories());
        h.dir("/sys/fs/cgroup/pod/one/nested/deeper"); // made by the container through its cgroup namespace
        h.log.clear();
        one.delete();
        assertEquals(List.of("rmdir /sys/fs/cgroup/pod/one/nested/deeper", "rmdir /sys/fs/cgroup/pod/one/nested",
                "rmdir /sys/fs/cgroup/pod/one"), h.changes());
        assertTrue(h.dirs.contains("/sys/fs/cgroup/pod/two"));
        two.delete();
        assertTrue(h.dirs.contains("/sys/fs/cgroup/pod"), "made by one, shared with two: left");
    }

    @Test
    void deleteReportsWhatItCouldNotRemoveAfterTryingAll() throws Exception {
        FakeHost h = FakeHosts.hybrid();
        Cgroup cg = Cgroup.create(h, FakeHosts.layout(h), "/c1", "c1");
        h.files.put("/sys/fs/cgroup/memory/c1/cgroup.procs", "123\n");
        h.files.put("/sys/fs/cgroup/pids/c1/cgroup.procs", "123\n");
        CgroupException e = assertThrows(CgroupException.class, cg::delete);
        assertEquals("could not remove 2 cgroup directories: removing /sys/fs/cgroup/pids/c1: EBUSY (Device or"
                + " resource busy) (processes [123] remain); removing /sys/fs/cgroup/memory/c1: EBUSY (Device or"
                + " resource busy) (processes [123] remain)", e.getMessage());
        assertFalse(h.dirs.contains("/sys/fs/cgroup/cpu/c1"), "the others were removed");
        assertTrue(h.clock > 500_000_000L, "EBUSY retried for a while: " + h.clock);
        h.files.put("/sys/fs/cgroup/memory/c1/cgroup.procs", "");
        h.files.put("/sys/fs/cgroup/pids/c1/cgroup.procs", "");
        cg.delete();
        assertEquals(List.of(), cg.createdDirectories());
        assertTrue(h.dirs.stream().noneMatch(d -> d.endsWith("/c1")));
    }

    @Test
    void savedFormLoadsInAnotherProcess() throws Exception {
        FakeHost h = FakeHosts.hybrid();
        CgroupLayout l = FakeHosts.layout(h);
        Cgroup made = Cgroup.create(h, l, "/a/c1", "c1");
        Cgroup.Saved saved = made.saved();
        assertEquals(10, saved.dirs().size());
        Cgroup loaded = Cgroup.load(h, l, saved);
        assertEquals(made.directories(), loaded.directories());
        loaded.delete();
        assertTrue(h.dirs.stream().noneMatch(d -> d.contains("/a")));
        assertThrows(CgroupException.class, () -> Cgroup.load(h, l, new Cgroup.Saved(List.of("/tmp/x"), List.of())));
    }

    @Test
    void accessCheckNamesWhatARootlessCallerCannotWrite() throws Exception {
        FakeHost h = FakeHosts.v2();
        CgroupLayout l = FakeHosts.layout(h);
        h.readOnly.add("/sys/fs/cgroup/user.slice/user-0.slice");
        CgroupAccess a = CgroupAccess.check(h, l, "c1", "x", 1000);
        assertFalse(a.complete());
        assertEquals(List.of("unified: /sys/fs/cgroup/user.slice/user-0.slice is not writable by uid 1000 (no delegated"
                + " cgroup v2 subtree here)"), a.problems());
        a.requireFor(R.pids(0L));
        CgroupException e = assertThrows(CgroupException.class, () -> a.requireFor(R.pids(10L)));
        assertTrue(e.getMessage().startsWith("linux.resources cannot be applied: unified: "), e.getMessage());
        h.readOnly.clear();
        assertTrue(CgroupAccess.check(h, l, "c1", "x", 1000).complete());
    }

    @Test
    void systemdDriverErrorsSayWhy() {
        FakeHost h = new FakeHost().file("/proc/1/comm", "process_api\n");
        assertFalse(SystemdCgroup.running(h));
        assertEquals("--systemd-cgroup: systemd is not running as the cgroup manager here (/run/systemd/system does not"
                + " exist; PID 1 is \"process_api\"); drop --systemd-cgroup to use the cgroupfs driver with a path as"
                + " linux.cgroupsPath", SystemdCgroup.unavailable(h).getMessage());
        h.dir("/run/systemd/system");
        assertTrue(SystemdCgroup.running(h));
        assertTrue(SystemdCgroup.unavailable(h).getMessage().contains("not implemented in Berth yet"));
    }

    @Test
    void createWithResourcesRemovesWhatItMadeWhenApplyFails() throws Exception {
        FakeHost h = FakeHosts.hybrid();
        CgroupLayout l = FakeHosts.layout(h);
        List<String> warnings = new ArrayList<>();
        Resources badSwappiness = R.memory(new Resources.Memory(null, null, null, null, null, 500L, null, null, null));
        CgroupException e = assertThrows(CgroupException.class,
                () -> Cgroup.create(h, l, "/a/c", "c", badSwappiness, warnings::add));
        assertEquals("linux.resources.memory.swappiness 500 is not between 0 and 100", e.getMessage());
        assertTrue(h.dirs.stream().noneMatch(d -> d.contains("/a")), h.dirs.toString());

        h.failWrites.put("/sys/fs/cgroup/pids/a/c/pids.max", Errno.EINVAL);
        e = assertThrows(CgroupException.class, () -> Cgroup.create(h, l, "/a/c", "c", R.pids(5L), warnings::add));
        assertEquals("linux.resources.pids.limit: writing 5 to /sys/fs/cgroup/pids/a/c/pids.max: EINVAL (Invalid"
                + " argument)", e.getMessage());
        assertTrue(h.dirs.stream().noneMatch(d -> d.contains("/a")), h.dirs.toString());
        assertEquals(List.of(), warnings);
    }
}
