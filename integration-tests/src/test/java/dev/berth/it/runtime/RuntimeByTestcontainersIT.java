package dev.berth.it.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.it.docker.Images;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Berth as the runtime of Testcontainers' containers, chosen the way a user of Testcontainers would: a
 * create-command modifier that sets {@code HostConfig.Runtime}. A one-shot container and a long-running one
 * with exec, logs and stop; the log of berth's command lines shows that Berth, not runc, ran them.
 */
@ExtendWith(BerthRuntime.class)
class RuntimeByTestcontainersIT {
    private static GenericContainer<?> onBerth(String script) throws Exception {
        return new GenericContainer<>(DockerImageName.parse(Images.busybox()))
                .withCommand("sh", "-c", script)
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withRuntime(BerthRuntime.NAME));
    }

    private static String berthCalls() throws Exception {
        return Files.exists(BerthRuntime.calls()) ? Files.readString(BerthRuntime.calls()) : "";
    }

    @Test
    void aOneShotContainerRunsOnBerth() throws Exception {
        try (GenericContainer<?> c = onBerth("echo hello from $(hostname)")
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(60)))) {
            c.start();
            assertEquals(BerthRuntime.NAME, c.getContainerInfo().getHostConfig().getRuntime());
            assertTrue(c.getLogs().startsWith("hello from "), c.getLogs());
            assertTrue(berthCalls().contains("create --bundle ") && berthCalls().contains(c.getContainerId()),
                    "berth created " + c.getContainerId() + ":\n" + berthCalls());
        }
    }

    @Test
    void aServiceContainerTakesExecsAndStops() throws Exception {
        try (GenericContainer<?> c = onBerth("echo ready; exec sleep 600").waitingFor(Wait.forLogMessage("ready\\n", 1))) {
            c.start();
            ExecResult r = c.execInContainer("sh", "-c", "echo $((6 * 7)); cat /proc/1/comm");
            assertEquals("42\nsleep\n", r.getStdout(), r.getStderr());
            assertTrue(berthCalls().contains("exec --process "), berthCalls());
            String id = c.getContainerId();
            c.stop();
            assertTrue(berthCalls().contains("kill " + id) && berthCalls().contains("delete " + id),
                    "berth stopped and deleted it:\n" + berthCalls());
        }
    }
}
