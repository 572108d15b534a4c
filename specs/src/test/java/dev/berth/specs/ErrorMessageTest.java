package dev.berth.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The exact text of reading errors: source, line, column, JSON path, problem. */
class ErrorMessageTest {
    private static String error(String json) {
        return assertThrows(SpecException.class,
                () -> SpecReader.readConfig(json.getBytes(StandardCharsets.UTF_8), "config.json")).getMessage();
    }

    @Test
    void typeErrorNamesPositionAndPath() {
        String json = """
                {
                  "ociVersion": "1.3.0",
                  "process": {
                    "cwd": "/",
                    "args": ["sh", 1]
                  }
                }
                """;
        assertEquals("config.json:5:20: process.args[1]: expected a string, got a number", error(json));
    }

    @Test
    void pathsQuoteNamesThatAreNotIdentifiers() {
        String json = """
                {"ociVersion": "1.3.0", "linux": {"sysctl": {"net.ipv4.ip_forward": true}}}""";
        assertEquals("config.json:1:69: linux.sysctl[\"net.ipv4.ip_forward\"]: expected a string, got a boolean", error(json));
    }

    @Test
    void missingPropertyIsReportedAtTheObjectStart() {
        String json = """
                {
                  "ociVersion": "1.3.0",
                  "process": {"args": ["sh"]}
                }
                """;
        assertEquals("config.json:3:14: process: missing required property \"cwd\"", error(json));
    }

    @Test
    void numbersOutOfRange() {
        assertEquals("config.json:1:54: process.user.uid: expected a uint32 (0 to 4294967295), got 4294967296",
                error("{\"ociVersion\":\"1\",\"process\":{\"cwd\":\"/\",\"user\":{\"uid\":4294967296}}}"));
        assertEquals("config.json:1:57: linux.resources.pids.limit: expected an int64 (-9223372036854775808 to 9223372036854775807), got 9223372036854775808",
                error("{\"ociVersion\":\"1\",\"linux\":{\"resources\":{\"pids\":{\"limit\":9223372036854775808}}}}"));
    }

    @Test
    void malformedJson() {
        assertEquals("config.json:1:25: malformed JSON: Unexpected character ('}' (code 125)): was expecting double-quote to start field name",
                error("{\"ociVersion\": \"1.3.0\", }"));
        assertEquals("config.json:1:37: process: malformed JSON: Unexpected end-of-input: expected close marker for Object",
                error("{\"ociVersion\": \"1.3.0\", \"process\": {"));
        assertEquals("config.json:1:33: duplicate property \"ociVersion\"",
                error("{\"ociVersion\": \"1\", \"ociVersion\": \"2\"}"));
    }

    @Test
    void documentLevelErrors() {
        assertEquals("config.json:1:1: expected an object, got an array", error("[]"));
        assertEquals("config.json: empty document", error("  \n "));
        assertEquals("config.json:1:25: unexpected content after the end of the document",
                error("{\"ociVersion\": \"1.3.0\"} {}"));
    }

    @Test
    void errorsOfTheOtherDocuments() {
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.readState(
                "{\"ociVersion\":\"1.0.2\",\"id\":\"c\",\"status\":\"sleeping\",\"bundle\":\"/b\"}".getBytes(StandardCharsets.UTF_8),
                "state.json"));
        assertEquals("state.json:1:41: status: unknown status \"sleeping\" (expected creating, created, running, stopped or paused)",
                e.getMessage());
        e = assertThrows(SpecException.class, () -> SpecReader.readProcess("{\"args\":[\"sh\"]}".getBytes(StandardCharsets.UTF_8),
                "process.json"));
        assertEquals("process.json:1:1: missing required property \"cwd\"", e.getMessage());
    }
}
