package dev.berth.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Freezer state machines, pids and kill-all on the fakes (the real thing is in {@link CgroupRootTest}). */
class FreezerKillTest {
    private static final Duration T = Duration.ofSeconds(2);

    /** A v1 freezer that passes through FREEZING for {@code polls} reads before FROZEN. */
    private static void slowFreezer(FakeHost h, String dir, int polls) {
        String state = dir + "/freezer.state";
        int[] left = {0};
        h.onWrite.put(state, (p, v) -> {
            if (v.equals("FROZEN")) {
                left[0] = polls;
                h.files.put(p, polls == 0 ? "FROZEN\n" : "FREEZING\n");
            } else {
                h.files.put(p, "THAWED\n");
            }
        });
        h.onSleep = () -> {
            if (left[0] > 0 && --left[0] == 0 && h.files.get(state).startsWith("FREEZING")) {
                h.files.put(state, "FROZEN\n");
            }
        };
    }

    @Test
    void v1FreezeWaitsThroughFreezingAndThaws() throws Exception {
        FakeHost h = FakeHosts.hybrid();
        Cgroup cg = Cgroup.create(h, FakeHosts.layout(h), "/c", "c");
        slowFreezer(h, "/sys/fs/cgroup/freezer/c", 3);
        cg.freeze(T);
        assertEquals(FreezerState.FROZEN, cg.freezerState());
        cg.thaw(T);
        assertEquals(FreezerState.THAWED, cg.freezerState());
    }

    @Test
    void aFreezeThatNeverCompletesIsUndoneAndReported() throws Exception {
        FakeHost h = FakeHosts.hybrid();
        Cgroup cg = Cgroup.create(h, FakeHosts.layout(h), "/c", "c");
        slowFreezer(h, "/sys/fs/cgroup/freezer/c", Integer.MAX_VALUE);
        CgroupException e = assertThrows(CgroupException.class, () -> cg.freeze(Duration.ofMillis(500)));
        assertEquals("freezing /sys/fs/cgroup/freezer/c: still FREEZING after 500 ms"
                + " (/sys/fs/cgroup/freezer/c/freezer.state)", e.getMessage());
        assertEquals(FreezerState.THAWED, cg.freezerState(), "undone");
        assertTrue(h.changes().stream().filter(l -> l.endsWith("freezer.state FROZEN")).count() > 1,
                "FROZEN is asked again while stuck");
    }

    @Test
    void v2FreezeUsesCgroupFreezeAndEvents() throws Exception {
        FakeHost h = FakeHosts.v2();
        Cgroup cg = Cgroup.create(h, FakeHosts.layout(h), "/c", "c");
        String d = "/sys/fs/cgroup/c/";
        h.onWrite.put(d + "cgroup.freeze", (p, v) -> {
            h.files.put(p, v);
            h.files.put(d + "cgroup.events", "populated 1\nfrozen " + v + "\n");
        });
        cg.freeze(T);
        assertEquals(FreezerState.FROZEN, cg.freezerState());
        cg.thaw(T);
        assertEquals(FreezerState.THAWED, cg.freezerState());
        h.files.put(d + "cgroup.freeze", "1");
        assertEquals(FreezerState.FREEZING, cg.freezerState());
    }

    @Test
    void pidsIncludeNestedCgroupsAcrossHierarchies() throws Exception {
        FakeHost h = FakeHosts.hybrid();
        Cgroup cg = Cgroup.create(h, FakeHosts.layout(h), "/c", "c");
        h.files.put("/sys/fs/cgroup/memory/c/cgroup.procs", "10\n12\n");
        h.file("/sys/fs/cgroup/memory/c/sub/cgroup.procs", "30\n");
        h.files.put("/sys/fs/cgroup/pids/c/cgroup.procs", "12\n20\n");
        assertEquals(List.of(10, 12, 20, 30), cg.pids());
    }

