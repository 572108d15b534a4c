package dev.berth.netlink.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every constant of the family classes is checked against the kernel's uapi headers by compiling a C
 * program that prints them (ljsyscall's way). Skipped when no C compiler or headers are installed.
 */
class ConstantsAbiTest {
    private static final List<Class<?>> FAMILIES = List.of(Nl.class, Rtm.class, Ifla.class, Iff.class, Ifa.class,
            Rta.class, Nda.class, Fra.class);
    private static final String HEADERS = """
            #include <stdio.h>
            #include <sys/socket.h>
            #include <linux/netlink.h>
            #include <linux/rtnetlink.h>
            #include <linux/if_link.h>
            #include <linux/if_addr.h>
            #include <linux/neighbour.h>
            #include <linux/fib_rules.h>
            #include <linux/if.h>
            #include <linux/veth.h>
            """;

    @Test
    void constantsMatchTheKernelHeaders(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/cc")), "no C compiler: install gcc to check constants");
        assumeTrue(Files.exists(Path.of("/usr/include/linux/rtnetlink.h")), "no kernel headers (linux-libc-dev)");
        Map<String, Long> java = new TreeMap<>();
        for (Class<?> c : FAMILIES) {
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                    java.put(f.getName(), (long) f.getInt(null));
                }
            }
        }
        StringBuilder src = new StringBuilder(HEADERS).append("int main(void) {\n");
        for (String name : java.keySet()) {
            // NLMSG_HDRLEN and friends are macros of expressions; all are plain integers
            src.append("  printf(\"%s %lld\\n\", \"").append(name).append("\", (long long)(").append(name).append("));\n");
        }
        src.append("  return 0;\n}\n");
        Path c = dir.resolve("abi.c");
        Files.writeString(c, src);
        Path exe = dir.resolve("abi");
        run(List.of("/usr/bin/cc", "-w", "-o", exe.toString(), c.toString()));
        Map<String, Long> kernel = new TreeMap<>();
        for (String line : run(List.of(exe.toString())).split("\n")) {
            String[] kv = line.split(" ");
            kernel.put(kv[0], Long.parseLong(kv[1]));
        }
        List<String> wrong = new ArrayList<>();
        for (var e : java.entrySet()) {
            long k = kernel.get(e.getKey());
            if ((int) k != e.getValue()) {
                wrong.add(e.getKey() + " java " + e.getValue() + " kernel " + k);
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(java.size(), kernel.size());
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed:\n" + out.lines().limit(30).toList());
        }
        return out;
    }
}
