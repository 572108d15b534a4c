package dev.berth.it.runtime;

import dev.berth.it.common.Command;
import dev.berth.it.docker.Docker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Berth registered with the running dockerd as the runtime {@value #NAME}, once per test run, for the
 * classes that use this extension ({@code @ExtendWith(BerthRuntime.class)}), and removed at the end of the
 * run: the {@code "runtimes"} entry of {@code daemon.json} written and dockerd told with SIGHUP; at the end
 * {@code {"runtimes": {}}} (plus whatever else the file held) and SIGHUP, then the file put back exactly as
 * it was (or removed, if there was none) and SIGHUP again. dockerd never forgets a runtime only because
 * its file is gone.
 *
 * <p>The runtime's path is a script in the suite's work directory that logs every command line dockerd's
 * shim runs ({@link #calls()}) and execs the repository's launcher on the test's own JDK, never building.
 */
public final class BerthRuntime implements BeforeAllCallback {
    /** The name {@code docker run --runtime} takes. */
    public static final String NAME = "berth";
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(BerthRuntime.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(STORE).computeIfAbsent(Registration.class, k -> register(), Registration.class);
    }

    /** The log of berth's command lines under docker: {@code SECONDS.NANOS ARGS...} per call. */
    public static Path calls() {
        return Docker.work().resolve("berth-runtime.calls");
    }

    private static Registration register() {
        Docker.assumeAvailable();
        try {
            Registration r = new Registration();
            r.register();
            return r;
        } catch (IOException e) {
            String message = "cannot register berth with dockerd: " + e.getMessage();
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message, e);
            }
            System.err.println("docker runtime test skipped: " + message);
            Assumptions.abort(message);
            throw new AssertionError(e);
        }
    }

    /** One registration: what {@code daemon.json} held before, and how to put it back. */
    private static final class Registration implements AutoCloseable {
        private final int dockerd;
        private final Path config;
        private final byte[] original;
        private final Path wrapper = Docker.work().resolve("berth-runtime");

        Registration() throws IOException {
            dockerd = dockerdPid();
            config = configFile(dockerd);
            original = Files.exists(config) ? Files.readAllBytes(config) : null;
        }

        void register() throws IOException {
            Path repo = Docker.repository();
            Files.createDirectories(Docker.work());
            Files.deleteIfExists(calls());
            Files.writeString(wrapper, """
                    #!/bin/sh
                    # berth as dockerd's runtime for the integration tests (dev.berth.it.runtime.BerthRuntime)
                    echo "$(date +%%s.%%N) $*" >> %s
                    JAVA_HOME=%s BERTH_NO_BUILD=1 exec %s "$@"
                    """.formatted(calls(), System.getProperty("java.home"), repo.resolve("berth")));
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
            // The launcher makes its AOT cache on first use: here, not inside dockerd's first create.
            Command warm = Command.run(null, List.of(wrapper.toString(), "--version"));
            if (warm.exitCode() != 0) {
                throw new IOException(wrapper + " --version: " + warm.output());
            }
            Files.deleteIfExists(calls());
            Files.createDirectories(config.getParent());
            Files.writeString(config, DaemonJson.withRuntime(text(original), NAME, wrapper.toString()));
            reload(true);
        }

        @Override
        public void close() throws IOException {
            Files.writeString(config, DaemonJson.withRuntime(text(original), NAME, null));
            reload(false);
            if (original == null) {
                Files.deleteIfExists(config);
            } else {
                Files.write(config, original);
            }
            Command.check(null, "kill", "-HUP", Integer.toString(dockerd));
        }

        /** SIGHUP to dockerd, then waits until its runtimes do (or do not) include berth. */
        private void reload(boolean registered) throws IOException {
            Command.check(null, "kill", "-HUP", Integer.toString(dockerd));
            for (int i = 0; i < 100; i++) {
                String runtimes = Docker.check("info", "--format", "{{json .Runtimes}}");
                if (runtimes.contains("\"" + NAME + "\"") == registered) {
                    return;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            throw new IOException("dockerd did not " + (registered ? "take up" : "drop") + " the runtime " + NAME
                    + " from " + config + " within 10 s of SIGHUP");
        }

        private static String text(byte[] bytes) {
            return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
        }

        /** The local dockerd's pid, from its pid file. */
        private static int dockerdPid() throws IOException {
            Path pidFile = Path.of("/var/run/docker.pid");
            if (!Files.exists(pidFile)) {
                throw new IOException("no " + pidFile + ": dockerd does not run on this machine");
            }
            int pid = Integer.parseInt(Files.readString(pidFile).strip());
            String comm = Files.readString(Path.of("/proc/" + pid + "/comm")).strip();
            if (!comm.equals("dockerd")) {
                throw new IOException(pidFile + " names pid " + pid + ", which is " + comm + ", not dockerd");
            }
            return pid;
        }

        /** dockerd's {@code --config-file}, or its default {@code /etc/docker/daemon.json}. */
        private static Path configFile(int pid) throws IOException {
            String[] argv = Files.readString(Path.of("/proc/" + pid + "/cmdline")).split("\0");
            for (int i = 0; i < argv.length; i++) {
                if (argv[i].startsWith("--config-file=")) {
                    return Path.of(argv[i].substring("--config-file=".length()));
                }
                if (argv[i].equals("--config-file") && i + 1 < argv.length) {
                    return Path.of(argv[i + 1]);
                }
            }
            return Path.of("/etc/docker/daemon.json");
        }
    }
}
