package dev.berth.runtime.hardening;

import dev.berth.runtime.e2e.BerthCli;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JDK whose {@code bin/java} is a private copy and whose every other entry is a symlink to the real
 * JDK: {@code berth} started from it is the same program, but its {@code /proc/PID/exe} is the copy.
 * An attack on the runtime's binary then hits the copy, never the machine's JDK, and the kernel's
 * "text file busy" guard lifts as soon as no berth of the test runs, as it would on a host where berth
 * is the only Java program (on this shared machine other JVMs would keep the real binary busy and
 * hide a successful attack).
 */
final class DecoyJdk {
    /** The real JDK's {@code java}, resolved. */
    final Path realJava;
    /** The copy, {@code DIR/bin/java}. */
    final Path java;

    private DecoyJdk(Path realJava, Path java) {
        this.realJava = realJava;
        this.java = java;
    }

    static DecoyJdk create(Path dir) throws IOException {
        Path realJava = Path.of(BerthCli.javaCommand().get(0)).toRealPath();
        Path realHome = realJava.getParent().getParent();
        Files.createDirectories(dir.resolve("bin"));
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(realHome)) {
            for (Path e : entries) {
                if (!e.getFileName().toString().equals("bin")) {
                    Files.createSymbolicLink(dir.resolve(e.getFileName().toString()), e);
                }
            }
        }
        Path java = dir.resolve("bin/java");
        Files.copy(realJava, java);
        return new DecoyJdk(realJava, java);
    }

    /** {@link BerthCli#javaCommand()} with the copy as the program. */
    List<String> berthCommand() {
        List<String> cmd = new ArrayList<>(BerthCli.javaCommand());
        cmd.set(0, java.toString());
        return cmd;
    }

    /** The ELF interpreter the binary names ({@code PT_INTERP}: {@code /lib64/ld-linux-x86-64.so.2} on x86_64). */
    String interpreter() throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(realJava)).order(ByteOrder.LITTLE_ENDIAN);
        long phoff = b.getLong(32);
        int phentsize = Short.toUnsignedInt(b.getShort(54));
        int phnum = Short.toUnsignedInt(b.getShort(56));
        for (int i = 0; i < phnum; i++) {
            int ph = (int) (phoff + (long) i * phentsize);
            if (b.getInt(ph) == 3) { // PT_INTERP
                int off = (int) b.getLong(ph + 8);
                int size = (int) b.getLong(ph + 32);
                return new String(b.array(), off, size - 1, StandardCharsets.US_ASCII);
            }
        }
        throw new IOException(realJava + " has no PT_INTERP");
    }
}
