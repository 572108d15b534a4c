package dev.berth.runtime.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real {@code berth} program, run as its own JVM from the test class path with
 * {@code --root} pointing at the test's state directory. Its stdout and stderr go to files (not
 * pipes): a detached container inherits them and would otherwise keep a pipe open after
 * {@code berth} has returned, exactly as with runc.
 */
public final class BerthCli {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** What one call printed and returned. */
    public record Result(List<String> command, int code, String out, String err, Duration took) {
        /** Fails unless the exit code is 0, with everything printed in the message. */
        public Result ok() {
            if (code != 0) {
                throw new AssertionError("expected exit code 0:\n" + this);
            }
            return this;
        }

        @Override
        public String toString() {
            return "$ " + String.join(" ", command) + "\nexit code " + code + " after " + took.toMillis() + " ms\n--- stdout\n"
                    + out + "--- stderr\n" + err + "---";
        }
    }

    /** A call still running (a foreground {@code run} the test signals or kills). */
    public final class Running {
        public final Process process;
        private final List<String> command;
        private final Path out;
        private final Path err;
        private final long started = System.nanoTime();

        private Running(Process process, List<String> command, Path out, Path err) {
            this.process = process;
            this.command = command;
            this.out = out;
            this.err = err;
        }

        /** Waits for it to end (failing after {@link #TIMEOUT}). */
        public Result await() throws IOException, InterruptedException {
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("berth did not end within " + TIMEOUT + ": " + String.join(" ", command)
                        + "\n--- stdout\n" + read(out) + "--- stderr\n" + read(err));
            }
            return new Result(command, process.exitValue(), read(out), read(err),
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private final Path root;
    private final Path outputs;
    private final String marker;
    private final List<String> java;
    private final AtomicInteger calls = new AtomicInteger();
    private List<String> prefix = List.of();
    private File stdin = new File("/dev/null");

    /**
     * @param root the {@code --root} state directory
     * @param outputs where the output files of each call go
     * @param marker {@code NAME=value} put in berth's environment, so that a leaked process can be found
     */
    BerthCli(Path root, Path outputs, String marker) {
        this(root, outputs, marker, javaCommand());
    }

    /** As above, started with {@code java} (a command ending in the main class) instead of {@link #javaCommand()}. */
    public BerthCli(Path root, Path outputs, String marker, List<String> java) {
        this.root = root;
        this.outputs = outputs;
        this.marker = marker;
        this.java = List.copyOf(java);
    }

    public Path root() {
        return root;
    }

    public static List<String> javaCommand() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-cp", System.getProperty("java.class.path"), "dev.berth.runtime.Main");
    }

    /** {@code berth --root ROOT ARGS...}, waited for. */
    public Result call(String... args) throws IOException, InterruptedException {
        return start(null, List.of(args)).await();
    }

    /** {@code berth GLOBALS --root ROOT ARGS...}, waited for: global options given before {@code --root}. */
    Result callWithGlobals(List<String> globals, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(globals);
        all.add("--root");
        all.add(root.toString());
        all.addAll(List.of(args));
        return startRaw(null, all).await();
    }

    /** {@code berth --root ROOT ARGS...} in the background, from directory {@code cwd} (null: the test's). */
    public Running start(Path cwd, List<String> args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--root", root.toString()));
        all.addAll(args);
        return startRaw(cwd, all);
    }

    /** The file later calls read as stdin (by default {@code /dev/null}). */
    public void stdin(Path file) {
        stdin = file.toFile();
    }

    /** A command that every call runs {@code berth} under, such as {@code nsenter --net=FILE --}. */
    public void prefix(List<String> command) {
        prefix = List.copyOf(command);
    }

    private Running startRaw(Path cwd, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(java);
        cmd.addAll(args);
        int n = calls.incrementAndGet();
        Files.createDirectories(outputs);
        Path out = outputs.resolve(n + ".stdout");
        Path err = outputs.resolve(n + ".stderr");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(stdin));
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        int eq = marker.indexOf('=');
        pb.environment().put(marker.substring(0, eq), marker.substring(eq + 1));
        List<String> shown = new ArrayList<>(List.of("berth"));
        shown.addAll(args);
        return new Running(pb.start(), shown, out, err);
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }
}
