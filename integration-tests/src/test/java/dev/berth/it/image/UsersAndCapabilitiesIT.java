package dev.berth.it.image;

import static dev.berth.it.image.BerthMachine.describe;
import static dev.berth.it.image.BerthMachine.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.specs.Process;
import dev.berth.specs.Seccomp;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.Container.ExecResult;

/**
 * The identity the payload runs with: {@code process.user} (uid, gid, groups, and {@code HOME} from the
 * image's passwd), exactly the capability sets of the spec, {@code no_new_privs}, rlimits, and a seccomp
 * filter that makes one system call fail.
 */
class UsersAndCapabilitiesIT {
    /** CAP_KILL (5), CAP_NET_BIND_SERVICE (10), CAP_AUDIT_WRITE (29): runc's default three. */
    private static final String RUNC_DEFAULT_CAPS = "0000000020000420";

    @RegisterExtension
    static final BerthMachine berth = new BerthMachine();

    @Test
    void processUserGivesUidGidGroupsAndHome() throws Exception {
        ExecResult r = berth.run(berth.bundle("user").user(1000, 1000, 100L)
                .sh("echo \"$(id -u) $(id -g) $(id -G)\"; echo \"HOME=$HOME\"; touch /root/x 2>/dev/null || echo denied"));
        assertEquals("1000 1000 1000 100\nHOME=/home/alice\ndenied\n", ok(r).getStdout(), describe(r));
    }

    @Test
    void theCapabilitySetsAreExactlyTheSpecsAndNoNewPrivilegesIsSet() throws Exception {
        ExecResult r = berth.run(berth.bundle("caps").sh("grep -E '^(Cap|NoNewPrivs)' /proc/self/status"));
        String out = ok(r).getStdout();
        for (String set : List.of("CapPrm", "CapEff", "CapBnd")) {
            assertTrue(out.contains(set + ":\t" + RUNC_DEFAULT_CAPS + "\n"), set + ": " + describe(r));
        }
        assertTrue(out.contains("CapInh:\t0000000000000000\n") && out.contains("CapAmb:\t0000000000000000\n"), describe(r));
        assertTrue(out.contains("NoNewPrivs:\t1\n"), describe(r));
    }

    @Test
    void aCapabilityOutsideTheSetsIsMissingAndAnAmbientOneWorksForANonRootUser() throws Exception {
        ExecResult denied = berth.run(berth.bundle("no-chown").sh("chown 1000 /tmp 2>&1 || echo refused"));
        assertTrue(ok(denied).getStdout().contains("refused"), "no CAP_CHOWN: " + describe(denied));
        List<String> bind = List.of("CAP_NET_BIND_SERVICE");
        ExecResult ambient = berth.run(berth.bundle("ambient").user(1000, 1000)
                .capabilities(new Process.Capabilities(bind, bind, bind, bind, bind), true)
                .sh("grep -E '^Cap(Eff|Amb)' /proc/self/status"));
        assertEquals("CapEff:\t0000000000000400\nCapAmb:\t0000000000000400\n", ok(ambient).getStdout(), describe(ambient));
    }

    @Test
    void rlimitsAndASeccompFilterApply() throws Exception {
        Seccomp filter = new Seccomp("SCMP_ACT_ALLOW", null, List.of(), List.of(), null, null,
                List.of(new Seccomp.Syscall(List.of("mkdir", "mkdirat"), "SCMP_ACT_ERRNO", 1L, List.of())));
        ExecResult r = berth.run(berth.bundle("limits")
                .mount("/scratch", "tmpfs", "tmpfs")
                .linux(l -> l.withSeccomp(filter))
                .sh("echo \"nofile $(ulimit -n)\"; mkdir /scratch/d 2>&1 || true; touch /scratch/f && echo touched"));
        String out = ok(r).getStdout();
        assertTrue(out.contains("nofile 1024\n"), describe(r));
        assertTrue(out.contains("Operation not permitted"), "mkdir fails with EPERM (errnoRet 1): " + describe(r));
        assertTrue(out.contains("touched\n"), "other calls are allowed: " + describe(r));
    }
}
