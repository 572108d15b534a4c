package dev.berth.it.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class DaemonJsonTest {
    private static String compact(String json) {
        return json.replaceAll("\\s", "");
    }

    @Test
    void addsTheRuntimeToNothingOrToWhatIsThere() throws Exception {
        assertEquals("{\"runtimes\":{\"berth\":{\"path\":\"/b\"}}}", compact(DaemonJson.withRuntime("", "berth", "/b")));
        assertEquals("{\"debug\":true,\"runtimes\":{\"crun\":{\"path\":\"/c\",\"runtimeArgs\":[\"-x\"]},"
                + "\"berth\":{\"path\":\"/b\"}},"
                + "\"log-opts\":{\"max-size\":\"10m\"}}", compact(DaemonJson.withRuntime("""
                {"debug": true, "runtimes": {"crun": {"path": "/c", "runtimeArgs": ["-x"]}, "berth": {"path": "/old"}},
                 "log-opts": {"max-size": "10m"}}""", "berth", "/b")));
    }

    @Test
    void removingLeavesAnExplicitRuntimesObjectAndTheRest() throws Exception {
        assertEquals("{\"runtimes\":{}}", compact(DaemonJson.withRuntime("", "berth", null)));
        assertEquals("{\"debug\":true,\"runtimes\":{\"crun\":{\"path\":\"/c\"}}}", compact(DaemonJson.withRuntime(
                "{\"debug\":true,\"runtimes\":{\"berth\":{\"path\":\"/b\"},\"crun\":{\"path\":\"/c\"}}}", "berth", null)));
    }

    @Test
    void refusesWhatIsNotAnObject() {
        assertThrows(IOException.class, () -> DaemonJson.withRuntime("[1]", "berth", "/b"));
        assertThrows(IOException.class, () -> DaemonJson.withRuntime("{\"runtimes\":[]}", "berth", "/b"));
    }
}
