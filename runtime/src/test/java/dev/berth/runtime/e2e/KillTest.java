package dev.berth.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code berth kill}: signal names with and without {@code SIG}, numbers, the default SIGTERM, and
 * {@code --all}. The payload traps the signal and reports it in {@link #host} (a PID 1 only gets the
 * signals it has a handler for, SIGKILL aside).
 */
class KillTest extends ContainerTest {
    private static final String TRAPPING = "trap 'echo TERM > /host/got; exit 0' TERM; trap 'echo USR1 >> /host/got' USR1; "
            + "echo up > /host/up; while :; do sleep 0.05; done";

    private void startTrapping() throws Exception {
        bindHost();
        bundle.sh(TRAPPING);
        run("--detach").ok();
        awaitFile(host.resolve("up"), s -> s.equals("up\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "SIGTERM", "15"})
    void sigtermByNameOrNumber(String signal) throws Exception {
        startTrapping();
        berth("kill", id, signal).ok();
        awaitFile(host.resolve("got"), s -> s.equals("TERM\n"));
        awaitStatus(id, "stopped");
    }

    @ParameterizedTest
    @ValueSource(strings = {"term", "sigusr1"})
    void lowerCaseNamesAsRuncAccepts(String signal) throws Exception {
        // runc's parseSignal upper-cases the name before the lookup
        startTrapping();
        berth("kill", id, signal).ok();
        awaitFile(host.resolve("got"), s -> s.equals(signal.endsWith("term") ? "TERM\n" : "USR1\n"));
    }

    @Test
    void theDefaultSignalIsSigterm() throws Exception {
        startTrapping();
        berth("kill", id).ok();
        awaitFile(host.resolve("got"), s -> s.equals("TERM\n"));
        awaitStatus(id, "stopped");
    }

    @Test
    void aCaughtSignalLeavesTheContainerRunning() throws Exception {
        startTrapping();
        berth("kill", id, "USR1").ok();
        awaitFile(host.resolve("got"), s -> s.equals("USR1\n"));
        assertEquals("running", status(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"KILL", "SIGKILL", "9"})
    void sigkillStopsTheContainer(String signal) throws Exception {
        bundle.args("sleep", "600");
        run("--detach").ok();
        berth("kill", id, signal).ok();
        awaitStatus(id, "stopped");
    }

    @Test
    void anUnknownSignalIsRefusedAndNothingIsSent() throws Exception {
        startTrapping();
        BerthCli.Result r = berth("kill", id, "NOPE");
        assertNotEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("NOPE"), "the error names the signal: " + r);
        assertEquals("running", status(id));
    }

    @Test
    void killOfACreatedContainerReachesTheWaitingInit() throws Exception {
        bundle.args("sleep", "600");
        create().ok();
        berth("kill", id, "KILL").ok();
        awaitStatus(id, "stopped");
    }

    @Test
    void killAllReachesEveryProcessOfTheContainer() throws Exception {
        // like runc: every process in the container's cgroup is signalled, not only the init
        bindHost();
        // the init traps TERM rather than ignoring it: a shell cannot trap a signal ignored on entry
        bundle.sh("trap : TERM; sh -c 'trap \"echo child > /host/child; exit 0\" TERM; echo up > /host/up; "
                + "while :; do sleep 0.05; done' & while :; do sleep 0.05; done");
        run("--detach").ok();
        awaitFile(host.resolve("up"), s -> s.equals("up\n"));
        berth("kill", "--all", id, "TERM").ok();
        awaitFile(host.resolve("child"), s -> s.equals("child\n"));
        assertEquals("running", status(id), "the init traps TERM and keeps running");
    }

    @Test
    void killAllWithSigkillStopsEverything() throws Exception {
        bundle.sh("sleep 600 & sleep 600 & wait");
        run("--detach").ok();
        berth("kill", "--all", id, "KILL").ok();
        awaitStatus(id, "stopped");
    }
}