    @Test
    void v1KillAllFreezesSignalsThawsAndRepeatsSigkillUntilEmpty() throws Exception {
        FakeHost h = FakeHosts.hybrid();
        Cgroup cg = Cgroup.create(h, FakeHosts.layout(h).only(x -> !x.unified()), "/c", "c");
        h.onWrite.put("/sys/fs/cgroup/freezer/c/freezer.state", (p, v) -> h.files.put(p, v + "\n"));
        h.files.put("/sys/fs/cgroup/memory/c/cgroup.procs", "10\n11\n");
        h.log.clear();
        cg.killAll(15, T);
        assertEquals(List.of("write /sys/fs/cgroup/freezer/c/freezer.state FROZEN", "kill 10 15", "kill 11 15",
                "write /sys/fs/cgroup/freezer/c/freezer.state THAWED"), h.changes());
        h.log.clear();
        cg.killAll(9, T);
        assertEquals(List.of(), cg.pids());
        assertTrue(h.changes().containsAll(List.of("kill 10 9", "kill 11 9")), h.changes().toString());
    }

    @Test
    void aPausedContainerStaysPausedForOtherSignals() throws Exception {
        FakeHost h = FakeHosts.hybrid();
        Cgroup cg = Cgroup.create(h, FakeHosts.layout(h), "/c", "c");
        h.onWrite.put("/sys/fs/cgroup/freezer/c/freezer.state", (p, v) -> h.files.put(p, v + "\n"));
        h.files.put("/sys/fs/cgroup/freezer/c/freezer.state", "FROZEN\n");
        h.files.put("/sys/fs/cgroup/memory/c/cgroup.procs", "10\n");
        h.log.clear();
        cg.killAll(1, T);
        assertEquals(List.of("kill 10 1"), h.changes());
        assertEquals(FreezerState.FROZEN, cg.freezerState());
    }

    @Test
    void v2SigkillUsesCgroupKill() throws Exception {
        FakeHost h = FakeHosts.v2();
        Cgroup cg = Cgroup.create(h, FakeHosts.layout(h), "/c", "c");
        String d = "/sys/fs/cgroup/c/";
        h.files.put(d + "cgroup.procs", "10\n11\n");
        h.onWrite.put(d + "cgroup.kill", (p, v) -> h.files.put(d + "cgroup.procs", ""));
        h.log.clear();
        cg.killAll(9, T);
        assertEquals(List.of("write /sys/fs/cgroup/c/cgroup.kill 1"), h.changes());
    }

    @Test
    void survivorsOfSigkillAreReported() throws Exception {
        FakeHost h = FakeHosts.v2();
        Cgroup cg = Cgroup.create(h, FakeHosts.layout(h), "/c", "c");
        h.files.put("/sys/fs/cgroup/c/cgroup.procs", "10\n");
        h.files.remove("/sys/fs/cgroup/c/cgroup.kill");
        h.onWrite.put("/sys/fs/cgroup/c/cgroup.freeze", (p, v) -> h.files.put("/sys/fs/cgroup/c/cgroup.events",
                "frozen " + v + "\n"));
        h.immortal.add(10);
        CgroupException e = assertThrows(CgroupException.class, () -> cg.killAll(9, Duration.ofMillis(300)));
        assertEquals("processes [10] are still in [/sys/fs/cgroup/c] 300 ms after SIGKILL", e.getMessage());
    }

    @Test
    void oomKillsFromOomControlOrMemoryEvents() throws Exception {
        FakeHost h = FakeHosts.hybrid();
        Cgroup cg = Cgroup.create(h, FakeHosts.layout(h), "/c", "c");
        assertEquals(0, cg.oomKills());
        h.files.put("/sys/fs/cgroup/memory/c/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");
        assertEquals(2, cg.oomKills());
        FakeHost v2 = FakeHosts.v2();
        Cgroup c2 = Cgroup.create(v2, FakeHosts.layout(v2), "/c", "c");
        v2.file("/sys/fs/cgroup/c/memory.events", "low 0\nhigh 0\nmax 9\noom 4\noom_kill 3\n");
        assertEquals(3, c2.oomKills());
    }
}
