package dev.berth.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.syscall.testing.RootTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code berth spec} writes runs under runc: a busybox bundle with the default config, the process
 * changed to exit 0 without a terminal, started with {@code runc run}.
 */
@RootTest
class RuncAcceptsBerthSpecTest {
    private static Path onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    @Test
    void runcRunsTheDefaultSpec(@TempDir Path dir) throws Exception {
        Path runc = onPath("runc");
        assumeTrue(runc != null, "runc is not installed (apt-get install runc); CI installs it");
        Path busybox = Path.of("/bin/busybox");
        assumeTrue(Files.isExecutable(busybox), "busybox-static is not installed at /bin/busybox");

        Path bundle = dir.resolve("bundle");
        Path bin = Files.createDirectories(bundle.resolve("rootfs/bin"));
        Files.copy(busybox, bin.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
        for (String applet : List.of("sh", "true", "echo", "cat", "ls")) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
        Spec spec = DefaultSpecs.runcLike();
        spec = spec.withProcess(spec.process().withTerminal(false).withArgs(List.of("sh", "-c", "true")));
        assertEquals("", run(runc, dir, bundle, spec, "default"));
    }

    /** The sandbox base runs the host's own shell: /tmp is writable, /usr is not. */
    @Test
    void runcRunsTheSandboxSpec(@TempDir Path dir) throws Exception {
        Path runc = onPath("runc");
        assumeTrue(runc != null, "runc is not installed (apt-get install runc); CI installs it");
        Path bundle = dir.resolve("bundle");
        Files.createDirectories(bundle.resolve("rootfs"));
        Spec spec = DefaultSpecs.sandbox();
        // the runtime drops the host directories this host does not have
        spec = spec.withMounts(spec.mounts().stream()
                .filter(m -> !m.isBind() || Files.exists(Path.of(m.source()))).toList());
        spec = spec.withProcess(spec.process().withArgs(List.of("/bin/sh", "-c",
                "echo ok > /tmp/probe && read x < /tmp/probe && test \"$x\" = ok && ! (echo no > /usr/probe) 2>/dev/null && echo sandboxed")));
        assertEquals("sandboxed\n", run(runc, dir, bundle, spec, "sandbox"));
    }

    /** Runs {@code spec} in {@code bundle} with {@code runc run}, asserts exit 0 and returns the output. */
    private static String run(Path runc, Path dir, Path bundle, Spec spec, String name) throws Exception {
        SpecWriter.write(spec, bundle.resolve("config.json"));
        String id = "berth-specs-" + name + "-" + ProcessHandle.current().pid();
        Path state = Files.createDirectories(dir.resolve("state"));
        try {
            ProcessBuilder pb = new ProcessBuilder(runc.toString(), "--root", state.toString(), "run", "--bundle",
                    bundle.toString(), id).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            java.lang.Process p = pb.start();
            boolean done = p.waitFor(60, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(done, "runc run did not finish in 60 s: " + output);
            assertEquals(0, p.exitValue(), "runc run failed: " + output);
            return output;
        } finally {
            delete(runc, state, id);
        }
    }

    private static void delete(Path runc, Path state, String id) throws IOException, InterruptedException {
        java.lang.Process p = new ProcessBuilder(runc.toString(), "--root", state.toString(), "delete", "--force", id)
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor(30, TimeUnit.SECONDS);
    }
}
