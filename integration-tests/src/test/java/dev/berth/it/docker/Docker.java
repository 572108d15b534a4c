package dev.berth.it.docker;

import dev.berth.it.common.Command;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The docker daemon the suite runs against, through its command line ({@code docker}, which the docker
 * smoke tests exercise anyway, and which builds the images) and through Testcontainers.
 *
 * <p>Testcontainers is set up for a machine without a registry by the failsafe configuration (environment
 * variables, which it reads only from the environment): Ryuk off ({@code TESTCONTAINERS_RYUK_DISABLED}, its
 * image cannot be pulled; the tests remove their containers themselves), start-up checks off
 * ({@code TESTCONTAINERS_CHECKS_DISABLE}, they run a pulled image), {@code TESTCONTAINERS_HOST_OVERRIDE=localhost}
 * (the test machine has a {@code /.dockerenv}, so Testcontainers believes it runs in a container and would
 * start a helper container to find the host's address), {@link NeverPull}, the suite's busybox as the "tiny
 * image" of Testcontainers' own helpers, and {@code DOCKER_HOST} set (so Testcontainers does not write its
 * strategy into {@code ~/.testcontainers.properties}). What remains is done here: docker-java is pinned to
 * the daemon's own API version (docker 20.10 speaks 1.41; Testcontainers 2 asks for 1.44 and falls back to
 * 1.32, where the daemon ignores a container's cgroup namespace mode).
 */
public final class Docker {
    private static String apiVersion;

    private Docker() {}

    /**
     * Skips the calling test with the reason when no docker daemon answers, unless {@code CI=true}: there it
     * is a failure ({@code .ci/setup} installs docker and starts dockerd).
     */
    public static synchronized void assumeAvailable() {
        if (apiVersion != null) {
            return;
        }
        String problem;
        try {
            Command c = cli("version", "--format", "{{.Server.APIVersion}}");
            problem = c.exitCode() == 0 ? null : "no docker daemon answers: " + c.output().strip();
            if (problem == null) {
                apiVersion = c.output().strip();
                System.setProperty("api.version", apiVersion);
            }
        } catch (IOException e) {
            problem = "no docker command line: " + e.getMessage();
        }
        if (problem == null) {
            return;
        }
        String message = problem + " (as root, .ci/setup installs docker.io and starts dockerd)";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        System.err.println("docker test skipped: " + message);
        Assumptions.abort(message);
    }

    /** The daemon's API version ({@code 1.41} for docker 20.10), once {@link #assumeAvailable()} passed. */
    public static synchronized String apiVersion() {
        return apiVersion;
    }

    /** Runs {@code docker ARGS...} to its end (killing it after three minutes); stdout and stderr are merged. */
    public static Command cli(String... args) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add("docker");
        argv.addAll(List.of(args));
        return Command.run(null, argv, Duration.ofMinutes(3));
    }

    /** Runs {@code docker ARGS...}, failing with its output unless it exits with 0; returns the output. */
    public static String check(String... args) throws IOException {
        Command c = cli(args);
        if (c.exitCode() != 0) {
            throw new IOException(String.join(" ", c.argv()) + ": exit status " + c.exitCode() + ": " + c.output().strip());
        }
        return c.output();
    }

    /** The repository's root: where the Dockerfile and the {@code berth} launcher are. */
    public static Path repository() {
        String repo = System.getProperty("berth.repo", System.getenv("BERTH_REPO"));
        return Path.of(repo != null ? repo : "..").toAbsolutePath().normalize();
    }

    /** A directory for the suite's own files ({@code target/it}). */
    public static Path work() {
        return Path.of(System.getProperty("berth.it.work", "target/it")).toAbsolutePath();
    }
}
