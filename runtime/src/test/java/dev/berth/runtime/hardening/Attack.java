package dev.berth.runtime.hardening;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Tools of the attacks: tiny static C programs compiled at test time with {@code gcc -static} (the
 * tests that need one are skipped with a message where gcc or a static libc is missing), and
 * checksums of host files an attack must leave as they are.
 */
final class Attack {
    private Attack() {}

    /** The SHA-256 of {@code file}'s content, in hex. */
    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Compiles {@code source} (C) into the static executable {@code out} with {@code flags} added, or skips
     * the calling test when there is no gcc able to link statically.
     */
    static Path compile(Path work, String name, String source, Path out, String... flags) throws Exception {
        Path gcc = Path.of("/usr/bin/gcc");
        Assumptions.assumeTrue(Files.isExecutable(gcc), "needs gcc (Debian package gcc) to build the attack program "
                + name);
        Files.createDirectories(work);
        Path c = work.resolve(name + ".c");
        Files.writeString(c, source);
        List<String> cmd = new ArrayList<>(List.of(gcc.toString(), "-static", "-O1", "-o", out.toString()));
        cmd.addAll(List.of(flags));
        cmd.add(c.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("gcc did not finish: " + String.join(" ", cmd));
        }
        Assumptions.assumeTrue(p.exitValue() == 0, "gcc cannot build a static " + name + " here (no static libc?):\n"
                + text);
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
        return out;
    }
}
