package dev.berth.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The leak checks of {@link ContainerTest} find what they look for (else every e2e test would pass vacuously). */
class LeaksTest {
    @Test
    void findsAProcessByItsMarkerOrByAContainerIdInItsCommandLine() throws Exception {
        String marker = "BERTH_E2E_MARK=" + UUID.randomUUID();
        ProcessBuilder pb = new ProcessBuilder("sleep", "600").redirectOutput(new File("/dev/null"));
        pb.environment().put("BERTH_E2E_MARK", marker.substring(marker.indexOf('=') + 1));
        Process p = pb.start();
        Process named = new ProcessBuilder("sleep", "601").redirectOutput(new File("/dev/null")).start();
        try {
            List<String> found = Leaks.processes(marker, List.of("601"));
            assertEquals(2, found.size(), found.toString());
            assertTrue(found.stream().anyMatch(f -> f.startsWith("process " + p.pid() + " ")), found.toString());
            assertTrue(found.stream().anyMatch(f -> f.startsWith("process " + named.pid() + " ")), found.toString());
            assertEquals(2, Leaks.livingChildren().size(), "both are children of this JVM");
        } finally {
            p.destroyForcibly().waitFor();
            named.destroyForcibly().waitFor();
        }
        assertEquals(List.of(), Leaks.processes(marker, List.of("601")));
        assertEquals(List.of(), Leaks.livingChildren());
    }

    @Test
    void findsAMountAtOrBelowTheTestDirectoryOnly() {
        String mountinfo = """
                22 1 0:21 / /tmp/junit-1/bundle/rootfs rw - ext4 /dev/vda rw
                23 1 0:22 / /tmp/junit-1 rw - tmpfs tmpfs rw
                24 1 0:23 / /tmp/junit-10 rw - tmpfs tmpfs rw
                25 1 0:24 / /proc rw - proc proc rw
                """;
        List<String> found = Leaks.mountsBelow("/tmp/junit-1", mountinfo);
        assertEquals(2, found.size(), found.toString());
        assertTrue(found.get(0).contains("/tmp/junit-1/bundle/rootfs") && found.get(1).contains(" /tmp/junit-1 "), found.toString());
    }

    @Test
    void findsANewPipe() throws Exception {
        Set<String> before = Leaks.openFds();
        // three pipes while it runs (the JDK closes them once it has ended)
        Process p = new ProcessBuilder("sleep", "600").start();
        try {
            assertTrue(Leaks.newFds(before).stream().anyMatch(f -> f.contains("pipe:")), Leaks.newFds(before).toString());
        } finally {
            p.destroyForcibly().waitFor();
            p.getInputStream().close();
            p.getErrorStream().close();
            p.getOutputStream().close();
        }
        assertEquals(List.of(), Leaks.newFds(before));
    }
}
