package dev.berth.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OCI hooks: each phase runs at its point of the lifecycle with the state JSON on stdin, its args and env;
 * failures fail create (leaving nothing) or only warn (poststart, poststop); a timeout kills the hook.
 * The hook is a shell script in {@link #host}: it saves its stdin as {@code PHASE.json} and appends
 * {@code PHASE $E2E_HOOK} to {@code order}. Hooks of the runtime namespace run it by its host path; a
 * {@code startContainer} hook runs in the container, where the same directory is {@code /host}.
 */
class HooksTest extends ContainerTest {
    private static final String SCRIPT = """
            #!/bin/sh
            cat > "$2/$1.json"
            echo "$1 ${E2E_HOOK:-unset}" >> "$2/order"
            exit ${3:-0}
            """;

    private Path script;

    @BeforeEach
    void writeHookScript() throws Exception {
        script = host.resolve("hook.sh");
        writeExecutable(script, SCRIPT);
        bindHost();
    }

    private Map<String, Object> hook(String phase, String... extra) {
        boolean inside = phase.equals("startContainer");
        String path = inside ? "/host/hook.sh" : script.toString();
        List<Object> args = Json.array("hook.sh", phase, inside ? "/host" : host.toString());
        args.addAll(List.of(extra));
        return Json.map("path", path, "args", args, "env", Json.array("E2E_HOOK=" + phase, marker,
                "PATH=/usr/sbin:/usr/bin:/sbin:/bin"));
    }

    private void addHooks(String... phases) {
        for (String p : phases) {
            bundle.hook(p, hook(p));
        }
    }

    private List<String> order() throws Exception {
        Path f = host.resolve("order");
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    private Map<String, Object> stateSeenBy(String phase) throws Exception {
        return Json.object(Files.readString(host.resolve(phase + ".json")));
    }

    @Test
    void everyPhaseRunsAtItsPointWithTheStateOnStdin() throws Exception {
        addHooks("prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop");
        bundle.sh("echo payload ${E2E_HOOK:-unset} >> /host/order; exec sleep 600");

        create().ok();
        assertEquals(List.of("prestart prestart", "createRuntime createRuntime", "createContainer createContainer"),
                order(), "create runs the create hooks in order, each with its own env");
        int pid = pid(id);
        for (String phase : List.of("prestart", "createRuntime", "createContainer")) {
            Map<String, Object> s = stateSeenBy(phase);
            assertEquals("creating", s.get("status"), phase + ": " + s);
            assertEquals((long) pid, s.get("pid"), phase + ": the init's pid");
            assertEquals(id, s.get("id"), phase);
            assertEquals(bundle.dir.toString(), s.get("bundle"), phase);
            assertEquals("1.3.0", s.get("ociVersion"), phase);
        }

        berth("start", id).ok();
        awaitFile(host.resolve("order"), t -> t.contains("payload") && t.contains("poststart"));
        List<String> started = order().subList(3, order().size());
        assertEquals("startContainer startContainer", started.get(0), "startContainer runs before the payload: " + started);
        assertTrue(started.contains("payload unset"), "the payload does not get a hook's env: " + started);
        assertTrue(started.contains("poststart poststart"), "poststart ran before start returned: " + started);
        assertEquals("created", stateSeenBy("startContainer").get("status"));
        assertEquals("running", stateSeenBy("poststart").get("status"));
        assertEquals((long) pid, stateSeenBy("poststart").get("pid"));
        assertFalse(Files.exists(host.resolve("poststop.json")), "no poststop before delete");

        berth("kill", id, "KILL").ok();
        awaitStatus(id, "stopped");
        berth("delete", id).ok();
        List<String> all = order();
        assertEquals("poststop poststop", all.get(all.size() - 1), "poststop runs at delete: " + all);
        assertEquals("stopped", stateSeenBy("poststop").get("status"));
        assertEquals(id, stateSeenBy("poststop").get("id"));
    }

    @Test
    void runRunsTheCreateHooksPoststartAndPoststop() throws Exception {
        addHooks("prestart", "createRuntime", "createContainer", "poststart", "poststop");
        bundle.sh("echo payload >> /host/order");
        run().ok();
        List<String> o = order();
        assertEquals(List.of("prestart prestart", "createRuntime createRuntime", "createContainer createContainer"),
                o.subList(0, 3), o.toString());
        assertTrue(o.contains("payload"), o.toString());
        assertTrue(o.contains("poststart poststart"), o.toString());
        assertEquals("poststop poststop", o.get(o.size() - 1), o.toString());
    }

    @Test
    void runRunsTheStartContainerHookBeforeThePayload() throws Exception {
        // runc's init runs startContainer hooks before exec on run as on start; Berth's run execs at once
        // (RunCommand never calls them)
        addHooks("startContainer");
        bundle.sh("echo payload >> /host/order");
        run().ok();
        assertEquals(List.of("startContainer startContainer", "payload"), order());
    }

    @Test
    void createContainerAndStartContainerRunInTheContainersNamespaces() throws Exception {
        bundle.config.put("hostname", "hooked");
        String uts = "uname -n > \"$2/$1.uts\"";
        writeExecutable(script, SCRIPT.replace("exit ${3:-0}", uts + "\nexit ${3:-0}"));
        addHooks("createRuntime", "createContainer", "startContainer");
        bundle.args("true");
        create().ok();
        berth("start", id).ok();
        String hostName = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        assertEquals(hostName, Files.readString(host.resolve("createRuntime.uts")).strip(), "createRuntime: the host's");
        assertEquals("hooked", Files.readString(host.resolve("startContainer.uts")).strip(), "startContainer: the container's");
        // The hostname is set after pivot_root, so createContainer sees the new UTS namespace's
        // initial name (a copy of the host's); what tells is that it is not running in the host's
        // namespace, which this test does not see. runc behaves the same way.
        assertNotEquals("", Files.readString(host.resolve("createContainer.uts")).strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"prestart", "createRuntime", "createContainer"})
    void aFailingCreateHookFailsCreateAndLeavesNothing(String phase) throws Exception {
        bundle.hook(phase, hook(phase, "3"));
        bundle.args("true");
        BerthCli.Result r = create();
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("hooks." + phase + "[0]"), "the error names the hook: " + r);
        assertTrue(r.err().contains("status 3"), "and how it failed: " + r);
        assertEquals(1, berth("state", id).code(), "no container");
        assertNothingLeft(List.of(id));
    }

    @Test
    void aFailingStartContainerHookFailsStartAndThePayloadNeverRuns() throws Exception {
        bundle.hook("startContainer", hook("startContainer", "4"));
        bundle.sh("echo payload >> /host/order; sleep 600");
        create().ok();
        BerthCli.Result r = berth("start", id);
        assertNotEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("hooks.startContainer[0]"), r.toString());
        Thread.sleep(300);
        assertFalse(order().contains("payload"), order().toString());
    }

    @Test
    void aFailingPoststartHookOnlyWarns() throws Exception {
        bundle.hook("poststart", hook("poststart", "5"));
        bundle.sh("echo payload");
        BerthCli.Result r = run();
        assertEquals(0, r.code(), r.toString());
        assertEquals("payload\n", r.out());
        assertTrue(r.err().contains("warning") && r.err().contains("hooks.poststart[0]"), r.toString());
    }

    @Test
    void aFailingPoststartHookOnlyWarnsAtStartToo() throws Exception {
        bundle.hook("poststart", hook("poststart", "5"));
        bundle.args("sleep", "600");
        create().ok();
        BerthCli.Result r = berth("start", id);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("hooks.poststart[0]"), r.toString());
        assertEquals("running", status(id));
    }

    @Test
    void aFailingPoststopHookOnlyWarnsAndTheContainerIsDeleted() throws Exception {
        bundle.hook("poststop", hook("poststop", "6"));
        bundle.args("true");
        create().ok();
        BerthCli.Result r = berth("delete", id);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("hooks.poststop[0]"), r.toString());
        assertEquals(1, berth("state", id).code());
    }

    @Test
    void aHookThatOutlivesItsTimeoutIsKilledAndFailsCreate() throws Exception {
        Map<String, Object> slow = Json.map("path", "/bin/sleep", "args", Json.array("sleep", "30"), "env",
                Json.array(marker), "timeout", 1);
        bundle.hook("createRuntime", slow);
        bundle.args("true");
        BerthCli.Result r = create();
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.took().compareTo(Duration.ofSeconds(20)) < 0, "the hook was not waited for: " + r);
        assertTrue(r.err().contains("hooks.createRuntime[0]") && r.err().contains("timed out"), r.toString());
        assertNothingLeft(List.of(id)); // the sleep too: it carries the marker
    }
}
