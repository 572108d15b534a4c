package dev.berth.it.image;

import dev.berth.it.common.Await;
import static dev.berth.it.image.BerthMachine.describe;
import static dev.berth.it.image.BerthMachine.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.Container.ExecResult;

/**
 * {@code berth exec} into a running container: its namespaces (hostname, pid 1), its exit status, the
 * command line's env, cwd and user, a {@code --process} file the way docker writes one, {@code --detach} with
 * a pid file, and a refusal for a container that has stopped.
 */
class ExecIT {
    /** The capabilities docker 20.10 gives a container by default. */
    private static final String DOCKER_CAPABILITIES = """
            ["CAP_CHOWN","CAP_DAC_OVERRIDE","CAP_FSETID","CAP_FOWNER","CAP_MKNOD","CAP_NET_RAW","CAP_SETGID","CAP_SETUID",\
            "CAP_SETFCAP","CAP_SETPCAP","CAP_NET_BIND_SERVICE","CAP_SYS_CHROOT","CAP_KILL","CAP_AUDIT_WRITE"]""";
    /** docker 20.10's exec process (client-configs/docker-20.10-exec-process.json), its output redirected. */
    private static final String DOCKER_PROCESS = """
            {"user":{"uid":0,"gid":0,"additionalGids":[0]},"args":["sh","-c","echo in-exec $$ > /tmp/exec.out; sleep 30"],\
            "env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","HOSTNAME=8b5e49eccf46"],"cwd":"/",\
            "capabilities":{"bounding":CAPS,"effective":CAPS,"permitted":CAPS},"oomScoreAdj":0}"""
            .replace("CAPS", DOCKER_CAPABILITIES);

    @RegisterExtension
    static final BerthMachine berth = new BerthMachine();

    @BeforeAll
    static void startTarget() throws Exception {
        Bundle b = berth.bundle("target").mount("/tmp", "tmpfs", "tmpfs").sh("echo running > /tmp/init.out; exec sleep 600");
        berth.write(b);
        ok(berth.sh("berth run --detach --bundle " + b.dir() + " target > /dev/null 2>&1"));
    }

    @AfterAll
    static void deleteTarget() throws Exception {
        berth.berth("delete", "--force", "target");
    }

    @Test
    void execJoinsTheContainerAndReturnsTheStatusOfItsCommand() throws Exception {
        ExecResult r = berth.berth("exec", "target", "sh", "-c", "hostname; cat /proc/1/comm /tmp/init.out; exit 5");
        assertEquals(5, r.getExitCode(), describe(r));
        assertEquals("berth\nsleep\nrunning\n", r.getStdout(), describe(r));
    }

    @Test
    void envCwdAndUserFromTheCommandLine() throws Exception {
        ExecResult r = berth.berth("exec", "--env", "GREETING=hello", "--cwd", "/tmp", "--user", "1000:100", "target",
                "sh", "-c", "echo $GREETING; pwd; id -u; id -g");
        assertEquals("hello\n/tmp\n1000\n100\n", ok(r).getStdout(), describe(r));
    }

    @Test
    void aProcessFileAsDockerWritesItDetachedWithAPidFile() throws Exception {
        ok(berth.exec("sh", "-c", "printf '%s' \"$1\" > /bundles/process.json", "sh", DOCKER_PROCESS));
        ok(berth.berth("exec", "--process", "/bundles/process.json", "--detach", "--pid-file", "/bundles/exec.pid", "target"));
        String pid = ok(berth.sh("cat /bundles/exec.pid")).getStdout().strip();
        Await.until("the exec'd process wrote its line",
                () -> berth.berth("exec", "target", "cat", "/tmp/exec.out").getStdout().startsWith("in-exec"));
        String status = ok(berth.sh("grep -E '^Cap(Eff|Bnd)' /proc/" + pid + "/status")).getStdout();
        // docker's fourteen capabilities, not the container's three; as for runc, root's exec gives it the
        // whole bounding set
        assertEquals("CapEff:\t00000000a80425fb\nCapBnd:\t00000000a80425fb\n", status, "the --process file's sets");
        assertTrue(ok(berth.berth("ps", "--format", "json", "target")).getStdout().contains(pid), "in the container's cgroup");
    }

    @Test
    void execIntoAStoppedContainerIsRefused() throws Exception {
        Bundle b = berth.bundle("stopped").sh("true");
        berth.write(b);
        ok(berth.sh("berth create --bundle " + b.dir() + " stopped > /dev/null 2>&1 && berth start stopped"));
        Await.until("stopped", () -> ok(berth.berth("state", "stopped")).getStdout().contains("\"stopped\""));
        ExecResult r = berth.berth("exec", "stopped", "true");
        assertEquals(1, r.getExitCode(), describe(r));
        assertTrue(r.getStderr().contains("stopped"), describe(r));
        ok(berth.berth("delete", "stopped"));
    }
}
