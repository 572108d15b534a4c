package dev.berth.syscall.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.syscall.Arch;
import dev.berth.syscall.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link Errno#message} says what glibc's {@code strerror(3)} says, for every errno Berth names: a
 * program printing {@code strerror} is built and run on this machine (only the native architecture can
 * run it; the numbers themselves are checked for both by {@link AbiCheckTest}).
 */
class ErrnoMessagesTest {
    /** Kernel-internal errnos glibc has no text for. */
    private static final List<Integer> NOT_IN_GLIBC = List.of(Errno.ENOTSUPP);

    @Test
    void messagesAreGlibcStrerror() throws IOException {
        Toolchain tc = Toolchain.find(Arch.current()).orElse(null);
        Assumptions.assumeTrue(tc != null, "skipped: no C compiler (install gcc)");
        TreeSet<Integer> numbers = new TreeSet<>();
        for (ConstantCatalog.Constant k : ConstantCatalog.constants()) {
            if (k.family() == Errno.class && !NOT_IN_GLIBC.contains((int) k.value())) {
                numbers.add((int) k.value());
            }
        }
        StringBuilder c = new StringBuilder("#include <stdio.h>\n#include <string.h>\nint main(void) {\n");
        for (int n : numbers) {
            c.append("    printf(\"%d\\t%s\\n\", ").append(n).append(", strerror(").append(n).append("));\n");
        }
        c.append("    return 0;\n}\n");
        Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target", "abi-check",
                Arch.current().kernelName());
        Files.createDirectories(dir);
        Path source = dir.resolve("strerror.c").toAbsolutePath();
        Path program = dir.resolve("strerror").toAbsolutePath();
        Files.writeString(source, c);
        Toolchain.Result built = tc.build(source, program);
        assertEquals(0, built.exit(), built.output());
        Toolchain.Result ran = Toolchain.execute(program);
        assertEquals(0, ran.exit(), ran.output());
        List<String> wrong = new ArrayList<>();
        for (String line : ran.output().lines().toList()) {
            String[] f = line.split("\t", 2);
            int n = Integer.parseInt(f[0]);
            if (!Errno.message(n).equals(f[1])) {
                wrong.add(Errno.name(n) + ": Java \"" + Errno.message(n) + "\", glibc \"" + f[1] + "\"");
            }
        }
        assertEquals(numbers.size(), ran.output().lines().count(), "one line per errno from " + program);
        if (!wrong.isEmpty()) {
            fail("Errno messages differ from strerror(3) (" + source + "):\n  " + String.join("\n  ", wrong));
        }
    }
}
