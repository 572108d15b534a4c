package dev.berth.runtime.seccomp;

import dev.berth.specs.Seccomp;
import dev.berth.syscall.Arch;
import dev.berth.syscall.AuditArch;
import dev.berth.syscall.struct.SockFilter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * libseccomp as the differential test's reference: {@code libseccomp_export.c} (a test resource) compiled with
 * {@code cc ... -lseccomp} into {@code target/libseccomp/}, once per JVM. Without libseccomp's headers or
 * library the tests that need it are skipped with a message, except under CI ({@code CI=true}), where they fail:
 * {@code .ci/setup} installs {@code libseccomp-dev}.
 */
final class Libseccomp {
    /** libseccomp refused the profile (as runc would refuse the container). */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private static Path binary;
    private static String missing;

    private Libseccomp() {}

    /** The harness, compiled on first use; skips (or fails under CI) when libseccomp-dev is missing. */
    static synchronized Path harness() throws IOException, InterruptedException {
        if (binary == null && missing == null) {
            build();
        }
        if (binary == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("the libseccomp differential test must run under CI: " + missing);
            }
            Assumptions.abort("libseccomp differential test skipped: " + missing
                    + " (apt-get install libseccomp-dev)");
        }
        return binary;
    }

    private static void build() throws IOException, InterruptedException {
        if (!Files.exists(Path.of("/usr/include/seccomp.h"))) {
            missing = "no /usr/include/seccomp.h";
            return;
        }
        Path dir = Path.of("target", "libseccomp").toAbsolutePath();
        Files.createDirectories(dir);
        Path source = dir.resolve("libseccomp_export.c");
        try (InputStream in = Libseccomp.class.getResourceAsStream("libseccomp_export.c")) {
            Files.write(source, in.readAllBytes());
        }
        Path out = dir.resolve("libseccomp_export");
        Run r = run(List.of("cc", "-O2", "-Wall", "-o", out.toString(), source.toString(), "-lseccomp"), new byte[0]);
        if (r.exit != 0) {
            missing = "cc -lseccomp failed: " + new String(r.stderr, StandardCharsets.UTF_8).strip();
            return;
        }
        binary = out;
    }

    /** libseccomp's program for {@code spec} on {@code target}, built the way runc builds it. */
    static List<SockFilter> export(Seccomp spec, Arch target) throws Exception {
        Run r = run(List.of(harness().toString(), "export"), profile(spec, target).getBytes(StandardCharsets.UTF_8));
        if (r.exit == 3) {
            throw new Refused(new String(r.stderr, StandardCharsets.UTF_8).strip());
        }
        if (r.exit != 0) {
            throw new IOException("libseccomp_export failed (" + r.exit + "): " + new String(r.stderr, StandardCharsets.UTF_8));
        }
        ByteBuffer b = ByteBuffer.wrap(r.stdout).order(ByteOrder.nativeOrder());
        List<SockFilter> out = new ArrayList<>();
        while (b.remaining() >= 8) {
            out.add(new SockFilter(Short.toUnsignedInt(b.getShort()), Byte.toUnsignedInt(b.get()),
                    Byte.toUnsignedInt(b.get()), b.getInt()));
        }
        return out;
    }

    /** Nanoseconds libseccomp takes to build and export {@code spec}'s filter, averaged over {@code n} runs. */
    static long benchNanos(Seccomp spec, Arch target, int n) throws Exception {
        Run r = run(List.of(harness().toString(), "bench", Integer.toString(n)),
                profile(spec, target).getBytes(StandardCharsets.UTF_8));
        if (r.exit != 0) {
            throw new IOException("libseccomp_export bench failed: " + new String(r.stderr, StandardCharsets.UTF_8));
        }
        return Long.parseLong(new String(r.stdout, StandardCharsets.UTF_8).strip());
    }

    /**
     * libseccomp's number for each name on each ABI ({@code -1} for none: not known, or only multiplexed, as
     * {@code send} on i386).
     */
    static Map<AuditArch, Map<String, Integer>> resolve(List<AuditArch> abis, List<String> names) throws Exception {
        StringBuilder in = new StringBuilder();
        for (AuditArch a : abis) {
            for (String n : names) {
                in.append(token(a)).append(' ').append(n).append('\n');
            }
        }
        Run r = run(List.of(harness().toString(), "resolve"), in.toString().getBytes(StandardCharsets.UTF_8));
        Map<AuditArch, Map<String, Integer>> out = new HashMap<>();
        for (String line : new String(r.stdout, StandardCharsets.UTF_8).split("\n")) {
            String[] p = line.split(" ");
            if (p.length != 3) {
                continue;
            }
            for (AuditArch a : abis) {
                if (token(a).equals(p[0])) {
                    int nr = Integer.parseInt(p[2]);
                    out.computeIfAbsent(a, k -> new HashMap<>()).put(p[1], nr < 0 ? -1 : nr);
                }
            }
        }
        return out;
    }

    /** libseccomp's name of an ABI. */
    static String token(AuditArch a) {
        return switch (a) {
            case X86_64 -> "x86_64";
            case I386 -> "x86";
            case X32 -> "x32";
            case AARCH64 -> "aarch64";
            case ARM -> "arm";
        };
    }

    /** The harness's input for {@code spec}: the architectures {@code target}'s kernel runs, then the rules. */
    static String profile(Seccomp spec, Arch target) {
        StringBuilder sb = new StringBuilder();
        sb.append("native ").append(token(AuditArch.of(target))).append('\n');
        for (String name : spec.architectures()) {
            AuditArch a = AuditArch.byScmpName(name);
            if (a != null && AuditArch.runnableOn(target).contains(a)) {
                sb.append("arch ").append(token(a)).append('\n');
            }
        }
        sb.append("default ").append(Integer.toUnsignedString(
                Action.parse(spec.defaultAction(), spec.defaultErrnoRet()).value())).append('\n');
        for (Seccomp.Syscall rule : spec.syscalls()) {
            int action = Action.parse(rule.action(), rule.errnoRet()).value();
            for (String name : rule.names()) {
                sb.append("rule ").append(Integer.toUnsignedString(action)).append(' ').append(name).append(' ')
                        .append(rule.args().size());
                for (Seccomp.Arg a : rule.args()) {
                    sb.append(' ').append(a.index()).append(' ').append(Cmp.Op.parse(a.op()).ordinal() + 1).append(' ')
                            .append(Long.toUnsignedString(a.value())).append(' ')
                            .append(Long.toUnsignedString(a.valueTwo()));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private record Run(int exit, byte[] stdout, byte[] stderr) {}

    private static Run run(List<String> cmd, byte[] input) throws IOException, InterruptedException {
        Path err = Files.createTempFile("libseccomp", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            try (var out = p.getOutputStream()) {
                out.write(input);
            }
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            try (InputStream in = p.getInputStream()) {
                in.transferTo(stdout);
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + cmd);
            }
            return new Run(p.exitValue(), stdout.toByteArray(), Files.readAllBytes(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
