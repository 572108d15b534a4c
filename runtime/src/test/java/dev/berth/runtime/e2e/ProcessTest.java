package dev.berth.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code process} section as the payload sees it: args, env, cwd, user and groups, umask,
 * capability sets, no_new_privs, rlimits and oom_score_adj.
 */
class ProcessTest extends ContainerTest {
    @Test
    void argsAreLookedUpInThePathAndPassedAsTheyAre() throws Exception {
        bundle.args("printf", "[%s]", "a b", "", "$HOME", "*");
        assertEquals("[a b][][$HOME][*]", run().ok().out());
    }

    @Test
    void envIsExactlyTheSpecsPlusWhatTheShellAdds() throws Exception {
        bundle.env("GREETING=hello world").env("EMPTY=");
        String out = probe("env");
        List<String> env = new ArrayList<>(List.of(out.split("\n")));
        assertTrue(env.contains("GREETING=hello world"), out);
        assertTrue(env.contains("EMPTY="), out);
        assertTrue(env.contains("TERM=xterm"), out);
        assertTrue(env.contains("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), out);
        assertTrue(env.contains(marker), out);
        env.removeIf(e -> e.startsWith("GREETING=") || e.startsWith("EMPTY=") || e.startsWith("TERM=")
                || e.startsWith("PATH=") || e.equals(marker) || e.startsWith("HOME=")
                // busybox sh's own
                || e.startsWith("PWD=") || e.startsWith("SHLVL="));
        assertEquals(List.of(), env, "nothing of berth's own environment reaches the payload");
    }

    @Test
    void homeIsSetFromPasswdWhenTheSpecHasNone() throws Exception {
        // runc (libcontainer/init_linux.go) sets HOME from the user's /etc/passwd entry when env lacks it
        bundle.process().put("user", Json.map("uid", 1000, "gid", 1000));
        assertEquals("HOME=/home/alice\n", probe("echo HOME=$HOME"));
    }

    @Test
    void cwdIsTheSpecs() throws Exception {
        bundle.process().put("cwd", "/tmp");
        assertEquals("/tmp\n", probe("pwd"));
    }

    @Test
    void aMissingCwdIsCreatedAsRuncDoes() throws Exception {
        // runc's prepareRootfs does MkdirAll(cwd) before the root becomes read-only
        bundle.process().put("cwd", "/work/deep");
        assertEquals("/work/deep\n", probe("pwd"));
    }

    @Test
    void userGroupsAndAdditionalGids() throws Exception {
        bundle.process().put("user", Json.map("uid", 1000, "gid", 1000, "additionalGids", Json.array(10, 100)));
        assertEquals("uid=1000(alice) gid=1000(alice) groups=10(wheel),100(users)\n1000 10 100\n", probe("id; id -G"));
    }

    @Test
    void aUserWithoutAdditionalGidsHasNoSupplementaryGroups() throws Exception {
        bundle.process().put("user", Json.map("uid", 1001, "gid", 100));
        assertEquals("uid=1001(bob) gid=100(users)\n", probe("id"));
        assertEquals("Groups:\t\n", probe("grep Groups: /proc/$$/status").replace(" ", ""));
    }

    @Test
    void umaskIsTheSpecsOr0022() throws Exception {
        assertEquals("0022\n", probe("umask"));
        bundle.process().put("user", Json.map("uid", 0, "gid", 0, "umask", 63)); // 0077
        assertEquals("0077\n", probe("umask"));
    }

    @Test
    void rootGetsTheSpecsCapabilitySetsExactly() throws Exception {
        // For root, exec makes permitted = inheritable | bounding and effective = permitted, so a spec
        // whose effective and permitted are its bounding set is what root can keep exactly.
        List<Object> bounding = Json.array("CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_SETUID", "CAP_SYS_CHROOT");
        List<Object> inheritable = Json.array("CAP_KILL");
        List<Object> ambient = Json.array("CAP_KILL");
        bundle.process().put("capabilities", Json.map("bounding", bounding, "effective", bounding, "permitted", bounding,
                "inheritable", inheritable, "ambient", ambient));
        String out = probe("grep ^Cap /proc/$$/status");
        assertEquals(String.join("\n", Capabilities.line("CapInh", Capabilities.mask(inheritable)),
                Capabilities.line("CapPrm", Capabilities.mask(bounding)),
                Capabilities.line("CapEff", Capabilities.mask(bounding)),
                Capabilities.line("CapBnd", Capabilities.mask(bounding)),
                Capabilities.line("CapAmb", Capabilities.mask(ambient))) + "\n", out);
    }

    @Test
    void theDefaultSpecsThreeCapabilities() throws Exception {
        @SuppressWarnings("unchecked")
        List<Object> defaults = (List<Object>) ((Map<String, Object>) bundle.process().get("capabilities")).get("bounding");
        long m = Capabilities.mask(defaults);
        assertEquals(0x20000420L, m, "CAP_AUDIT_WRITE, CAP_KILL, CAP_NET_BIND_SERVICE");
        assertEquals(String.join("\n", Capabilities.line("CapInh", 0), Capabilities.line("CapPrm", m),
                Capabilities.line("CapEff", m), Capabilities.line("CapBnd", m), Capabilities.line("CapAmb", 0)) + "\n",
                probe("grep ^Cap /proc/$$/status"));
    }

    @Test
    void aNonRootUserKeepsTheSpecsSetsThroughAmbient() throws Exception {
        // For a non-root user exec makes permitted = effective = ambient: a spec with effective =
        // permitted = ambient (all inheritable) is what such a process can hold exactly.
        List<Object> bounding = Json.array("CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_NET_RAW");
        List<Object> kept = Json.array("CAP_KILL", "CAP_NET_BIND_SERVICE");
        bundle.process().put("user", Json.map("uid", 1000, "gid", 1000));
        bundle.process().put("capabilities", Json.map("bounding", bounding, "effective", kept, "permitted", kept,
                "inheritable", kept, "ambient", kept));
        long k = Capabilities.mask(kept);
        assertEquals(String.join("\n", Capabilities.line("CapInh", k), Capabilities.line("CapPrm", k),
                Capabilities.line("CapEff", k), Capabilities.line("CapBnd", Capabilities.mask(bounding)),
                Capabilities.line("CapAmb", k)) + "\n", probe("grep ^Cap /proc/$$/status"));
    }

    @Test
    void noNewPrivileges() throws Exception {
        assertEquals("NoNewPrivs:\t1\n", probe("grep ^NoNewPrivs /proc/$$/status"));
        bundle.process().put("noNewPrivileges", false);
        assertEquals("NoNewPrivs:\t0\n", probe("grep ^NoNewPrivs /proc/$$/status"));
    }

    @Test
    void rlimits() throws Exception {
        assertEquals("1024\n", probe("ulimit -n"), "the default spec's RLIMIT_NOFILE");
        bundle.process().put("rlimits", Json.array(Json.map("type", "RLIMIT_NOFILE", "soft", 512, "hard", 2048),
                Json.map("type", "RLIMIT_CORE", "soft", 0, "hard", 0)));
        assertEquals("512\n2048\n0\n", probe("ulimit -Sn; ulimit -Hn; ulimit -c"));
    }

    @Test
    void oomScoreAdj() throws Exception {
        bundle.process().put("oomScoreAdj", 500);
        assertEquals("500\n", probe("cat /proc/$$/oom_score_adj"));
    }
}
