package dev.berth.it.image;

import dev.berth.it.common.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import dev.berth.it.docker.Images;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * {@code berth init} as the image's entrypoint, PID 1 of a docker container: the payload's exit status is
 * the container's; {@code docker stop}'s SIGTERM reaches the payload, and one that ignores it is killed
 * after Berth's grace period, long before docker's; other signals are forwarded; orphans are reaped.
 *
 * <p>These containers run under docker's default seccomp profile, whose {@code clone3} rule (ENOSYS, so that
 * glibc falls back to {@code clone}) Berth's spawn engine meets by falling back to {@code clone} as well.
 */
class InitIT {
    private static final String READY = "payload: ready";

    /** The Berth image with its own entrypoint and {@code CMD}, docker's default security options. */
    private static GenericContainer<?> container(String script) throws Exception {
        return new GenericContainer<>(DockerImageName.parse(Images.berth())).withCommand("sh", "-c", script);
    }

    /** Accepts a container once it has stopped running, whatever its exit status. */
    private static final class Exited extends StartupCheckStrategy {
        @Override
        public StartupStatus checkStartupState(DockerClient client, String id) {
            return Boolean.TRUE.equals(getCurrentState(client, id).getRunning()) ? StartupStatus.NOT_YET_KNOWN
                    : StartupStatus.SUCCESSFUL;
        }
    }

    private static long exitCode(GenericContainer<?> c) {
        return c.getCurrentContainerInfo().getState().getExitCodeLong();
    }

    /** {@code docker stop -t TIMEOUT}; returns how long it took. */
    private static Duration stop(GenericContainer<?> c, int timeoutSeconds) {
        long t0 = System.nanoTime();
        c.getDockerClient().stopContainerCmd(c.getContainerId()).withTimeout(timeoutSeconds).exec();
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    @Test
    void theContainerExitsWithThePayloadsStatus() throws Exception {
        try (GenericContainer<?> c = container("echo hello from $(cat /proc/1/comm); exit 7")
                .withStartupCheckStrategy(new Exited())) {
            c.start();
            assertEquals(7, exitCode(c), c.getLogs());
            assertEquals("hello from java\n", c.getLogs(), "PID 1 is Berth's JVM");
        }
    }

    @Test
    void dockerStopsTermReachesThePayloadWhichEndsAtOnce() throws Exception {
        try (GenericContainer<?> c = container("trap 'echo got TERM; exit 3' TERM; echo " + READY
                + "; while :; do sleep 1 & wait; done").waitingFor(Wait.forLogMessage(READY + "\\n", 1))) {
            c.start();
            Duration took = stop(c, 20);
            assertTrue(took.toMillis() < 5000, "docker stop took " + took.toMillis() + " ms: " + c.getLogs());
            assertEquals(3, exitCode(c), c.getLogs());
            assertTrue(c.getLogs().contains("got TERM\n"), c.getLogs());
        }
    }

    @Test
    void aPayloadThatIgnoresTermIsKilledAfterBerthsGracePeriod() throws Exception {
        try (GenericContainer<?> c = container("trap '' TERM; echo " + READY + "; while :; do sleep 1; done")
                .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("berth", "init", "--grace", "2", "--"))
                .waitingFor(Wait.forLogMessage(READY + "\\n", 1))) {
            c.start();
            Duration took = stop(c, 30);
            assertTrue(took.toMillis() >= 1500 && took.toMillis() < 10_000,
                    "--grace 2 under docker stop -t 30 took " + took.toMillis() + " ms: " + c.getLogs());
            assertEquals(128 + 9, exitCode(c), "the payload was SIGKILLed: " + c.getLogs());
        }
    }

    @Test
    void signalsAreForwardedAndOrphansReaped() throws Exception {
        String script = """
                trap 'echo got USR1' USR1
                trap 'echo got HUP' HUP
                ( for i in 1 2 3; do sleep 1 & done; echo $! > /tmp/orphan )
                echo "orphan's parent: $(sed -n 's/^PPid:[[:space:]]*//p' /proc/$(cat /tmp/orphan)/status)"
                echo READY
                while :; do sleep 1 & wait; done
                """.replace("READY", READY);
        try (GenericContainer<?> c = container(script).waitingFor(Wait.forLogMessage(READY + "\\n", 1))) {
            c.start();
            assertTrue(c.getLogs().contains("orphan's parent: 1\n"), c.getLogs());
            c.getDockerClient().killContainerCmd(c.getContainerId()).withSignal("USR1").exec();
            c.getDockerClient().killContainerCmd(c.getContainerId()).withSignal("HUP").exec();
            Await.until("forwarded", () -> c.getLogs().contains("got USR1") && c.getLogs().contains("got HUP"));
            // An orphan's sleep ends after a second; unreaped, it would stay in /proc as a zombie.
            String orphan = c.execInContainer("cat", "/tmp/orphan").getStdout().strip();
            Await.until("orphan " + orphan + " reaped",
                    () -> c.execInContainer("test", "-e", "/proc/" + orphan).getExitCode() != 0);
            assertEquals("", c.execInContainer("sh", "-c", "grep -l '^State:.*Z' /proc/[0-9]*/status").getStdout(),
                    "no zombies");
        }
    }

    /**
     * Docker's default seccomp profile answers {@code clone3} with ENOSYS unless the container has
     * CAP_SYS_ADMIN (the profile's way to make glibc fall back to {@code clone}): {@code berth init} must start
     * its payload all the same, as runc, tini and dumb-init do.
     */
    @Test
    void theImageRunsUnderDockersDefaultSeccompProfile() throws Exception {
        try (GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(Images.berth()))
                .withCommand("sh", "-c", "echo hello").withStartupCheckStrategy(new Exited())) {
            c.start();
            assertEquals(0, exitCode(c), c.getLogs());
            assertEquals("hello\n", c.getLogs());
        }
    }
}
