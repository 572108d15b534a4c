package dev.berth.it.image;

import dev.berth.it.common.Await;
import static dev.berth.it.image.BerthMachine.describe;
import static dev.berth.it.image.BerthMachine.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.Container.ExecResult;

/**
 * The runc lifecycle through berth in its image: run in the foreground with the payload's output and exit
 * status; create, start, state, kill and delete one step at a time; detach; pause and resume through the
 * freezer cgroup; list and ps. A detached container's output goes to a file in its bundle: it inherits
 * berth's stdio, and a {@code docker exec} would wait for every holder of its pipe.
 */
class LifecycleIT {
    @RegisterExtension
    static final BerthMachine berth = new BerthMachine();

    @Test
    void runPrintsWhatThePayloadPrintsAndExitsWithItsStatus() throws Exception {
        ExecResult r = berth.run(berth.bundle("run-status").sh("echo out; echo err >&2; exit 3"));
        assertEquals(3, r.getExitCode(), describe(r));
        assertEquals("out\n", r.getStdout(), describe(r));
        assertTrue(r.getStderr().contains("err\n"), describe(r));
        ExecResult gone = berth.berth("state", "run-status");
        assertEquals(1, gone.getExitCode(), "run deletes the container: " + describe(gone));
    }

    @Test
    void createStartKillDeleteStepByStep() throws Exception {
        Bundle b = berth.bundle("steps").sh("""
                trap 'echo "got TERM"; exit 0' TERM
                echo "started as pid $$"
                while :; do sleep 1 & wait; done
                """);
        berth.write(b);
        String out = b.dir() + "/out";
        ok(berth.sh("berth create --bundle " + b.dir() + " --pid-file " + b.dir() + "/pid steps > " + out + " 2>&1"));
        String created = ok(berth.berth("state", "steps")).getStdout();
        assertTrue(created.contains("\"status\": \"created\""), created);
        String pid = ok(berth.sh("cat " + b.dir() + "/pid")).getStdout().strip();
        assertTrue(created.contains("\"pid\": " + pid + ","), "state and --pid-file agree: " + created + " vs " + pid);
        assertEquals("", ok(berth.sh("cat " + out)).getStdout(), "the payload waits for start");

        ok(berth.berth("start", "steps"));
        assertTrue(ok(berth.berth("state", "steps")).getStdout().contains("\"status\": \"running\""));
        Await.until("the payload ran as pid 1",
                () -> ok(berth.sh("cat " + out)).getStdout().contains("started as pid 1"));

        ok(berth.berth("kill", "steps", "TERM"));
        Await.until("stopped",
                () -> ok(berth.berth("state", "steps")).getStdout().contains("\"status\": \"stopped\""));
        assertTrue(ok(berth.sh("cat " + out)).getStdout().contains("got TERM"));
        ok(berth.berth("delete", "steps"));
        ExecResult gone = berth.berth("state", "steps");
        assertEquals(1, gone.getExitCode(), describe(gone));
        assertTrue(gone.getStderr().contains("does not exist"), describe(gone));
    }

    @Test
    void aRunningContainerIsPausedAndResumedThroughItsCgroup() throws Exception {
        Bundle b = berth.bundle("paused").sh("i=0; while :; do i=$((i+1)); echo $i > /dev/shm/count; sleep 0.1; done");
        berth.write(b);
        ok(berth.sh("berth run --detach --bundle " + b.dir() + " paused > /dev/null 2>&1"));
        String pids = ok(berth.berth("ps", "--format", "json", "paused")).getStdout().strip();
        assertTrue(pids.matches("\\[\\d+(,\\d+)*]"), pids);
        ok(berth.berth("pause", "paused"));
        assertTrue(ok(berth.berth("state", "paused")).getStdout().contains("\"status\": \"paused\""));
        String root = "/proc/" + pids.substring(1, pids.indexOf(pids.contains(",") ? ',' : ']')) + "/root";
        String first = ok(berth.sh("cat " + root + "/dev/shm/count")).getStdout();
        Thread.sleep(500);
        assertEquals(first, ok(berth.sh("cat " + root + "/dev/shm/count")).getStdout(), "a frozen loop counts no further");
        ok(berth.berth("resume", "paused"));
        Await.until("counting again", () -> !first.equals(ok(berth.sh("cat " + root + "/dev/shm/count")).getStdout()));
        String list = ok(berth.berth("list", "--format", "json")).getStdout();
        assertTrue(list.contains("\"id\":\"paused\"") && list.contains("\"status\":\"running\""), list);
        ok(berth.berth("delete", "--force", "paused"));
    }
}
