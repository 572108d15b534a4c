package dev.berth.it.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.it.common.Await;
import dev.berth.it.common.Command;
import dev.berth.it.docker.Docker;
import dev.berth.it.docker.Images;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Berth as docker's runtime, through the docker command line as people use it: {@code docker run --runtime
 * berth} on the busybox image with the options and commands that reach the runtime (dockerd's shim calls
 * {@code berth create/start/state/kill/delete/exec/ps/pause/resume/update} with docker's own config.json,
 * its seccomp profile and device rules, and on the default network a prestart hook). The probe is what the
 * container prints.
 */
@ExtendWith(BerthRuntime.class)
class DockerRunIT {
    private static String image;
    private final List<String> containers = new ArrayList<>();

    @BeforeAll
    static void image() throws IOException {
        image = Images.busybox();
    }

    @AfterEach
    void removeContainers() throws IOException {
        for (String name : containers) {
            Docker.cli("rm", "-f", name);
        }
    }

    /** {@code docker ARGS...}: its output (stdout and stderr) and status. */
    private static Command docker(String... args) throws IOException {
        return Docker.cli(args);
    }

    /** {@code docker run --rm --runtime berth OPTIONS... IMAGE COMMAND...}; {@code --} separates the two. */
    private static Command run(String... optionsAndCommand) throws IOException {
        List<String> argv = new ArrayList<>(List.of("run", "--rm", "--runtime", BerthRuntime.NAME));
        int dashes = List.of(optionsAndCommand).indexOf("--");
        argv.addAll(List.of(optionsAndCommand).subList(0, Math.max(dashes, 0)));
        argv.add(image);
        argv.addAll(List.of(optionsAndCommand).subList(dashes + 1, optionsAndCommand.length));
        return docker(argv.toArray(String[]::new));
    }

    private static Command ok(Command c) {
        if (c.exitCode() != 0) {
            throw new AssertionError(describe(c));
        }
        return c;
    }

    private static String describe(Command c) {
        return "$ " + String.join(" ", c.argv()) + "\nexit status " + c.exitCode() + "\n" + c.output();
    }

    /** A detached container named {@code name} running {@code script}, removed after the test. */
    private String detached(String name, String script, String... options) throws IOException {
        containers.add(name);
        List<String> argv = new ArrayList<>(List.of("run", "-d", "--name", name, "--runtime", BerthRuntime.NAME));
        argv.addAll(List.of(options));
        argv.addAll(List.of(image, "sh", "-c", script));
        ok(docker(argv.toArray(String[]::new)));
        return name;
    }

    private static String inspect(String name, String format) throws IOException {
        return ok(docker("inspect", "--format", format, name)).output().strip();
    }

    @Test
    void echoAndExitCodes() throws Exception {
        assertEquals("hello\n", ok(run("--", "echo", "hello")).output());
        Command failed = run("--", "sh", "-c", "exit 42");
        assertEquals(42, failed.exitCode(), describe(failed));
        Command missing = run("--", "no-such-command");
        assertEquals(127, missing.exitCode(), describe(missing));
    }

    @Test
    void envWorkdirHostnameAndUser() throws Exception {
        Command c = run("-e", "GREETING=hi there", "-w", "/tmp", "-h", "boxed", "-u", "1000:1000", "--",
                "sh", "-c", "echo \"$GREETING\"; pwd; hostname; id -u; id -g");
        assertEquals("hi there\n/tmp\nboxed\n1000\n1000\n", ok(c).output(), describe(c));
        assertEquals("65534\n", ok(run("-u", "nobody", "--", "id", "-u")).output(), "a user name from the image");
    }

    @Test
    void noNetworkAndTheDefaultBridge() throws Exception {
        String none = ok(run("--network", "none", "--", "sh", "-c", "ip -o link | cut -d: -f2")).output();
        assertEquals(" lo\n", none, "--network none: a loopback device only");
        Command bridge = run("--", "sh", "-c",
                "ip -o -4 addr show eth0; ping -c 1 -W 5 $(ip route | awk '/default/ {print $3}')");
        assertTrue(bridge.output().contains("inet 172."), describe(bridge));
        assertEquals(0, bridge.exitCode(), "the bridge's gateway answers: " + describe(bridge));
    }

    @Test
    void stdinWithMinusIAndATerminalWithMinusT() throws Exception {
        Command in = Command.run(null, List.of("sh", "-c", "echo piped | docker run -i --rm --runtime berth " + image + " cat"));
        assertEquals("piped\n", ok(in).output(), describe(in));
        Command tty = run("-t", "--", "sh", "-c", "tty; [ -t 1 ] && echo stdout-is-a-tty");
        assertEquals("/dev/pts/0\r\nstdout-is-a-tty\r\n", ok(tty).output(), describe(tty));
        // -it needs the client's own stdin to be a terminal: script(1) gives it one
        Command it = Command.run(null, List.of("script", "-qec",
                "docker run -it --rm --runtime berth " + image + " sh -c 'stty size; echo interactive'", "/dev/null"));
        assertTrue(ok(it).output().contains("interactive"), describe(it));
    }

