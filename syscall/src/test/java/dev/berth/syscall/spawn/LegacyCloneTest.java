package dev.berth.syscall.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.syscall.Arch;
import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Prctl;
import dev.berth.syscall.Seccomp;
import dev.berth.syscall.Syscalls;
import dev.berth.syscall.struct.SockFilter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Spawning where {@code clone3} answers {@code ENOSYS}, as under docker's default seccomp profile without
 * {@code CAP_SYS_ADMIN} (the profile makes libc fall back to {@code clone}): the spawn engine falls back to
 * {@code clone(2)} too, resets the JVM's signal handlers itself in place of {@code CLONE_CLEAR_SIGHAND}, and
 * gets the pidfd from {@code pidfd_open}. Each test runs on a thread of its own whose seccomp filter (a
 * thread's own: no TSYNC) refuses {@code clone3} alone.
 */
class LegacyCloneTest {
    private static final int BPF_LD_W_ABS = Seccomp.BPF_LD | Seccomp.BPF_W | Seccomp.BPF_ABS;
    private static final int BPF_JEQ_K = Seccomp.BPF_JMP | 0x10;
    private static final int BPF_RET_K = Seccomp.BPF_RET;

    @AfterEach
    void probeAgain() {
        Spawner.resetClone3Probe();
    }

    /** Runs {@code work} on a new thread that cannot call clone3; returns its result or rethrows. */
    private static <T> T withoutClone3(Callable<T> work) throws Exception {
        AtomicReference<Object> out = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                Syscalls.prctl(Prctl.PR_SET_NO_NEW_PRIVS, 1);
                Syscalls.seccompFilter(0, List.of(
                        SockFilter.stmt(BPF_LD_W_ABS, 0), // seccomp_data.nr
                        SockFilter.jump(BPF_JEQ_K, Arch.current().syscall("clone3"), 0, 1),
                        SockFilter.stmt(BPF_RET_K, Seccomp.SECCOMP_RET_ERRNO | Errno.ENOSYS),
                        SockFilter.stmt(BPF_RET_K, Seccomp.SECCOMP_RET_ALLOW)));
                out.set(work.call());
            } catch (Throwable e) {
                out.set(e);
            }
        });
        t.join();
        if (out.get() instanceof Exception e) {
            throw e;
        }
        if (out.get() instanceof Error e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        T result = (T) out.get();
        return result;
    }

    @Test
    void aPlainSpawnFallsBackToCloneAndStillExecsWaitsAndReportsErrors() throws Exception {
        Payload.Result r = withoutClone3(() -> Payload.run(Payload.sh(SpawnPlan.builder(),
                "cat /proc/self/status | grep -E '^Sig(Cgt|Blk)'; exit 7")));
        assertEquals(7, r.status().code());
        // nothing blocked and no handler (cat installs none): the payload starts clean
        assertEquals("SigBlk:\t0000000000000000\nSigCgt:\t0000000000000000\n", r.output());
        assertTrue(Spawner.usesLegacyClone(), "the engine remembers that clone3 is missing");
        // a failing step is still reported by name, after the handler resets the fallback added
        ErrnoException e = assertThrows(ErrnoException.class, () -> withoutClone3(() -> Payload.run(
                Payload.sh(SpawnPlan.builder().chdir("/no/such/dir"), "true"))));
        assertTrue(e.getMessage().contains("chdir"), e.getMessage());
        assertTrue(e.is(Errno.ENOENT), e.getMessage());
    }

    @Test
    void theFallbackResetsEveryHandlerTheJvmCouldHaveBeforeAnythingElse() {
        SpawnPlan plan = Payload.sh(SpawnPlan.builder(), "true").build();
        List<Step> steps = Spawner.withSignalHandlersReset(plan).steps();
        assertEquals(plan.steps().size() + 62, steps.size(), "64 signals but SIGKILL and SIGSTOP");
        assertTrue(steps.get(0).render().startsWith("rt_sigaction(1, "), steps.get(0).render());
        assertTrue(steps.get(61).render().startsWith("rt_sigaction(64, "), steps.get(61).render());
        assertEquals(plan.steps(), steps.subList(62, steps.size()));
    }

    @Test
    void aPlanCloneCannotExpressIsRefusedWithClone3sError() throws Exception {
        // CLONE_INTO_CGROUP exists in clone3 only: no fallback, the ENOSYS stands
        ErrnoException e = assertThrows(ErrnoException.class, () -> withoutClone3(() -> Payload.run(
                Payload.sh(SpawnPlan.builder().intoCgroup(0), "true"))));
        assertTrue(e.is(Errno.ENOSYS), e.getMessage());
        assertTrue(e.getMessage().startsWith("clone3("), e.getMessage());
        assertFalse(Spawner.usesLegacyClone());
    }
}
