package dev.berth.it.common;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a host tool (apt-get, dpkg-deb, ldd, docker, the image's java) to its end and keeps what it printed. */
public record Command(List<String> argv, int exitCode, String output) {

    /** Runs {@code argv} in {@code dir} (null: the current one); stdout and stderr are merged. */
    public static Command run(Path dir, List<String> argv) throws IOException {
        return run(dir, argv, Duration.ofMinutes(10));
    }

    /** {@link #run(Path, List)}, killing the command after {@code timeout}. */
    public static Command run(Path dir, List<String> argv, Duration timeout) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        try {
            // Read on another thread: a command that hangs holding its output open must still time out.
            var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getInputStream().readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            }, r -> Thread.ofPlatform().daemon().start(r));
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", argv) + ": still running after " + timeout.toSeconds() + " s");
            }
            return new Command(argv, p.exitValue(), new String(out.get(timeout.toMillis(), TimeUnit.MILLISECONDS),
                    StandardCharsets.UTF_8));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException(String.join(" ", argv) + ": its output did not end with it", e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", argv) + ": interrupted", e);
        }
    }

    public static Command run(Path dir, String... argv) throws IOException {
        return run(dir, List.of(argv));
    }

    /** Runs {@code argv} and returns its output, or throws with the output if it failed. */
    public static String check(Path dir, String... argv) throws IOException {
        Command c = run(dir, argv);
        if (c.exitCode != 0) {
            throw new IOException(String.join(" ", argv) + ": exit status " + c.exitCode + ": " + c.output.strip());
        }
        return c.output;
    }

    /** The absolute path of {@code name} on PATH (or in /usr/sbin, /sbin), or null. */
    public static Path which(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin";
        for (String dir : path.split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p.toAbsolutePath();
            }
        }
        return null;
    }
}
