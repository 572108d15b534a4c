package dev.berth.runtime.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code berth init} on a terminal: {@code script(1)} runs it on a new pty, as its controlling terminal.
 * The payload must be the terminal's foreground process group (so that Ctrl-C reaches it and job
 * control works), or with {@code --setsid} lead its own session.
 */
class InitTtyTest {
    private static String shell(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String a : argv) {
            sb.append('\'').append(a.replace("'", "'\\''")).append("' ");
        }
        return sb.toString();
    }

    /** Runs {@code berth init ARGS} under script; sends {@code input} once {@code ready} appears; returns the output. */
    private static List<String> onTerminal(String ready, String input, String... args) throws Exception {
        List<String> init = new ArrayList<>(InitProcess.javaCommand());
        init.add("init");
        init.addAll(List.of(args));
        Process p = new ProcessBuilder("script", "-qefc", shell(init), "/dev/null").redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                OutputStream in = p.getOutputStream()) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.replace("\r", "");
                lines.add(line);
                if (line.equals(ready) && input != null) {
                    in.write(input.getBytes(StandardCharsets.UTF_8));
                    in.flush();
                }
            }
        } finally {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "script did not end: " + lines);
        }
        return lines;
    }

    @Test
    void thePayloadIsTheTerminalsForegroundGroup() throws Exception {
        List<String> out = onTerminal(null, null, "--", "sh", "-c",
                "echo \"pgid=$(ps -o pgid= -p $$ | tr -d ' ') tpgid=$(ps -o tpgid= -p $$ | tr -d ' ') pid=$$\"");
        String line = out.stream().filter(l -> l.startsWith("pgid=")).findFirst().orElseThrow(() -> new AssertionError(out));
        Matcher m = Pattern.compile("pgid=(\\d+) tpgid=(\\d+) pid=(\\d+)").matcher(line);
        assertTrue(m.matches(), line);
        assertEquals(m.group(3), m.group(1), "the payload leads its own process group");
        assertEquals(m.group(1), m.group(2), "which is the terminal's foreground group");
    }

    @Test
    void ctrlCReachesThePayload() throws Exception {
        List<String> out = onTerminal("ready", "\u0003", "--", "sh", "-c",
                "trap 'echo got INT; exit 0' INT; echo ready; while :; do sleep 0.05; done");
        assertTrue(out.stream().anyMatch(l -> l.endsWith("got INT")), out.toString()); // the tty echoes ^C first
    }

    @Test
    void setsidMakesThePayloadASessionLeader() throws Exception {
        List<String> out = onTerminal(null, null, "--setsid", "--", "sh", "-c",
                "echo \"sid=$(ps -o sid= -p $$ | tr -d ' ') pid=$$\"");
        String line = out.stream().filter(l -> l.startsWith("sid=")).findFirst().orElseThrow(() -> new AssertionError(out));
        Matcher m = Pattern.compile("sid=(\\d+) pid=(\\d+)").matcher(line);
        assertTrue(m.matches(), line);
        assertEquals(m.group(2), m.group(1));
    }
}
