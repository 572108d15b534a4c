package dev.berth.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code berth run}: exit codes, signals, the payload's output, {@code --detach} and {@code --keep}. */
class RunTest extends ContainerTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 3, 255})
    void returnsThePayloadsExitCode(int code) throws Exception {
        bundle.sh("exit " + code);
        BerthCli.Result r = run();
        assertEquals(code, r.code(), r.toString());
    }

    @Test
    void aPayloadKilledByASignalGives128PlusTheSignal() throws Exception {
        // Without a pid namespace the shell is not an init, so its own SIGUSR1 kills it.
        bundle.withoutNamespace("pid").sh("kill -USR1 $$; sleep 5");
        BerthCli.Result r = run();
        assertEquals(128 + 10, r.code(), r.toString());
    }

    @Test
    void anInitKilledFromOutsideGives137() throws Exception {
        bundle.args("sleep", "600");
        BerthCli.Running running = startRun();
        awaitTrue("the container runs", () -> isRunning(id));
        berth("kill", id, "KILL").ok();
        BerthCli.Result r = running.await();
        assertEquals(128 + 9, r.code(), r.toString());
    }

    @Test
    void theForegroundRunPassesSigtermToTheContainer() throws Exception {
        bindHost();
        bundle.sh("trap 'echo term > /host/got; exit 7' TERM; echo up > /host/up; while :; do sleep 0.05; done");
        BerthCli.Running running = startRun();
        awaitFile(host.resolve("up"), s -> s.equals("up\n"));
        running.process.toHandle().destroy(); // SIGTERM to berth itself
        BerthCli.Result r = running.await();
        assertEquals(7, r.code(), r.toString());
        assertEquals("term\n", Files.readString(host.resolve("got")));
    }

    @Test
    void thePayloadsStdoutAndStderrReachTheCaller() throws Exception {
        bundle.sh("echo to-stdout; echo to-stderr >&2; printf 'no newline'");
        BerthCli.Result r = run().ok();
        assertEquals("to-stdout\nno newline", r.out());
        assertTrue(r.err().contains("to-stderr\n"), r.toString());
    }

    @Test
    void thePayloadInheritsOnlyItsStdio() throws Exception {
        // Seen from the host: a shell inside lists its fds through a child whose own pipe or directory fds
        // come and go, so the payload here is a sleep whose fd table stays as exec left it.
        bundle.args("sleep", "600");
        run("--detach").ok();
        Path fds = Path.of("/proc/" + pid(id) + "/fd");
        try (var list = Files.list(fds)) {
            assertEquals(List.of("0", "1", "2"), list.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void detachReturnsAtOnceAndTheContainerKeepsRunning() throws Exception {
        bindHost();
        bundle.sh("echo started > /host/started; exec sleep 600");
        BerthCli.Result r = run("--detach").ok();
        assertTrue(r.took().compareTo(Duration.ofSeconds(30)) < 0, r.toString());
        awaitFile(host.resolve("started"), s -> s.equals("started\n"));
        assertEquals("running", status(id));
        int pid = pid(id);
        assertTrue(Files.exists(Path.of("/proc/" + pid)), "the init " + pid + " runs");
        Thread.sleep(300);
        assertEquals("running", status(id), "still running after berth returned");
    }

    @Test
    void afterAForegroundRunTheContainerIsGone() throws Exception {
        bundle.sh("true");
        run().ok();
        BerthCli.Result state = berth("state", id);
        assertEquals(1, state.code(), state.toString());
        assertTrue(state.err().contains("container \"" + id + "\" does not exist"), state.toString());
        assertFalse(Files.exists(berth.root().resolve(id)), "no state directory");
    }

    @Test
    void keepLeavesAStoppedContainerUntilDelete() throws Exception {
        bundle.sh("exit 4");
        assertEquals(4, run("--keep").code());
        assertEquals("stopped", status(id));
        berth("delete", id).ok();
        assertEquals(1, berth("state", id).code());
    }

    @Test
    void noPivotStillConfinesThePayloadToItsRoot() throws Exception {
        bundle.sh("ls /; echo $$");
        BerthCli.Result r = run("--no-pivot").ok();
        assertEquals(List.of("bin", "dev", "etc", "home", "proc", "root", "sys", "tmp", "1"), r.out().lines().toList());
    }

    private boolean isRunning(String containerId) {
        try {
            BerthCli.Result r = berth.call("state", containerId);
            return r.code() == 0 && "running".equals(Json.object(r.out()).get("status"));
        } catch (Exception e) {
            return false;
        }
    }
}
