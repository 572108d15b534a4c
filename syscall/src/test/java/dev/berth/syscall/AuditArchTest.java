package dev.berth.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The compat ABIs' tables against the kernel headers they were generated from (both directions: every
 * {@code __NR_*} of the header is in the table with the same number, and nothing else is). Skipped with a
 * message where the headers are not installed ({@code linux-libc-dev}, {@code linux-libc-dev-armhf-cross}),
 * failed under CI.
 */
class AuditArchTest {
    private static final Pattern PLAIN = Pattern.compile("#define __NR_(\\w+)\\s+(\\d+)\\s*");
    private static final Pattern X32 = Pattern.compile("#define __NR_(\\w+) \\(__X32_SYSCALL_BIT \\+ (\\d+)\\)\\s*");
    private static final Pattern ARM = Pattern.compile("#define __NR_(\\w+)\\s+\\(__NR_SYSCALL_BASE\\s*\\+\\s*(\\d+)\\)\\s*");

    @Test
    void i386MatchesUnistd32() throws IOException {
        check(AuditArch.I386, "/usr/include/x86_64-linux-gnu/asm/unistd_32.h", PLAIN, 0);
    }

    @Test
    void x32MatchesUnistdX32WithTheX32Bit() throws IOException {
        check(AuditArch.X32, "/usr/include/x86_64-linux-gnu/asm/unistd_x32.h", X32, Seccomp.__X32_SYSCALL_BIT);
    }

    @Test
    void armMatchesUnistdEabi() throws IOException {
        check(AuditArch.ARM, "/usr/arm-linux-gnueabihf/include/asm/unistd-eabi.h", ARM, 0);
    }

    @Test
    void nativeAbisShareArchsTables() {
        assertEquals(Arch.X86_64.syscalls(), AuditArch.X86_64.syscalls());
        assertEquals(Arch.AARCH64.syscalls(), AuditArch.AARCH64.syscalls());
        assertEquals(AuditArch.X86_64, AuditArch.of(Arch.X86_64));
        assertEquals(AuditArch.I386, AuditArch.byScmpName("SCMP_ARCH_X86"));
        assertEquals(0x40000000 | 1, AuditArch.X32.syscall("write"));
        assertEquals(-1, AuditArch.I386.syscall("no_such_call"));
    }

    private static void check(AuditArch arch, String header, Pattern p, int bit) throws IOException {
        Path h = Path.of(header);
        if (!Files.exists(h)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(header + " is missing under CI");
            }
            Assumptions.abort(header + " is not installed: cannot check the " + arch + " table");
        }
        Map<String, Integer> expected = new TreeMap<>();
        for (String line : Files.readAllLines(h)) {
            Matcher m = p.matcher(line);
            if (m.matches()) {
                expected.put(m.group(1), Integer.parseInt(m.group(2)) | bit);
            }
        }
        assertEquals(expected, new TreeMap<>(arch.syscalls()), arch + " against " + header);
    }
}
