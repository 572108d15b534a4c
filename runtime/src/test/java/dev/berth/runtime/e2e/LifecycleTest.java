package dev.berth.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * create → start → kill → delete through the exec FIFO, with {@code state} after each step, and the
 * refusals runc gives for a verb in the wrong state.
 */
class LifecycleTest extends ContainerTest {
    @Test
    void createStartKillDelete() throws Exception {
        bindHost();
        bundle.sh("echo ran > /host/ran; exec sleep 600");
        create().ok();

        Map<String, Object> created = state(id);
        assertEquals("created", created.get("status"));
        int pid = ((Long) created.get("pid")).intValue();
        assertTrue(pid > 0, "the init's pid: " + created);
        assertEquals("1", nsPid(pid), "the pid in state is the container's PID 1 as the host sees it");
        Thread.sleep(300);
        assertFalse(Files.exists(host.resolve("ran")), "the payload ran before start");

        berth("start", id).ok();
        awaitFile(host.resolve("ran"), s -> s.equals("ran\n"));
        Map<String, Object> running = state(id);
        assertEquals("running", running.get("status"));
        assertEquals((long) pid, running.get("pid"), "the same init runs the payload");

        berth("kill", id, "KILL").ok();
        awaitStatus(id, "stopped");

        berth("delete", id).ok();
        BerthCli.Result gone = berth("state", id);
        assertEquals(1, gone.code(), gone.toString());
        assertTrue(gone.err().contains("container \"" + id + "\" does not exist"), gone.toString());
        assertFalse(Files.exists(berth.root().resolve(id)));
    }

    @Test
    void stateHasTheOciFields() throws Exception {
        bundle.args("sleep", "600");
        bundle.config.put("annotations", Json.map("org.example.key", "value"));
        create().ok();
        Map<String, Object> s = state(id);
        assertEquals("1.3.0", s.get("ociVersion"));
        assertEquals(id, s.get("id"));
        assertEquals(bundle.dir.toString(), s.get("bundle"));
        assertEquals(bundle.rootfs.toString(), s.get("rootfs"));
        assertEquals("", s.get("owner"), "runc's owner of root's containers");
        assertTrue(((String) s.get("created")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"), s.toString());
        assertEquals(Map.of("org.example.key", "value"), s.get("annotations"));
    }

    @Test
    void theBundleDefaultsToTheCurrentDirectory() throws Exception {
        bundle.args("sleep", "600");
        bundle.write();
        track(id);
        BerthCli.Result r = berth.start(bundle.dir, List.of("create", id)).await().ok();
        assertEquals("created", status(id), r.toString());
        assertEquals(bundle.dir.toString(), state(id).get("bundle"));
    }

    @Test
    void pidFileHoldsTheInitsPid() throws Exception {
        bundle.args("sleep", "600");
        bundle.write();
        track(id);
        Path pidFile = tmp.resolve("init.pid");
        berth("create", "--bundle", bundle.dir.toString(), "--pid-file", pidFile.toString(), id).ok();
        assertEquals(Integer.toString(pid(id)), Files.readString(pidFile).strip());
    }

    @Test
    void aCreatedContainerCanBeDeletedWithoutRunningItsPayload() throws Exception {
        bindHost();
        bundle.sh("echo ran > /host/ran");
        create().ok();
        int pid = pid(id);
        berth("delete", id).ok();
        assertFalse(alive(pid), "the init is gone");
        assertFalse(Files.exists(host.resolve("ran")), "the payload never ran");
    }

    @Test
    void aSecondCreateWithTheSameIdIsRefusedAndTheFirstStays() throws Exception {
        bundle.args("sleep", "600");
        create().ok();
        BerthCli.Result again = create();
        assertEquals(1, again.code(), again.toString());
        assertTrue(again.err().contains("container with id exists: " + id), again.toString());
        assertEquals("created", status(id));
    }

    @Test
    void startOfARunningContainerIsRefused() throws Exception {
        bundle.args("sleep", "600");
        create().ok();
        berth("start", id).ok();
        BerthCli.Result again = berth("start", id);
        assertEquals(1, again.code(), again.toString());
        assertTrue(again.err().contains("cannot start an already running container"), again.toString());
    }

    @Test
    void startOfAStoppedContainerIsRefused() throws Exception {
        bundle.args("true");
        create().ok();
        berth("start", id).ok();
        awaitStatus(id, "stopped");
        BerthCli.Result again = berth("start", id);
        assertEquals(1, again.code(), again.toString());
        assertTrue(again.err().contains("cannot start a container that has stopped"), again.toString());
    }

    @Test
    void deleteOfARunningContainerNeedsForce() throws Exception {
        bundle.args("sleep", "600");
        create().ok();
        berth("start", id).ok();
        BerthCli.Result refused = berth("delete", id);
        assertEquals(1, refused.code(), refused.toString());
        assertTrue(refused.err().contains("cannot delete container " + id + " that is not stopped: running"),
                refused.toString());
        assertEquals("running", status(id));
        int pid = pid(id);
        berth("delete", "--force", id).ok();
        assertFalse(alive(pid), "delete --force killed the init");
        assertEquals(1, berth("state", id).code());
    }

    @Test
    void killOfAStoppedContainerIsRefused() throws Exception {
        bundle.args("true");
        create().ok();
        berth("start", id).ok();
        awaitStatus(id, "stopped");
        BerthCli.Result r = berth("kill", id, "KILL");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("container not running"), r.toString());
    }

    @Test
    void verbsOnAMissingContainerSayItDoesNotExist() throws Exception {
        for (List<String> verb : List.of(List.of("state"), List.of("start"), List.of("kill"), List.of("delete"))) {
            BerthCli.Result r = berth(concat(verb, "no-such-container"));
            assertEquals(1, r.code(), r.toString());
            assertTrue(r.err().contains("container \"no-such-container\" does not exist"), r.toString());
        }
    }

    @Test
    void deleteForceOfAMissingContainerSucceedsAsRunc() throws Exception {
        // runc's delete: ErrNotExist with --force returns nil (containerd and docker clean up with it);
        // Berth exits 1 with: container "x" does not exist
        BerthCli.Result r = berth("delete", "--force", "no-such-container");
        assertEquals(0, r.code(), r.toString());
    }

    @Test
    void anInvalidIdIsRefused() throws Exception {
        bundle.args("true");
        bundle.write();
        BerthCli.Result r = berth("create", "--bundle", bundle.dir.toString(), "../escape");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("invalid container id"), r.toString());
        assertFalse(Files.exists(tmp.resolve("escape")));
    }

    static String[] concat(List<String> head, String last) {
        String[] all = head.toArray(new String[head.size() + 1]);
        all[head.size()] = last;
        return all;
    }

    /** The last field of {@code NSpid} in /proc/PID/status: the pid inside its own namespace. */
    static String nsPid(int pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("NSpid:")) {
                String[] f = line.split("\\s+");
                return f[f.length - 1];
            }
        }
        throw new AssertionError("no NSpid for " + pid);
    }

    /** Whether {@code pid} is a process that has not ended (a zombie has ended). */
    static boolean alive(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (Exception e) {
            return false;
        }
    }
}
