package dev.berth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.it.vm.Vm;
import dev.berth.it.vm.VmHost;
import dev.berth.it.vm.VmResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code berth init} as the real PID 1 of a VM (issue 8): the kernel execs {@code /init}, which execs the
 * JVM; Berth mounts the pseudo-filesystems, configures {@code lo} and {@code eth0} from the kernel's
 * {@code ip=}, runs a payload that checks all of it from the inside, then stops everything and powers off.
 * Everything is read from the serial console.
 */
class VmBootIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    /** The checks the payload must report as passed, by name: one missing is as bad as one failed. */
    private static final List<String> CHECKS = List.of("mount /proc proc", "mount /sys sysfs", "mount /dev devtmpfs",
            "mount /dev/pts devpts", "mount /dev/shm tmpfs", "mount /run tmpfs", "mount /tmp tmpfs",
            "mount /sys/fs/cgroup cgroup2", "hostname", "eth0 address 10.0.2.15/24", "eth0 up",
            "default route via 10.0.2.2", "resolv.conf nameserver 10.0.2.3", "lo up", "lo 127.0.0.1/8", "pid 1 is java",
            "pid 1 runs berth init", "payload's parent is pid 1", "orphans reaped, no zombies");
    private static final Pattern UPTIME = Pattern.compile("berth: starting \\[.*] after ([0-9.]+) s of uptime");

    @BeforeEach
    void host() {
        VmHost.assumeCanBoot();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = VmBootIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void bootsWithBerthAsPid1ConfiguresTheMachineAndPowersOff() throws Exception {
        VmResult r = Vm.builder().name("boot")
                .kernelArgs(Vm.USER_NET_IP)
                .file("/checks.sh", resource("vm-boot-checks.sh"), 0644)
                .init(List.of("--", "/bin/sh", "/checks.sh", "berthvm", "eth0", "10.0.2.15/24", "10.0.2.2", "10.0.2.3", "7"))
                .build().boot(TIMEOUT);
        String why = r.describe();
        for (String check : CHECKS) {
            assertTrue(r.find("check " + check + ": ok").isPresent(), "check \"" + check + "\" did not pass: "
                    + r.find("check " + check + ":").map(VmResult.ConsoleLine::text).orElse("not run") + "\n" + why);
        }
        assertFalse(r.find(": FAIL").isPresent(), why);
        assertTrue(r.find("payload verdict: ok (" + CHECKS.size() + " checks)").isPresent(), why);
        assertTrue(r.find("berth: /bin/sh exited with status 7").isPresent(), why);
        assertTrue(r.find("berth: powering off").isPresent(), why);
        assertTrue(r.exitedCleanly(), "qemu must end by the guest's power-off: " + why);
        // The JVM says so on stdout when it cannot use an AOT cache; the boot time below assumes one.
        assertFalse(r.find("][aot]").isPresent(), "the image's AOT cache was not used: " + why);

        Matcher uptime = r.find(UPTIME).orElseThrow(() -> new AssertionError("no start line: " + why));
        Duration wallToPayload = r.timeTo("info payload_uptime_s=").orElseThrow();
        String rss = r.find(Pattern.compile("info pid1_rss_kb=(\\d+)")).map(m -> m.group(1)).orElse("?");
        System.out.printf("VM boot: kernel uptime at payload start %s s; wall clock from qemu start to payload %d ms, "
                + "to power-off %d ms (initramfs built in %d ms); PID 1 VmRSS %s kB%n", uptime.group(1),
                wallToPayload.toMillis(), r.wallTime().toMillis(), r.initramfsTime().toMillis(), rss);
    }

    @Test
    void killsAProcessThatIgnoresSigtermAtShutdown() throws Exception {
        String payload = """
                # Leaves behind a process that ignores SIGTERM (its sleeps inherit the ignored signal too).
                sh -c 'trap "" TERM; echo "stubborn: started"; while :; do sleep 1; done' &
                sleep 1
                exit 0
                """;
        VmResult r = Vm.builder().name("stubborn")
                .kernelArgs(Vm.USER_NET_IP)
                .file("/stubborn.sh", payload, 0644)
                .init(List.of("--grace", "2", "--", "/bin/sh", "/stubborn.sh"))
                .build().boot(TIMEOUT);
        String why = r.describe();
        assertTrue(r.find("stubborn: started").isPresent(), why);
        VmResult.ConsoleLine exited = r.find("berth: /bin/sh exited with status 0").orElseThrow(() -> new AssertionError(why));
        VmResult.ConsoleLine killed = r.find("berth: SIGKILL to the processes left").orElseThrow(() -> new AssertionError(why));
        Duration grace = killed.at().minus(exited.at());
        assertTrue(grace.toMillis() >= 1500, "SIGKILL came " + grace.toMillis() + " ms after the payload ended, "
                + "before the 2 s grace period: " + why);
        assertTrue(r.find("berth: powering off").isPresent(), why);
        assertTrue(r.exitedCleanly(), "qemu must end by the guest's power-off: " + why);
        System.out.printf("VM shutdown: SIGKILL %d ms after the payload ended (--grace 2)%n", grace.toMillis());
    }

    @Test
    void aBadIpOnTheKernelCommandLineIsAClearErrorOnTheConsole() throws Exception {
        VmResult r = Vm.builder().name("bad-ip")
                .kernelArgs("ip=10.0.2.15::10.0.2.2:255.0.255.0:berthvm:eth0:off")
                .file("/payload.sh", "echo 'payload: ran'\n", 0644)
                .init(List.of("--", "/bin/sh", "/payload.sh"))
                .build().boot(TIMEOUT);
        String why = r.describe();
        assertTrue(r.find("berth: ip=10.0.2.15::10.0.2.2:255.0.255.0:berthvm:eth0:off: netmask 255.0.255.0 is not contiguous")
                .isPresent(), why);
        assertTrue(r.find("berth: not starting [/bin/sh, /payload.sh] on a machine that is not set up").isPresent(), why);
        assertFalse(r.find("payload: ran").isPresent(), "the payload must not run on a misconfigured machine: " + why);
        assertTrue(r.exitedCleanly(), "a bad ip= must power off, not panic or hang: " + why);
        assertEquals(0, r.qemuExitCode(), why);
    }
}
