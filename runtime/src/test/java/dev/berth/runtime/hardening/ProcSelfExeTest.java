package dev.berth.runtime.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.runtime.e2e.BerthCli;
import dev.berth.runtime.e2e.ContainerTest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code /proc/self/exe} class of escapes (runc CVE-2019-5736): a process in the container gets hold of
 * the runtime's own binary on the host through {@code /proc/PID/exe} of a runtime process it can see, keeps
 * it open, and writes to it once the runtime has exited, so that the next container start runs the
 * attacker's code as root on the host. Berth's runtime binary is {@code java}; its init and exec children
 * are clones of the JVM until they exec the payload. Each test runs berth from a {@link DecoyJdk} (so that a
 * successful attack damages a private copy, and "text file busy" lifts when berth exits, as on a real host)
 * and asserts that the copy, the real {@code java} and the class path's jars are unchanged and that the
 * attack was refused.
 */
class ProcSelfExeTest extends ContainerTest {
    private DecoyJdk decoy;
    private BerthCli decoyBerth;
    private final Map<Path, String> checksums = new LinkedHashMap<>();
    private Path log;

    @BeforeEach
    void decoyAndChecksums() throws Exception {
        decoy = DecoyJdk.create(tmp.resolve("jdk"));
        decoyBerth = new BerthCli(berth.root(), tmp.resolve("decoy-calls"), marker, decoy.berthCommand());
        List<Path> files = new ArrayList<>(List.of(decoy.java, decoy.realJava));
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.endsWith(".jar") && Files.isRegularFile(Path.of(e))) {
                files.add(Path.of(e));
            }
        }
        for (Path f : files) {
            checksums.put(f, Attack.sha256(f));
        }
        bindHost();
        log = host.resolve("attack.log");
    }

    @AfterEach
    void removeTheDecoysLinks() throws Exception {
        // the decoy's symlinks into the real JDK: @TempDir's clean-up would warn about each
        try (var entries = Files.list(decoy.java.getParent().getParent())) {
            for (Path e : entries.toList()) {
                if (Files.isSymbolicLink(e)) {
                    Files.delete(e);
                }
            }
        }
    }

    private void assertBinariesUnchanged() throws Exception {
        for (Map.Entry<Path, String> e : checksums.entrySet()) {
            assertEquals(e.getValue(), Attack.sha256(e.getKey()), "the container changed " + e.getKey());
        }
    }

    /** The log's lines once it has {@code last}, or after 20 s; absent: "". */
    private String awaitLog(String last) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(last)) {
                break;
            }
            Thread.sleep(50);
        }
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /**
     * A shell loop that writes to the runtime binary through fd 3 (a read-only fd of it, reopened through
     * {@code /proc/self/fd/3} for writing) every 100 ms for ten seconds: "text file busy" lasts as long as a
     * process runs the binary, i.e. until berth's last process of the moment ends.
     */
    private static String writeThroughFd3(String log) {
        return "i=0; while [ $i -lt 100 ]; do if echo PWNED-BY-THE-CONTAINER >> /proc/self/fd/3; then echo WROTE >> "
                + log + "; break; fi 2>/dev/null; i=$((i+1)); sleep 0.1; done; echo done >> " + log;
    }

    @Test
    void theInitWaitingForStartIsOutOfReach() throws Exception {
        bundle.args("sleep", "600");
        track(id);
        bundle.write();
        decoyBerth.call("create", "--bundle", bundle.dir.toString(), id).ok();
        // While the init waits for start it is still berth's JVM (exe = java); an exec'd process sees it as PID 1.
        String attack = "L=/host/attack.log; "
                + "for p in /proc/[0-9]*; do echo \"$p exe=$(readlink $p/exe) root=$(readlink $p/root)\"; done"
                + " > /host/procs 2>&1; "
                + "if (exec 3</proc/1/exe) 2>/dev/null; then echo exe-opened >> $L; else echo exe-refused >> $L; fi; "
                + "if readlink /proc/1/fd/0 > /dev/null 2>&1; then echo fds-open >> $L; else echo fds-refused >> $L; fi; "
                + "if ls /proc/1/root/ > /dev/null 2>&1; then echo root-listed >> $L; else echo root-refused >> $L; fi; "
                + "if (exec 3</proc/1/exe) 2>/dev/null; then exec 3</proc/1/exe; echo ready >> $L; "
                + "while [ ! -e /host/started ]; do sleep 0.05; done; " + writeThroughFd3("$L") + "; "
                + "else echo ready >> $L; echo done >> $L; fi";
        decoyBerth.call("exec", "--detach", id, "sh", "-c", attack).ok();
        awaitLog("ready");
        decoyBerth.call("start", id).ok();
        Files.writeString(host.resolve("started"), "");
        String seen = awaitLog("done");
        assertBinariesUnchanged();
        assertTrue(seen.contains("done"), "the attack ran to its end: " + seen);
        assertFalse(seen.contains("WROTE"), seen);
        assertTrue(seen.contains("exe-refused"), "/proc/1/exe of the waiting init (berth's JVM) could be opened: "
                + seen + Files.readString(host.resolve("procs")));
        assertTrue(seen.contains("fds-refused") && seen.contains("root-refused"), "/proc/1/fd and /proc/1/root of "
                + "the waiting init are out of reach too: " + seen);
    }

    /**
     * The image's own loader, standing in for {@code /lib64/ld-linux-x86-64.so.2}: when the kernel runs the
     * runtime's binary in the container (through {@code #!/proc/self/exe}), this runs inside that process,
     * keeps a read-only fd of {@code /proc/self/exe}, hands it to a shell that outlives the process, and
     * lets the process end (PID 1 turns into a sleep so that the container stays).
     */
    private static final String LOADER = """
            #include <asm/unistd.h>
            #include <fcntl.h>
            static long sc(long n, long a, long b, long c) {
                long r;
                __asm__ volatile ("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
                return r;
            }
            static long sc4(long n, long a, long b, long c, long d) {
                long r;
                register long r10 __asm__("r10") = d;
                __asm__ volatile ("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10) : "rcx", "r11", "memory");
                return r;
            }
            static const char MSG[] = "ran inside the runtime's binary\\n";
            __attribute__((force_align_arg_pointer)) void _start(void) {
                long exe = sc4(__NR_openat, AT_FDCWD, (long) "/proc/self/exe", O_RDONLY, 0);
                long log = sc4(__NR_openat, AT_FDCWD, (long) "/host/attack.log", O_WRONLY | O_CREAT | O_APPEND, 0666);
                sc(__NR_write, log, (long) MSG, sizeof MSG - 1);
                if (exe >= 0) {
                    sc(__NR_dup2, exe, 3, 0);
                }
                char *env[] = {"PATH=/bin", 0};
                if (sc(__NR_fork, 0, 0, 0) == 0) {
                    char *argv[] = {"sh", "-c", WAITER, 0};
                    sc(__NR_execve, (long) "/bin/sh", (long) argv, (long) env);
                    sc(__NR_exit_group, 1, 0, 0);
                }
                if (sc(__NR_getpid, 0, 0, 0) == 1) {
                    char *argv[] = {"sleep", "600", 0};
                    sc(__NR_execve, (long) "/bin/sleep", (long) argv, (long) env);
                }
                sc(__NR_exit_group, 0, 0, 0);
            }
            """;

    /** Puts the loader at the binary's PT_INTERP path in the image, and {@code /bin/evil}: {@code #!/proc/self/exe}. */
    private void hostileImage() throws Exception {
        String waiter = writeThroughFd3("/host/attack.log").replace("\\", "\\\\").replace("\"", "\\\"");
        Path interp = bundle.rootfs.resolve(decoy.interpreter().substring(1));
        Files.createDirectories(interp.getParent());
        Attack.compile(tmp.resolve("build"), "loader", LOADER, interp, "-nostdlib", "-fno-stack-protector",
                "-DWAITER=\"" + waiter + "\"");
        Path evil = bundle.rootfs.resolve("bin/evil");
        Files.writeString(evil, "#!/proc/self/exe\n");
        Files.setPosixFilePermissions(evil, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Whatever the attack did: it is over (never started, or its writer gave up or wrote). */
    private String attackOutcome() throws Exception {
        Thread.sleep(1000);
        return Files.exists(log) ? awaitLog("done") : "";
    }

    @Test
    void anImageCannotRunTheRuntimesBinaryThroughProcSelfExeInExec() throws Exception {
        hostileImage();
        bundle.args("sleep", "600");
        run("--detach").ok();
        BerthCli.Result r = decoyBerth.call("exec", id, "/bin/evil");
        String seen = attackOutcome();
        assertBinariesUnchanged();
        assertFalse(seen.contains("ran inside the runtime's binary"), "exec of #!/proc/self/exe ran berth's own binary "
                + "(java) in the container:\n" + seen + "\n" + r);
        assertTrue(r.code() != 0, "the exec failed: " + r);
    }

    @Test
    void anImageCannotRunTheRuntimesBinaryThroughProcSelfExeAsItsInit() throws Exception {
        hostileImage();
        bundle.args("/bin/evil");
        track(id);
        bundle.write();
        BerthCli.Result r = decoyBerth.call("run", "--detach", "--bundle", bundle.dir.toString(), id);
        String seen = attackOutcome();
        assertBinariesUnchanged();
        assertFalse(seen.contains("ran inside the runtime's binary"), "an init of #!/proc/self/exe ran berth's own "
                + "binary (java) in the container:\n" + seen + "\n" + r);
    }

    @Test
    void noProcessOfTheRuntimeIsReachableWhileExecsComeAndGo() throws Exception {
        // A process in the container looks for any /proc/PID/exe that is berth's binary while execs start in it.
        Object ino = Files.getAttribute(decoy.java, "unix:ino");
        Object dev = Files.getAttribute(decoy.java, "unix:dev");
        bundle.sh("while [ ! -e /host/stop ]; do for e in /proc/[0-9]*/exe; do "
                + "[ \"$(stat -L -c %d:%i $e 2>/dev/null)\" = \"" + dev + ":" + ino + "\" ] && echo $e >> /host/seen; "
                + "done; done; echo stopped > /host/sampled");
        run("--detach").ok();
        for (int i = 0; i < 8; i++) {
            decoyBerth.call("exec", id, "true").ok();
        }
        Files.writeString(host.resolve("stop"), "");
        awaitFile(host.resolve("sampled"), s -> s.contains("stopped"));
        assertFalse(Files.exists(host.resolve("seen")), () -> "berth's binary was reachable: " + read(host.resolve("seen")));
        assertBinariesUnchanged();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
