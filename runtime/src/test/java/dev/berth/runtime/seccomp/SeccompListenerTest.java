package dev.berth.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.berth.specs.State;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The container process state document sent with the listener fd, read back as JSON. */
class SeccompListenerTest {
    @Test
    void stateDocumentHasTheSpecsFields() throws Exception {
        State state = new State("1.0.2", "c1", State.Status.CREATING, 4422, "/containers/redis", Map.of("k", "v"));
        String metadata = "MKNOD=/dev/null;\"quoted\"\n\u0001";
        Map<String, String> j = flatten(SeccompListener.containerProcessState(state, 4422, metadata));
        assertEquals("1.0.2", j.get("ociVersion"));
        assertEquals("seccompFd", j.get("fds[0]"));
        assertFalse(j.containsKey("fds[1]"));
        assertEquals("4422", j.get("pid"));
        assertEquals(metadata, j.get("metadata"));
        assertEquals("creating", j.get("state.status"));
        assertEquals("/containers/redis", j.get("state.bundle"));
        assertEquals("v", j.get("state.annotations.k"));
        Map<String, String> none = flatten(SeccompListener.containerProcessState(state, 1, null));
        assertFalse(none.containsKey("metadata"), "metadata is left out when the profile has none");
    }

    /** Every scalar of a JSON document by its path ({@code state.status}, {@code fds[0]}). */
    private static Map<String, String> flatten(byte[] json) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            p.nextToken();
            walk(p, "", out);
            assertEquals(null, p.nextToken(), "one document");
        }
        return out;
    }

    private static void walk(JsonParser p, String path, Map<String, String> out) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                walk(p, path.isEmpty() ? name : path + "." + name, out);
            }
        } else if (t == JsonToken.START_ARRAY) {
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                walk(p, path + "[" + i++ + "]", out);
            }
        } else {
            out.put(path, p.getText());
        }
    }
}
