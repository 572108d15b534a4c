package dev.berth.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code berth list}: the table, {@code --format json} and {@code -q}, with created, running and stopped containers. */
class ListTest extends ContainerTest {
    private String created;
    private String running;
    private String stopped;

    private void threeContainers() throws Exception {
        created = track(id + "-a");
        running = track(id + "-b");
        stopped = track(id + "-c");
        bundle.args("sleep", "600");
        create(created).ok();
        create(running).ok();
        berth("start", running).ok();
        bundle.args("true");
        create(stopped).ok();
        berth("start", stopped).ok();
        awaitStatus(stopped, "stopped");
    }

    @Test
    void quietListsTheIdsInOrder() throws Exception {
        assertEquals("", berth("list", "-q").ok().out(), "no containers yet");
        threeContainers();
        assertEquals(created + "\n" + running + "\n" + stopped + "\n", berth("list", "-q").ok().out());
        assertEquals(created + "\n" + running + "\n" + stopped + "\n", berth("list", "--quiet").ok().out());
    }

    @Test
    void theTableHasRuncsColumns() throws Exception {
        threeContainers();
        List<String> lines = berth("list").ok().out().lines().toList();
        assertEquals(List.of("ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER"), List.of(lines.get(0).trim().split("\\s+")));
        assertEquals(4, lines.size(), lines.toString());
        row(lines.get(1), created, "created", true);
        row(lines.get(2), running, "running", true);
        row(lines.get(3), stopped, "stopped", false);
    }

    private void row(String line, String containerId, String status, boolean hasPid) throws Exception {
        String[] f = line.trim().split("\\s+");
        assertEquals(6, f.length, line);
        assertEquals(containerId, f[0], line);
        assertEquals(hasPid ? Integer.toString(pid(containerId)) : "0", f[1], line);
        assertEquals(status, f[2], line);
        assertEquals(bundle.dir.toString(), f[3], line);
        assertEquals(state(containerId).get("created"), f[4], line);
        assertEquals("root", f[5], line);
    }

    @Test
    void jsonHasTheStateOfEach() throws Exception {
        threeContainers();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> all = (List<Map<String, Object>>) Json.parse(berth("list", "--format", "json").ok().out());
        assertEquals(List.of(created, running, stopped), all.stream().map(m -> m.get("id")).toList());
        for (Map<String, Object> m : all) {
            String cid = (String) m.get("id");
            Map<String, Object> s = state(cid);
            assertEquals(s.get("status"), m.get("status"), cid);
            assertEquals(s.get("pid"), m.get("pid"), cid);
            assertEquals(bundle.dir.toString(), m.get("bundle"), cid);
            assertEquals(s.get("created"), m.get("created"), cid);
            assertTrue(m.containsKey("owner"), m.toString());
        }
        assertEquals(0L, all.get(2).get("pid"), "a stopped container has no pid");
    }

    @Test
    void anEmptyRootListsNothing() throws Exception {
        List<String> lines = berth("list").ok().out().lines().toList();
        assertEquals(1, lines.size(), "only the header: " + lines);
        Object json = Json.parse(berth("list", "--format", "json").ok().out());
        assertTrue(json == null || json.equals(List.of()), "runc prints null, an empty array is as good: " + json);
    }
}
