package dev.berth.runtime.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.runtime.e2e.Capabilities;
import dev.berth.runtime.e2e.ContainerTest;
import dev.berth.runtime.e2e.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A setuid-root binary in the image, run by the container's unprivileged user: with {@code noNewPrivileges}
 * it gains nothing; without it, it becomes root but holds no capability the spec's bounding set dropped, so
 * the drop cannot be undone from inside. Each test has the control that shows the attack works at all.
 *
 * <p>The setuid binary is a copy of the image's busybox. Busybox gives up a setuid it was not configured for,
 * so the image's {@code /etc/busybox.conf} marks {@code cat} as setuid root, as an attacker's image would.
 */
class SetuidTest extends ContainerTest {
    private static final String STATUS = "/opt/suid/busybox cat /proc/self/status 2>&1 | grep -E '^(Uid|CapPrm|CapEff|CapBnd)|setres'";
    private static final List<Object> BOUNDING = Json.array("CAP_CHOWN", "CAP_KILL", "CAP_SETUID", "CAP_SETGID");

    @BeforeEach
    void aSetuidBusybox() throws Exception {
        Path copy = bundle.rootfs.resolve("opt/suid/busybox"); // busybox knows itself by that name
        Files.createDirectories(copy.getParent());
        Files.copy(bundle.rootfs.resolve("bin/busybox"), copy);
        // PosixFilePermissions has no setuid bit
        assertEquals(0, new ProcessBuilder("chmod", "4755", copy.toString()).inheritIO().start().waitFor());
        Path conf = bundle.rootfs.resolve("etc/busybox.conf");
        Files.writeString(conf, "[SUID]\ncat = ssx root.root\n");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));
        bundle.process().put("user", Json.map("uid", 1000, "gid", 1000));
        bundle.process().put("capabilities", Json.map("bounding", BOUNDING, "effective", List.of(),
                "permitted", List.of(), "inheritable", List.of(), "ambient", List.of()));
    }

    /** Real uid 1000, effective (and saved, filesystem) {@code euid}. */
    private static String expected(int euid, long caps) {
        long bounding = Capabilities.mask(BOUNDING);
        return String.join("\n", "Uid:\t1000\t" + euid + "\t" + euid + "\t" + euid,
                Capabilities.line("CapPrm", caps), Capabilities.line("CapEff", caps),
                Capabilities.line("CapBnd", bounding)) + "\n";
    }

    @Test
    void noNewPrivilegesHoldsAgainstASetuidBinary() throws Exception {
        bundle.process().put("noNewPrivileges", true);
        // the kernel did not make the binary's euid root, so busybox's own switch to its configured root
        // group is refused and cat never runs; the same applet without the configuration shows the creds
        assertEquals("cat: setresgid: Operation not permitted\n", probe(STATUS));
        Files.delete(bundle.rootfs.resolve("etc/busybox.conf"));
        assertEquals(expected(1000, 0), probe(STATUS));
    }

    @Test
    void withoutItTheSetuidBinaryIsRootButOnlyWithinTheBoundingSet() throws Exception {
        bundle.process().put("noNewPrivileges", false);
        // the control: the image's setuid binary really does make the user root, and exec gives that root
        // the bounding set only: CAP_SYS_ADMIN and the rest stay dropped
        assertEquals(expected(0, Capabilities.mask(BOUNDING)), probe(STATUS));
    }
}
