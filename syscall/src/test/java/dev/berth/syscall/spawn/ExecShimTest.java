package dev.berth.syscall.spawn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.syscall.Arch;
import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fcntl;
import dev.berth.syscall.Fd;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Open;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exec shim: its bytes are its assembly source's, a payload runs through it with its argv, envp and
 * inherited fds (and no other fd), a PATH search goes on after ENOENT only, a failure is reported as the
 * plan's step, the memfd is sealed, and an image's {@code #!/proc/self/exe} runs nothing but the shim
 * again, which refuses (runc CVE-2019-5736). No root needed.
 */
class ExecShimTest {
    @TempDir
    Path tmp;

    private static final List<String> ENV = Payload.ENV;

    @Test
    void committedBytesMatchTheAssembledSource() throws Exception {
        boolean present = Files.isExecutable(Path.of("/usr/bin/as")) && Files.isExecutable(Path.of("/usr/bin/objcopy"));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must have binutils to check the exec shim");
        }
        Assumptions.assumeTrue(present, "needs as and objcopy (Debian binutils)");
        Path src = tmp.resolve("s.S");
        try (InputStream in = ExecShim.class.getResourceAsStream("exec-shim-x86_64.S")) {
            Files.write(src, in.readAllBytes());
        }
        run("as", "-o", tmp.resolve("s.o").toString(), src.toString());
        run("objcopy", "-O", "binary", "-j", ".text", tmp.resolve("s.o").toString(), tmp.resolve("s.bin").toString());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("s.bin")), ExecShim.code(Arch.X86_64),
                "exec-shim-x86_64.bin is stale: re-assemble it from its .S");
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
    }

    @Test
    void thePlaceholdersArePatchedAndTheElfHeaderIsSane() {
        byte[] elf = ExecShim.elf(Arch.X86_64, 5, 42);
        assertEquals(0x7f, elf[0]);
        assertEquals('E', elf[1]);
        assertEquals(3, elf[16], "ET_DYN");
        assertEquals(62, elf[18], "EM_X86_64");
        String hex = java.util.HexFormat.of().formatHex(elf);
        assertTrue(!hex.contains("d01f5e7e") && !hex.contains("e9575e7e"), "no placeholder left");
        assertTrue(hex.contains("bf05000000"), "mov $5, %edi");
        assertTrue(hex.contains("682a000000"), "push $42");
    }

    @Test
    void thePayloadRunsWithItsArgvEnvAndNothingButItsFds() throws Exception {
        PlanBuilder b = SpawnPlan.builder().execveThroughShim(List.of("/bin/sh"),
                List.of("sh", "-c", "echo \"$0 $1 $GREETING\"; ls /proc/$$/fd; true", "zero", "one"),
                List.of("PATH=/usr/bin:/bin", "GREETING=hello"));
        Payload.Result r = Payload.run(b);
        assertEquals(ExitStatus.exited(0), r.status());
        assertEquals("zero one hello\n0\n1\n2\n", r.output(), "no fd of the shim or of the error pipe is left");
    }

    @Test
    void inheritedFdsGoThroughAndTheErrorPipeStaysClearOfThem() throws Exception {
        Path file = tmp.resolve("f");
        Files.writeString(file, "inherited");
        try (Fd f = Fd.of(Fs.open(file.toString(), Open.O_RDONLY | Open.O_CLOEXEC))) {
            PlanBuilder b = SpawnPlan.builder().execveThroughShim(List.of("/bin/sh"),
                    List.of("sh", "-c", "ls /proc/$$/fd; cat <&3 <&4; true"), ENV).inheritFd(f.get(), 3)
                    .inheritFd(f.get(), 4);
            Payload.Result r = Payload.run(b);
            assertEquals("0\n1\n2\n3\n4\ninherited", r.output());
        }
    }

    @Test
    void aPathSearchGoesOnAfterEnoentOnly() throws Exception {
        PlanBuilder b = SpawnPlan.builder().execveThroughShim(List.of(tmp + "/missing/echo", "/bin/echo"),
                List.of("echo", "found"), ENV);
        assertEquals(new Payload.Result("found\n", ExitStatus.exited(0)), Payload.run(b));

        Path notExecutable = Files.writeString(tmp.resolve("plain"), "data");
        PlanBuilder denied = SpawnPlan.builder().execveThroughShim(List.of(notExecutable.toString(), "/bin/echo"),
                List.of("echo", "must not run"), ENV).label("process.args[0]");
        SpawnStepException e = assertThrows(SpawnStepException.class, () -> Payload.run(denied));
        assertEquals(Errno.EACCES, e.errno(), "EACCES ends the search, as the plan's own execve steps did");
    }

    @Test
    void aFailureIsReportedAsThePlansStep() throws Exception {
        PlanBuilder b = SpawnPlan.builder().execveThroughShim(List.of(tmp + "/a/nope", tmp + "/b/nope"),
                List.of("nope"), List.of()).label("process.args[0]");
        SpawnStepException e = assertThrows(SpawnStepException.class, () -> Payload.run(b));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("execveat", e.call());
        assertEquals("process.args[0]", e.step().label());
        assertEquals(e.stepCount(), e.stepNumber(), "the last step, the shim's exec: " + e.getMessage());
    }

    @Test
    void aScriptNamingProcSelfExeRunsOnlyTheShimAgainWhichRefuses() throws Exception {
        // An image's "#!/proc/self/exe": without the shim the kernel would run the JVM's own binary here.
        Path evil = tmp.resolve("evil");
        Files.writeString(evil, "#!/proc/self/exe\n");
        Files.setPosixFilePermissions(evil, PosixFilePermissions.fromString("rwxr-xr-x"));
        PlanBuilder b = SpawnPlan.builder().execveThroughShim(List.of(evil.toString()), List.of(evil.toString(), "x"),
                ENV);
        assertEquals(new Payload.Result("", ExitStatus.exited(127)), Payload.run(b));
    }

    @Test
    void theMemfdIsSealedAgainstWrites() throws Exception {
        int fd = ExecShim.memfd(ExecShim.elf(Arch.X86_64, 3, 1));
        try {
            int seals = Fs.fcntl(fd, Fcntl.F_GET_SEALS, 0);
            int wanted = Fcntl.F_SEAL_SEAL | Fcntl.F_SEAL_SHRINK | Fcntl.F_SEAL_GROW | Fcntl.F_SEAL_WRITE;
            assertEquals(wanted, seals & wanted);
            ErrnoException e = assertThrows(ErrnoException.class, () -> Fs.writeAll(fd, new byte[] {1}));
            assertEquals(Errno.EPERM, e.errno());
            try (Fd reopened = Fd.of(Fs.open("/proc/self/fd/" + fd, Open.O_WRONLY | Open.O_CLOEXEC))) {
                assertEquals(Errno.EPERM, assertThrows(ErrnoException.class,
                        () -> Fs.writeAll(reopened.get(), new byte[] {1})).errno(), "nor through /proc/self/fd");
            } catch (ErrnoException refused) {
                // refusing the open is as good
            }
        } finally {
            Fs.close(fd);
        }
    }

    @Test
    void theRenderedPlanShowsTheShimAndTheCandidates() {
        String plan = SpawnPlan.builder().execveThroughShim(List.of("/usr/bin/sh", "/bin/sh"), List.of("sh"), List.of())
                .label("process.args[0]").build().render();
        assertTrue(plan.contains("fcntl(<berth exec shim>, F_DUPFD_CLOEXEC, 4) -> $0"), plan);
        assertTrue(plan.contains("dup3($errpipe, 3, 0) [EINVAL ok]"), plan);
        assertTrue(plan.contains("execveat($0, \"\", [\"/usr/bin/sh\", \"/bin/sh\", \"\", \"sh\"], [], AT_EMPTY_PATH)"
                + "  # process.args[0]"), plan);
    }
}
