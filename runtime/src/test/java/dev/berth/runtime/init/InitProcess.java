package dev.berth.runtime.init;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Test harness: {@code berth init} as a separate JVM (the real program, from the test class path),
 * optionally as PID 1 of a new pid namespace (through {@code unshare -fp --mount-proc}), with its
 * output lines collected for the test to wait on.
 */
final class InitProcess implements AutoCloseable {
    private static final Duration WAIT = new Duration(60);

    record Duration(long seconds) {}

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());

    private InitProcess(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().start(() -> pump(process.getInputStream()));
    }

    static List<String> javaCommand() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "dev.berth.runtime.Main");
    }

    /** Starts {@code berth init ARGS}; with {@code pid1}, as PID 1 of a new pid namespace. */
    static InitProcess start(boolean pid1, java.util.Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (pid1) {
            cmd.addAll(List.of("unshare", "--fork", "--pid", "--mount-proc", "--kill-child"));
        }
        cmd.addAll(javaCommand());
        cmd.add("init");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        return new InitProcess(pb.start());
    }

    static InitProcess start(boolean pid1, String... args) throws IOException {
        return start(pid1, java.util.Map.of(), args);
    }

    private void pump(java.io.InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                seen.add(line);
                lines.add(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Waits until a line equal to {@code expected} has been printed (at any time so far); fails after a minute. */
    void await(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.seconds() * 1_000_000_000L;
        while (!seen.contains(expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no line \"" + expected + "\" within " + WAIT.seconds() + " s; output: " + seen);
            }
            lines.poll(100, TimeUnit.MILLISECONDS);
        }
    }

    /** The host pid of the JVM running {@code berth init} (the child of unshare when it is PID 1 inside). */
    long initPid() throws Exception {
        long pid = process.pid();
        if (!process.info().command().orElse("").endsWith("unshare")) {
            return pid;
        }
        for (int i = 0; i < 600; i++) {
            Path children = Path.of("/proc/" + pid + "/task/" + pid + "/children");
            String text = Files.exists(children) ? Files.readString(children).trim() : "";
            if (!text.isEmpty()) {
                return Long.parseLong(text.split(" ")[0]);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("unshare started no child");
    }

    /** Sends {@code signal} (a name like TERM) to the init process. */
    void signal(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(initPid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + signal + " failed");
        }
    }

    /** Waits for the init to end; returns its exit code. */
    int exitCode() throws InterruptedException {
        if (!process.waitFor(WAIT.seconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("berth init did not end within " + WAIT.seconds() + " s; output: " + seen);
        }
        return process.exitValue();
    }

    /** Every line so far. */
    List<String> output() throws InterruptedException {
        Thread.sleep(100);
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
