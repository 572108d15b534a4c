package dev.berth.syscall.spawn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.syscall.Arch;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The committed trampoline bytes are what their assembly source assembles to, and the source's plan
 * layout is the one {@link NativePlan} writes. Re-assembling needs binutils for the architecture
 * ({@code as}, or {@code aarch64-linux-gnu-as}); without them the check is skipped here but fails in CI.
 */
class TrampolineTest {
    @TempDir
    Path tmp;

    private static String source(Arch arch) throws IOException {
        try (InputStream in = Trampoline.class.getResourceAsStream("trampoline-" + arch.kernelName() + ".S")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static List<String> tools(Arch arch) {
        return arch == Arch.X86_64 ? List.of("as", "objcopy") : List.of("aarch64-linux-gnu-as", "aarch64-linux-gnu-objcopy");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void committedBytesMatchTheAssembledSource(Arch arch) throws Exception {
        List<String> tools = tools(arch);
        boolean present = tools.stream().allMatch(TrampolineTest::onPath);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must have " + tools + " to check the " + arch + " trampoline");
        }
        Assumptions.assumeTrue(present, "needs " + tools + " (Debian binutils / binutils-aarch64-linux-gnu)");
        Path src = tmp.resolve("t.S");
        Files.writeString(src, source(arch));
        run(tools.get(0), "-o", tmp.resolve("t.o").toString(), src.toString());
        run(tools.get(1), "-O", "binary", "-j", ".text", tmp.resolve("t.o").toString(), tmp.resolve("t.bin").toString());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("t.bin")), Trampoline.bytes(arch),
                "trampoline-" + arch.kernelName() + ".bin is stale: re-assemble it from its .S");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void sourceLayoutMatchesNativePlan(Arch arch) throws Exception {
        Map<String, Long> equ = new HashMap<>();
        Matcher m = Pattern.compile("\\.equ\\s+(\\w+),\\s+(\\d+)").matcher(source(arch));
        while (m.find()) {
            equ.put(m.group(1), Long.parseLong(m.group(2)));
        }
        int checked = 0;
        for (Field f : NativePlan.class.getDeclaredFields()) {
            if (f.getName().startsWith("PLAN_") || f.getName().startsWith("STEP_")) {
                f.setAccessible(true);
                assertEquals(f.getLong(null), equ.get(f.getName()), arch + ": " + f.getName());
                checked++;
            }
        }
        assertTrue(checked >= 20, "checked " + checked + " offsets");
        assertEquals(8L * Slot.ERR, equ.get("ERR_SLOT_OFFSET"));
    }
}
