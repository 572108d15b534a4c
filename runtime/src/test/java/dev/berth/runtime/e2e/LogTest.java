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
 * {@code --log FILE --log-format json}: errors are written as runc writes them, one JSON object per line
 * with {@code level}, {@code msg} and {@code time}, where containerd reads them back.
 */
class LogTest extends ContainerTest {
    private List<Map<String, Object>> jsonLines(Path log) throws Exception {
        return Files.readAllLines(log).stream().map(Json::object).toList();
    }

    @Test
    void anErrorIsAJsonLineWithLevelErrorAndTheMessage() throws Exception {
        Path log = tmp.resolve("berth.log");
        BerthCli.Result r = berth.callWithGlobals(List.of("--log", log.toString(), "--log-format", "json"), "start",
                "no-such-container");
        assertEquals(1, r.code(), r.toString());
        List<Map<String, Object>> lines = jsonLines(log);
        Map<String, Object> error = lines.stream().filter(l -> "error".equals(l.get("level"))).findFirst().orElseThrow(
                () -> new AssertionError("no error line in " + lines));
        assertTrue(((String) error.get("msg")).contains("container \"no-such-container\" does not exist"), error.toString());
        assertTrue(((String) error.get("time")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*Z"), error.toString());
    }

    @Test
    void aFailedCreateLogsWhyAsJson() throws Exception {
        Path log = tmp.resolve("berth.log");
        bundle.args("no-such-program");
        bundle.write();
        track(id);
        BerthCli.Result r = berth.callWithGlobals(List.of("--log", log.toString(), "--log-format", "json"), "create",
                "--bundle", bundle.dir.toString(), id);
        assertEquals(1, r.code(), r.toString());
        List<Map<String, Object>> lines = jsonLines(log);
        assertTrue(lines.stream().anyMatch(l -> "error".equals(l.get("level"))
                && ((String) l.get("msg")).contains("no-such-program")), lines.toString());
    }

    @Test
    void theTextFormatIsLogrusLike() throws Exception {
        Path log = tmp.resolve("berth.log");
        berth.callWithGlobals(List.of("--log", log.toString()), "kill", "no-such-container");
        String text = Files.readString(log);
        assertTrue(text.contains("level=error"), text);
        assertTrue(text.contains("msg=\"container \\\"no-such-container\\\" does not exist\""), text);
        assertFalse(text.startsWith("{"), text);
    }

    @Test
    void aSuccessfulRunLogsNoError() throws Exception {
        Path log = tmp.resolve("berth.log");
        bundle.args("true");
        bundle.write();
        track(id);
        berth.callWithGlobals(List.of("--log", log.toString(), "--log-format", "json"), "run", "--bundle",
                bundle.dir.toString(), id).ok();
        if (Files.exists(log)) {
            assertTrue(jsonLines(log).stream().noneMatch(l -> "error".equals(l.get("level"))), Files.readString(log));
        }
    }
}
