package dev.berth.runtime.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.berth.runtime.e2e.BerthCli;
import dev.berth.runtime.e2e.ContainerTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Leaky Vessels" (runc CVE-2024-21626): runc's init kept an fd of the host's {@code /sys/fs/cgroup}
 * open, and {@code process.cwd = /proc/self/fd/7} (or {@code exec --cwd}) put the payload's working
 * directory on the host, from where {@code ../../..} reached the host's root. Here the payload holds only
 * the fds it was given, and every working directory an image or a spec can name stays inside the root:
 * each test tries all the low fd numbers and symlinks out of the root, and checks where {@code ..} leads
 * by a marker file that exists only at the container's root.
 */
class LeakyVesselsTest extends ContainerTest {
    /**
     * The fds of the payload's shell, listed by an {@code ls} it forks: no pipe (the shell would hold its
     * ends while ls looks), and {@code ; true} keeps busybox sh from exec'ing its last command in its own
     * place (ls would list its own directory fd). One number a line: see {@link #fds}.
     */
    private static final String LIST_FDS = "ls /proc/$$/fd; true";

    /** {@link #LIST_FDS}'s lines as one line, then whatever followed them. */
    private static String fds(String out) {
        return out.replace("\n", " ");
    }

    /** A file that only the container's root holds. */
    private String rootMarker;

    @BeforeEach
    void markTheRoot() throws Exception {
        rootMarker = ".berth-root-" + UUID.randomUUID();
        Files.writeString(bundle.rootfs.resolve(rootMarker), "");
    }

    /** Prints {@code root} when {@code ..} from the working directory leads to the container's root, else {@code ESCAPED}. */
    private String whereDoesDotDotLead() {
        return "cd ../../../../../../../../.. 2>/dev/null; if [ -e /" + rootMarker + " ] && [ -e ./" + rootMarker
                + " ]; then echo root; else echo ESCAPED; ls -a; fi";
    }

    /**
     * {@code berth ARGS} started by the host's sh with fds 3, 4 and 5 open on a file holding "A":
     * {@code --preserve-fds 2} is to pass on 3 and 4, never 5.
     */
    private BerthCli.Result withThreeOpenFds(String... berthArgs) throws Exception {
        Path a = tmp.resolve("preserved");
        Files.writeString(a, "A");
        List<String> args = new ArrayList<>(List.of("sh", "-c", "exec 3<\"$0\" 4<\"$0\" 5<\"$0\"; exec \"$@\"",
                a.toString()));
        args.addAll(BerthCli.javaCommand());
        args.addAll(List.of("--root", berth.root().toString()));
        args.addAll(List.of(berthArgs));
        Path out = tmp.resolve("fds.out");
        Path err = tmp.resolve("fds.err");
        ProcessBuilder pb = new ProcessBuilder(args).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put(marker.substring(0, marker.indexOf('=')), marker.substring(marker.indexOf('=') + 1));
        int code = pb.start().waitFor();
        return new BerthCli.Result(args, code, Files.readString(out), Files.readString(err), Duration.ZERO);
    }

    @Test
    void runHandsThePayloadOnlyItsStdio() throws Exception {
        assertEquals("0 1 2 ", fds(probe(LIST_FDS)));
    }

    @Test
    void runHandsOnExactlyThePreservedFds() throws Exception {
        bundle.sh(LIST_FDS + "; cat <&3; cat <&4");
        bundle.write();
        track(id);
        assertEquals("0 1 2 3 4 AA", fds(withThreeOpenFds("run", "--preserve-fds", "2", "--bundle",
                bundle.dir.toString(), id).ok().out()));
    }

    @Test
    void execHandsThePayloadOnlyItsStdioAndThePreservedFds() throws Exception {
        bundle.args("sleep", "600");
        run("--detach").ok();
        assertEquals("0 1 2 ", fds(berth("exec", id, "sh", "-c", LIST_FDS).ok().out()));
        assertEquals("0 1 2 3 4 A", fds(withThreeOpenFds("exec", "--preserve-fds", "2", id, "sh", "-c",
                LIST_FDS + "; cat <&4").ok().out()));
    }

    @Test
    void aCwdThroughProcSelfFdIsRefusedOrStaysInTheRoot() throws Exception {
        List<String> escapes = new ArrayList<>();
        for (int fd = 3; fd <= 12; fd++) {
            bundle.process().put("cwd", "/proc/self/fd/" + fd);
            bundle.sh(whereDoesDotDotLead());
            String thisId = track(id + "-fd" + fd);
            bundle.write();
            BerthCli.Result r = berth.call("run", "--bundle", bundle.dir.toString(), thisId);
            if (r.code() == 0 && !r.out().equals("root\n")) {
                escapes.add("cwd /proc/self/fd/" + fd + ":\n" + r);
            }
        }
        assertEquals(List.of(), escapes);
    }

    @Test
    void aCwdThatIsASymlinkOutOfTheRootStaysInTheRoot() throws Exception {
        Files.createSymbolicLink(bundle.rootfs.resolve("up"), Path.of("../../../../../../../.."));
        Files.createSymbolicLink(bundle.rootfs.resolve("abs"), Path.of("/"));
        for (String cwd : List.of("/up", "/abs", "/up/tmp", "/abs/../../..")) {
            bundle.process().put("cwd", cwd);
            assertEquals("root\n", probe(whereDoesDotDotLead()), "cwd " + cwd);
        }
        assertFalse(Files.exists(Path.of("/tmp", rootMarker)));
    }

    @Test
    void execCwdThroughProcSelfFdOrASymlinkStaysInTheRoot() throws Exception {
        Files.createSymbolicLink(bundle.rootfs.resolve("up"), Path.of("../../../../../../../.."));
        bundle.args("sleep", "600");
        run("--detach").ok();
        List<String> escapes = new ArrayList<>();
        List<String> cwds = new ArrayList<>(List.of("/up", "/up/tmp"));
        for (int fd = 3; fd <= 12; fd++) {
            cwds.add("/proc/self/fd/" + fd);
        }
        for (String cwd : cwds) {
            BerthCli.Result r = berth("exec", "--cwd", cwd, id, "sh", "-c", whereDoesDotDotLead());
            if (r.code() == 0 && !r.out().equals("root\n")) {
                escapes.add("exec --cwd " + cwd + ":\n" + r);
            }
        }
        assertEquals(List.of(), escapes);
    }
}
