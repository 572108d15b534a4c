package dev.berth.it.vm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What later VM tests rely on: kernel modules this host's kernel lacks loaded with their dependencies
 * (8021q needs mrp, garp, stp and llc), kernel parameters passed through ({@code cgroup_no_v1=all} for the
 * cgroup v2 tests), and Berth's own command line usable from a payload ({@code berth ip}).
 */
class VmHarnessIT {
    @BeforeEach
    void host() {
        VmHost.assumeCanBoot();
    }

    @Test
    void loadsModulesPassesKernelArgsAndRunsBerthInside() throws Exception {
        String payload = """
                for m in dummy 8021q ipvlan mrp garp; do
                    grep -q "^$m " /proc/modules && echo "module $m: loaded"
                done
                berth ip link add d0 type dummy && berth ip link add link d0 name d0.5 type vlan id 5 \\
                    && berth ip link add link d0 name ipv0 type ipvlan mode l2 && echo "links: created"
                ip link show | sed -n 's/^[0-9]*: \\([^:]*\\):.*/link: \\1/p'
                grep -qw cgroup_no_v1=all /proc/cmdline && echo "cmdline: cgroup_no_v1=all"
                echo "cgroup.controllers: $(cat /sys/fs/cgroup/cgroup.controllers)"
                """;
        VmResult r = Vm.builder().name("harness")
                .kernelArgs("cgroup_no_v1=all")
                .modules("dummy", "8021q", "ipvlan")
                .network(false)
                .file("/payload.sh", payload, 0644)
                .init(List.of("--", "/bin/sh", "/payload.sh"))
                .build().boot(Duration.ofMinutes(3));
        String why = r.describe();
        for (String line : List.of("module dummy: loaded", "module 8021q: loaded", "module ipvlan: loaded",
                "module mrp: loaded", "module garp: loaded", "links: created", "link: d0.5@d0", "link: ipv0@d0",
                "cmdline: cgroup_no_v1=all")) {
            assertTrue(r.find(line).isPresent(), "no \"" + line + "\" on the console: " + why);
        }
        assertTrue(r.find("cgroup.controllers: ").map(l -> l.text().contains("memory")).orElse(false), why);
        assertTrue(r.find("insmod").isEmpty(), "an insmod failed: " + why);
        assertTrue(r.exitedCleanly(), why);
    }
}
