package dev.berth.runtime.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.syscall.testing.RootTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code berth init} as a program, modelled on tini's and dumb-init's test suites: exit codes, signal
 * forwarding to the child and to its group, reaping as PID 1 and as a subreaper, and Berth's additions
 * (drain, grace escalation, delay, rewrite). Probes are shell payloads that print what they see.
 */
class InitTest {
    /** A payload that traps {@code signals}, prints their names as they come, and exits on TERM. */
    private static String trapping(String... signals) {
        StringBuilder sb = new StringBuilder();
        for (String s : signals) {
            sb.append("trap 'echo ").append(s).append(s.equals("TERM") ? "; exit 0" : "").append("' ").append(s).append("; ");
        }
        return sb.append("echo ready; while :; do sleep 0.05; done").toString();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 42, 126, 127, 128, 200, 255})
    void exitsWithThePayloadsCode(int code) throws Exception {
        try (InitProcess init = InitProcess.start(false, "--", "sh", "-c", "exit " + code)) {
            assertEquals(code, init.exitCode());
        }
    }

    @Test
    void exitsWith128PlusTheSignalThatKilledThePayload() throws Exception {
        try (InitProcess init = InitProcess.start(false, "--", "sh", "-c", "kill -USR1 $$")) {
            assertEquals(128 + 10, init.exitCode());
        }
    }

    @Test
    void mapsChosenExitCodesToZero() throws Exception {
        try (InitProcess init = InitProcess.start(false, "-e", "143", "--", "sh", "-c", "kill -TERM $$")) {
            assertEquals(0, init.exitCode());
        }
        try (InitProcess init = InitProcess.start(false, "-e", "143", "--", "sh", "-c", "exit 3")) {
            assertEquals(3, init.exitCode());
        }
    }

    @Test
    void commandNotFoundIs127AndBadOptionsAre2() throws Exception {
        try (InitProcess init = InitProcess.start(false, "--", "no-such-command-berth")) {
            assertEquals(127, init.exitCode());
            assertTrue(init.output().contains("berth init: no-such-command-berth: command not found"));
        }
        try (InitProcess init = InitProcess.start(false, "--grace", "soon", "--", "true")) {
            assertEquals(2, init.exitCode());
            assertTrue(init.output().contains("berth init: --grace: not a number of seconds: \"soon\""), "" + init.output());
        }
    }

    @Test
    void forwardsEveryCatchableSignalTheAnchorsForward() throws Exception {
        List<String> signals = List.of("HUP", "INT", "QUIT", "USR1", "USR2", "ALRM", "WINCH", "CONT", "URG", "PWR", "TERM");
        try (InitProcess init = InitProcess.start(false, "--", "sh", "-c", trapping(signals.toArray(String[]::new)))) {
            init.await("ready");
            for (String s : signals) {
                init.signal(s);
                init.await(s);
            }
            assertEquals(0, init.exitCode());
        }
    }

    @Test
    void forwardsToTheProcessGroupWithG() throws Exception {
        String script = "sh -c 'trap \"echo child TERM; exit 0\" TERM; echo child ready; while :; do sleep 0.05; done' & "
                + "trap 'echo parent TERM; wait; exit 0' TERM; wait";
        try (InitProcess init = InitProcess.start(false, "-g", "--", "sh", "-c", script)) {
            init.await("child ready");
            init.signal("TERM");
            init.await("child TERM");
            assertEquals(0, init.exitCode());
            assertTrue(init.output().contains("parent TERM"));
        }
    }

    @Test
    void reapsOrphansAsASubreaper() throws Exception {
        String script = "o=$( (sleep 0.3 >/dev/null 2>&1 & echo $!) ); "
                + "test \"$(awk '/^PPid/ {print $2}' /proc/$o/status)\" = \"$PPID\" && echo adopted; "
                + "sleep 1; test -e /proc/$o && echo zombie || echo reaped";
        try (InitProcess init = InitProcess.start(false, "--", "sh", "-c", script)) {
            init.await("adopted");
            init.await("reaped");
            assertEquals(0, init.exitCode());
        }
    }

    @Test
    void noSubreaperLeavesOrphansToOthers() throws Exception {
        String script = "o=$( (sleep 0.5 >/dev/null 2>&1 & echo $!) ); "
                + "test \"$(awk '/^PPid/ {print $2}' /proc/$o/status)\" = \"$PPID\" && echo adopted || echo elsewhere";
        try (InitProcess init = InitProcess.start(false, "--no-subreaper", "--", "sh", "-c", script)) {
            init.await("elsewhere");
            assertEquals(0, init.exitCode());
        }
    }

    @Test
    void drainWaitsForEveryProcess() throws Exception {
        try (InitProcess init = InitProcess.start(false, "--drain", "--", "sh", "-c",
                "(sleep 0.5; echo late) & echo payload done")) {
            init.await("payload done");
            init.await("late");
            assertEquals(0, init.exitCode());
        }
    }

    @Test
    void graceEscalatesToSigkill() throws Exception {
        try (InitProcess init = InitProcess.start(false, "--grace", "0.5", "--", "sh", "-c",
                "trap 'echo ignoring TERM' TERM; echo ready; while :; do sleep 0.05; done")) {
            init.await("ready");
            init.signal("TERM");
            init.await("ignoring TERM");
            assertEquals(128 + 9, init.exitCode());
        }
    }

    @Test
    void delayHoldsASignal() throws Exception {
        try (InitProcess init = InitProcess.start(false, "--delay", "TERM:1", "--", "sh", "-c",
                "trap 'echo TERM at $(date +%s%N); exit 0' TERM; echo ready; while :; do sleep 0.05; done")) {
            init.await("ready");
            long sent = System.currentTimeMillis() * 1_000_000;
            init.signal("TERM");
            assertEquals(0, init.exitCode());
            String line = init.output().stream().filter(l -> l.startsWith("TERM at ")).findFirst().orElseThrow();
            long received = Long.parseLong(line.substring(8));
            assertTrue(received - sent >= 900_000_000L, "held for " + (received - sent) / 1e6 + " ms");
        }
    }

    @Test
    void rewriteForwardsAnotherSignalOrDropsOne() throws Exception {
        try (InitProcess init = InitProcess.start(false, "--rewrite", "TERM:USR1", "--rewrite", "HUP:0", "--", "sh",
                "-c", "trap 'echo USR1; exit 0' USR1; trap 'echo HUP' HUP; echo ready; while :; do sleep 0.05; done")) {
            init.await("ready");
            init.signal("HUP");
            init.signal("TERM");
            init.await("USR1");
            assertEquals(0, init.exitCode());
            assertFalse(init.output().contains("HUP"), "HUP was dropped: " + init.output());
        }
    }

    @Test
    void aSignalBeforeThePayloadExistsIsDeliveredOnceItDoes() throws Exception {
        try (InitProcess init = InitProcess.start(false, Map.of("BERTH_INIT_START_DELAY_MS", "1500"), "--", "sh",
                "-c", "trap 'echo got USR1' USR1; echo started; sleep 0.5; echo done")) {
            Thread.sleep(800);
            init.signal("USR1");
            init.await("started");
            init.await("got USR1");
            assertEquals(0, init.exitCode());
        }
    }

    @Test
    @RootTest
    void asPid1ItReapsZombiesAndStaysStoppable() throws Exception {
        String script = "(sleep 0.2 &); (sleep 0.2 &); sleep 0.6; "
                + "echo zombies=$(grep -l '^State:.*Z' /proc/[0-9]*/status 2>/dev/null | wc -l); "
                + "echo init=$(cat /proc/1/comm); " + trapping("TERM");
        try (InitProcess init = InitProcess.start(true, "--", "sh", "-c", script)) {
            init.await("zombies=0");
            init.await("init=java");
            init.await("ready");
            init.signal("TERM");
            init.await("TERM");
            assertEquals(0, init.exitCode());
        }
    }

    @Test
    @RootTest
    void asPid1GraceKillsTheWholeNamespace() throws Exception {
        String script = "sh -c 'trap \"\" TERM; echo other ready; sleep 30' & trap 'echo ignoring TERM' TERM; "
                + "echo ready; while :; do sleep 0.05; done";
        try (InitProcess init = InitProcess.start(true, "--grace", "0.5", "--", "sh", "-c", script)) {
            init.await("other ready");
            init.await("ready");
            init.signal("TERM");
            init.await("ignoring TERM");
            assertEquals(128 + 9, init.exitCode());
        }
    }
}
