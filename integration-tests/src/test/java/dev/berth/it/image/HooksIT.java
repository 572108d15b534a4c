package dev.berth.it.image;

import static dev.berth.it.image.BerthMachine.describe;
import static dev.berth.it.image.BerthMachine.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.specs.Hook;
import dev.berth.specs.Hooks;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.Container.ExecResult;

/**
 * OCI hooks run by berth in its image: every phase in lifecycle order with the container's state on stdin,
 * the runtime-namespace ones in the machine, {@code createContainer} in the container's namespaces before
 * {@code pivot_root} (the machine's paths are still there) and {@code startContainer} in the container (the
 * machine's {@code /bundles/hooks-log} is the container's {@code /log}); and a failing
 * prestart hook fails the create and leaves nothing behind (no state, no cgroup).
 */
class HooksIT {
    /** Saves its stdin as {@code DIR/PHASE.json} and appends {@code PHASE} to {@code DIR/order}. */
    private static final String HOOK = "cat > \"$LOG/$1.json\"; echo \"$1\" >> \"$LOG/order\"";

    @RegisterExtension
    static final BerthMachine berth = new BerthMachine();

    private static List<Hook> hook(String phase, String log) {
        return List.of(new Hook("/bin/sh", List.of("sh", "-c", HOOK, "hook", phase), List.of("LOG=" + log), 10));
    }

    @Test
    void everyPhaseRunsInOrderWithTheStateOnStdin() throws Exception {
        String machineLog = "/bundles/hooks-log";
        ok(berth.sh("mkdir -p " + machineLog));
        Bundle b = berth.bundle("hooked")
                .mount("/log", "bind", machineLog, "rbind", "rw")
                .spec(s -> s.withHooks(new Hooks(hook("prestart", machineLog), hook("createRuntime", machineLog),
                        hook("createContainer", machineLog), hook("startContainer", "/log"), hook("poststart", machineLog),
                        hook("poststop", machineLog))))
                .sh("echo \"payload sees $(cat /log/order | tr '\\n' ' ')\"");
        ExecResult r = berth.run(b);
        // poststart runs once the payload has started, maybe before, maybe after it looks
        assertTrue(ok(r).getStdout().startsWith("payload sees prestart createRuntime createContainer startContainer "),
                describe(r));
        assertEquals("prestart\ncreateRuntime\ncreateContainer\nstartContainer\npoststart\npoststop\n",
                ok(berth.sh("cat " + machineLog + "/order")).getStdout());
        for (String[] phase : new String[][] {{"prestart", "creating"}, {"createRuntime", "creating"},
                {"createContainer", "creating"}, {"startContainer", "created"}, {"poststart", "running"},
                {"poststop", "stopped"}}) {
            String state = ok(berth.sh("cat " + machineLog + "/" + phase[0] + ".json")).getStdout();
            assertTrue(state.replace(" ", "").contains("\"id\":\"hooked\""), phase[0] + ": " + state);
            assertTrue(state.replace(" ", "").contains("\"status\":\"" + phase[1] + "\""), phase[0] + ": " + state);
            assertTrue(state.replace(" ", "").contains("\"bundle\":\"/bundles/hooked\""), phase[0] + ": " + state);
        }
    }

    @Test
    void aFailingPrestartHookFailsCreateAndLeavesNothing() throws Exception {
        Bundle b = berth.bundle("hook-fails")
                .spec(s -> s.withHooks(new Hooks(List.of(new Hook("/bin/sh", List.of("sh", "-c", "exit 3"), List.of(), null)),
                        List.of(), List.of(), List.of(), List.of(), List.of())))
                .sh("echo payload ran");
        ExecResult r = berth.run(b);
        assertEquals(1, r.getExitCode(), describe(r));
        assertTrue(r.getStderr().contains("prestart") && r.getStderr().contains("status 3"), describe(r));
        assertTrue(!r.getStdout().contains("payload ran"), describe(r));
        assertEquals("", ok(berth.berth("list", "-q")).getStdout(), "no state left");
        assertEquals("", ok(berth.sh("find /sys/fs/cgroup -name hook-fails")).getStdout(), "no cgroup left");
    }
}