    @Test
    void readOnlyRootMemoryAndPidsLimitsAndNoCapabilities() throws Exception {
        Command ro = run("--read-only", "--", "sh", "-c",
                "touch /x 2>/dev/null || echo read-only; touch /dev/shm/y && echo shm");
        assertEquals("read-only\nshm\n", ok(ro).output(), describe(ro));
        Command limits = run("--memory", "64m", "--pids-limit", "50", "--", "cat",
                "/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/pids/pids.max");
        assertEquals("67108864\n50\n", ok(limits).output(), describe(limits));
        Command caps = run("--cap-drop", "ALL", "--", "grep", "CapEff", "/proc/self/status");
        assertEquals("CapEff:\t0000000000000000\n", ok(caps).output(), describe(caps));
    }

    @Test
    void detachedAndCreatedThenStarted() throws Exception {
        String name = detached("berth-it-detached", "echo started; sleep 600");
        Await.until("the detached container's log", () -> docker("logs", name).output().contains("started"));
        assertEquals("true", inspect(name, "{{.State.Running}}"));
        containers.add("berth-it-created");
        ok(docker("create", "--name", "berth-it-created", "--runtime", BerthRuntime.NAME, image,
                "echo", "created, then started"));
        Command start = docker("start", "-a", "berth-it-created");
        assertEquals("created, then started\n", ok(start).output(), describe(start));
    }

    @Test
    void execWithExitCodeEnvCwdUserAndTty() throws Exception {
        String name = detached("berth-it-exec", "sleep 600");
        Command code = docker("exec", name, "sh", "-c", "exit 3");
        assertEquals(3, code.exitCode(), describe(code));
        Command env = docker("exec", "-e", "X=y", "-w", "/tmp", "-u", "1000:1000", name, "sh", "-c", "echo $X; pwd; id -u");
        assertEquals("y\n/tmp\n1000\n", ok(env).output(), describe(env));
        Command tty = docker("exec", "-t", name, "tty");
        assertTrue(ok(tty).output().matches("/dev/pts/\\d+\r\n"), describe(tty));
        Command in = Command.run(null, List.of("sh", "-c", "echo into-exec | docker exec -i " + name + " cat"));
        assertEquals("into-exec\n", ok(in).output(), describe(in));
    }

    @Test
    void topPauseUnpauseAndUpdate() throws Exception {
        String name = detached("berth-it-cgroup", "sleep 600", "--pids-limit", "100");
        Command top = docker("top", name);
        assertTrue(ok(top).output().contains("sleep 600"), describe(top));
        ok(docker("pause", name));
        assertEquals("paused", inspect(name, "{{.State.Status}}"));
        ok(docker("unpause", name));
        assertEquals("running", inspect(name, "{{.State.Status}}"));
        ok(docker("update", "--pids-limit", "77", "--cpu-shares", "512", name));
        Command limits = docker("exec", name, "cat", "/sys/fs/cgroup/pids/pids.max", "/sys/fs/cgroup/cpu/cpu.shares");
        assertEquals("77\n512\n", ok(limits).output(), describe(limits));
    }

    @Test
    void killWithATrappedTermAndRestart() throws Exception {
        String name = detached("berth-it-kill",
                "trap 'echo got TERM; exit 0' TERM; echo running; while :; do sleep 1 & wait; done");
        Await.until("running", () -> docker("logs", name).output().contains("running"));
        ok(docker("kill", "--signal", "TERM", name));
        Await.until("exited", () -> inspect(name, "{{.State.Status}}").equals("exited"));
        assertTrue(docker("logs", name).output().contains("got TERM"));
        assertEquals("0", inspect(name, "{{.State.ExitCode}}"));
        ok(docker("restart", "-t", "2", name));
        Await.until("running again", () -> docker("logs", name).output().split("running", -1).length == 3);
        assertEquals("true", inspect(name, "{{.State.Running}}"));
    }

    @Test
    void stopEscalatesToKillAndRmForceRemovesARunningContainer() throws Exception {
        String name = detached("berth-it-stop", "trap '' TERM; echo ignoring; while :; do sleep 1; done");
        Await.until("ignoring TERM", () -> docker("logs", name).output().contains("ignoring"));
        long t0 = System.nanoTime();
        ok(docker("stop", "-t", "2", name));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 1500 && ms < 10_000, "stop -t 2 took " + ms + " ms");
        assertEquals("137", inspect(name, "{{.State.ExitCode}}"), "killed by SIGKILL");
        String running = detached("berth-it-rm", "sleep 600");
        ok(docker("rm", "-f", running));
        assertEquals("", ok(docker("ps", "-a", "-q", "--filter", "name=berth-it-rm")).output());
    }

    @Test
    void dockersInitAsPid1() throws Exception {
        Command c = run("--init", "--", "sh", "-c", "cat /proc/1/comm; echo $$");
        assertEquals("docker-init\n", ok(c).output().lines().findFirst().orElse("") + "\n", describe(c));
        assertTrue(!c.output().endsWith("\n1\n"), "the payload is not pid 1: " + describe(c));
    }
}
