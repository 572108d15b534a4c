package dev.berth.syscall.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Open;
import dev.berth.syscall.Signal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a failing step is reported, and that nothing after it runs. None of this needs root. */
class SpawnErrorsTest {
    /** Prologue steps before the first of a plan's own: two close_range, one reset per signal the JVM ignores. */
    static final int PROLOGUE = 2 + PlanBuilder.ignoredSignalCount();

    @TempDir
    Path tmp;

    @Test
    void aFailedStepIsNamedWithItsErrnoAndPosition() throws Exception {
        PlanBuilder b = SpawnPlan.builder()
                .mkdirat(FdRef.CWD, tmp + "/a", 0755)
                .mkdirat(FdRef.CWD, tmp + "/missing/b", 0700).label("mounts[2]");
        Payload.sh(b, "echo must not run");
        SpawnStepException e = assertThrows(SpawnStepException.class, () -> Payload.run(b));
        assertEquals(Errno.ENOENT, e.errno());
        // close_range, close other fds, mkdirat, mkdirat; then the error pipe moved, 2 x (fcntl + dup3)
        // for stdout/stderr, mask, execve
        assertEquals(PROLOGUE + 2, e.stepNumber());
        assertEquals(PROLOGUE + 9, e.stepCount());
        assertEquals("mkdirat(AT_FDCWD, \"" + tmp + "/missing/b\", 0700) = -1 ENOENT (No such file or directory) "
                + "(step " + (PROLOGUE + 2) + " of " + (PROLOGUE + 9) + ": mounts[2])", e.getMessage());
        assertTrue(Files.isDirectory(tmp.resolve("a")), "steps before the failure ran");
    }

    @Test
    void aToleratedErrnoPassesAndOthersStillFail() throws Exception {
        Files.createDirectories(tmp.resolve("exists"));
        PlanBuilder ok = SpawnPlan.builder().mkdirat(FdRef.CWD, tmp + "/exists", 0755).tolerate(Errno.EEXIST);
        assertEquals(new Payload.Result("ran\n", ExitStatus.exited(0)), Payload.run(Payload.sh(ok, "echo ran")));

        PlanBuilder other = SpawnPlan.builder().mkdirat(FdRef.CWD, tmp + "/no/such", 0755).tolerate(Errno.EEXIST);
        SpawnStepException e = assertThrows(SpawnStepException.class, () -> Payload.run(Payload.sh(other, "true")));
        assertEquals(Errno.ENOENT, e.errno());
    }

    @Test
    void aSyncReadThatSeesEndOfFileFailsTheChild() throws Exception {
        try (SyncPipe go = SyncPipe.toChild()) {
            PlanBuilder b = SpawnPlan.builder().readByte(go.childEnd()).label("sync: wait for the parent");
            SpawnPlan plan = Payload.sh(b, "echo must not run").build();
            try (Spawned s = Spawner.spawn(plan)) {
                go.close(); // the parent gives up without signalling
                SpawnStepException e = assertThrows(SpawnStepException.class, s::awaitExec);
                assertEquals(0, e.errno());
                assertEquals(0, e.result());
                assertTrue(e.getMessage().matches("read\\(\\d+, buf\\[1\\], 1\\) = 0 \\(expected 1: the other end "
                        + "closed\\) \\(step " + (PROLOGUE + 1) + " of " + (PROLOGUE + 3) + ": sync: wait for the "
                        + "parent\\)"), e.getMessage());
                assertEquals(ExitStatus.exited(127), s.waitFor());
            }
        }
    }

    @Test
    void aSignalledSyncLetsTheChildGoOn() throws Exception {
        try (SyncPipe go = SyncPipe.toChild(); SyncPipe ready = SyncPipe.fromChild()) {
            PlanBuilder b = SpawnPlan.builder().write(ready.childEnd(), "r").readByte(go.childEnd());
            SpawnPlan plan = Payload.sh(b, "exit 7").build();
            try (Spawned s = Spawner.spawn(plan)) {
                go.afterSpawn();
                ready.afterSpawn();
                assertTrue(ready.await(), "the child reached its ready point");
                assertTrue(!s.hasEnded(), "and waits for the parent");
                go.signal();
                s.awaitExec();
                assertEquals(ExitStatus.exited(7), s.waitFor());
            }
        }
    }

    @Test
    void execFailureIsReportedAndPathSearchUsesTolerance() throws Exception {
        PlanBuilder missing = SpawnPlan.builder().execve(tmp + "/nope", List.of("nope"), List.of());
        SpawnStepException e = assertThrows(SpawnStepException.class, () -> Payload.run(missing));
        assertEquals("execve(\"" + tmp + "/nope\", [\"nope\"], []) = -1 ENOENT (No such file or directory) "
                + "(step " + (PROLOGUE + 7) + " of " + (PROLOGUE + 7) + ")", e.getMessage());

        PlanBuilder search = SpawnPlan.builder()
                .execve(tmp + "/bin/echo", List.of("echo", "found"), List.of()).tolerate(Errno.ENOENT)
                .execve("/bin/echo", List.of("echo", "found"), List.of());
        assertEquals("found\n", Payload.run(search).output());
    }

    @Test
    void resultsFlowThroughSlots() throws Exception {
        Files.writeString(tmp.resolve("input"), "from a slot\n");
        PlanBuilder b = SpawnPlan.builder();
        Slot fd = b.slot();
        b.openat(FdRef.CWD, tmp + "/input", Open.O_RDONLY | Open.O_CLOEXEC, 0).into(fd).dup3(fd, 0, 0);
        assertEquals("from a slot\n", Payload.run(Payload.sh(b, "cat")).output());
    }

    @Test
    void killedPayloadsReportTheSignal() throws Exception {
        assertEquals(ExitStatus.killed(Signal.SIGTERM), Payload.run(Payload.sh(SpawnPlan.builder(), "kill -TERM $$")).status());
        assertEquals(128 + Signal.SIGTERM, ExitStatus.killed(Signal.SIGTERM).shellCode());
    }

    @Test
    void cloneFailureIsAnErrnoException() {
        // An invalid combination the kernel refuses at clone3 time: a cgroup fd that is not a directory.
        PlanBuilder b = Payload.sh(SpawnPlan.builder().intoCgroup(0), "true");
        ErrnoException e = assertThrows(ErrnoException.class, () -> Spawner.spawn(b.build()));
        assertTrue(e.getMessage().startsWith("clone3({flags=CLONE_VM|CLONE_PIDFD|CLONE_CLEAR_SIGHAND|CLONE_INTO_CGROUP}"),
                e.getMessage());
    }
}
