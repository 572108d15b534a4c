package dev.berth.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Failure injection: a fault in the spec, in the image or at one step of the init's plan makes
 * {@code create} fail with an error that names the spec field or the step, and leaves nothing behind:
 * no state directory, no process, no mount on the host, no child or fd of the test JVM.
 * The default spec has seven mounts, so a mount a test appends is {@code mounts[7]}.
 */
class FailureTest extends ContainerTest {
    /** create fails with exit code 1, its stderr holds every one of {@code expected}, and nothing is left. */
    private BerthCli.Result assertCreateFails(String... expected) throws Exception {
        BerthCli.Result r = create();
        assertEquals(1, r.code(), r.toString());
        for (String e : expected) {
            assertTrue(r.err().contains(e), "the error should contain \"" + e + "\":\n" + r);
        }
        BerthCli.Result state = berth("state", id);
        assertEquals(1, state.code(), "no container after a failed create: " + state);
        assertNothingLeft(List.of(id));
        return r;
    }

    @Test
    void aBindMountOfAMissingSource() throws Exception {
        String missing = tmp.resolve("no-such-dir").toString();
        bundle.mount("/data", "bind", missing, "bind");
        assertCreateFails("mounts[7]", missing, "ENOENT");
    }

    @Test
    void aMountOfAnUnknownFilesystemFailsAtItsStep() throws Exception {
        bundle.mount("/data", "no-such-fs", "none");
        assertCreateFails("mounts[7] /data", "fsopen", "ENODEV");
    }

    @Test
    void aMissingExecutableIsNamedAsRuncNamesIt() throws Exception {
        bundle.args("no-such-program", "arg");
        assertCreateFails("\"no-such-program\"", "executable file not found in $PATH");
    }

    @Test
    void aMissingExecutableByPathIsNamed() throws Exception {
        bundle.args("/bin/no-such-program");
        assertCreateFails("/bin/no-such-program");
    }

    @Test
    void aMissingExecutableByPathSaysNoSuchFileOrDirectoryAsRunc() throws Exception {
        // runc: exec: "/bin/nope": stat /bin/nope: no such file or directory; docker maps the lower-case
        // "no such file or directory" to exit code 127. Berth: ... = -1 ENOENT (No such file or directory)
        bundle.args("/bin/no-such-program");
        assertCreateFails("/bin/no-such-program", "no such file or directory");
    }

    @Test
    void aFileThatIsNotExecutableSaysPermissionDeniedAsRunc() throws Exception {
        // runc: exec: "/etc/passwd": permission denied (docker maps it to exit code 126); Berth reports
        // ENOENT "no such executable in the container" for a file that exists
        bundle.args("/etc/passwd");
        assertCreateFails("/etc/passwd", "permission denied");
    }

    @Test
    void anUnknownCapabilityNamesTheSetAndTheName() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> caps = (Map<String, Object>) bundle.process().get("capabilities");
        Json.list(caps, "bounding").add("CAP_NO_SUCH_THING");
        bundle.args("true");
        assertCreateFails("process.capabilities.bounding", "CAP_NO_SUCH_THING");
    }

    private void userNamespace(Object uidSize) {
        Json.list(bundle.linux(), "namespaces").add(Json.map("type", "user"));
        bundle.linux().put("uidMappings", Json.array(Json.map("containerID", 0, "hostID", 100000, "size", uidSize)));
        bundle.linux().put("gidMappings", Json.array(Json.map("containerID", 0, "hostID", 100000, "size", 65536)));
    }

    @Test
    void anEmptyUidMappingNamesTheField() throws Exception {
        userNamespace(0);
        bundle.args("true");
        assertCreateFails("linux.uidMappings[0].size");
    }

    @Test
    void aUserOutsideTheUidMappingNamesTheField() throws Exception {
        userNamespace(65536);
        bundle.process().put("user", Json.map("uid", 70000, "gid", 0));
        bundle.args("true");
        assertCreateFails("process.user.uid", "70000");
    }

    @Test
    void anUnknownDeviceTypeNamesTheField() throws Exception {
        Json.list(bundle.linux(), "devices").add(Json.map("path", "/dev/x", "type", "x", "major", 1, "minor", 3));
        bundle.args("true");
        assertCreateFails("linux.devices[0].type", "\"x\"");
    }

    @Test
    void aDeviceBelowAFileFailsAtItsStep() throws Exception {
        Json.list(bundle.linux(), "devices").add(Json.map("path", "/dev/null/x", "type", "c", "major", 1, "minor", 3));
        bundle.args("true");
        assertCreateFails("device /dev/null/x", "ENOTDIR");
    }

    @Test
    void anUnknownSysctlFailsAtItsStep() throws Exception {
        bundle.linux().put("sysctl", Json.map("net.ipv4.no_such_key", "1"));
        bundle.args("true");
        assertCreateFails("linux.sysctl.net.ipv4.no_such_key", "ENOENT");
    }

    @Test
    void aMissingRootfsNamesIt() throws Exception {
        Json.obj(bundle.config, "root").put("path", "no-such-rootfs");
        bundle.args("true");
        assertCreateFails("no-such-rootfs");
    }

    @Test
    void aMissingConfigJsonNamesIt() throws Exception {
        track(id);
        BerthCli.Result r = berth("create", "--bundle", bundle.dir.toString(), id);
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains(bundle.dir.resolve("config.json").toString()), r.toString());
        assertNothingLeft(List.of(id));
    }

    @Test
    void aConfigThatIsNotJsonNamesWhere() throws Exception {
        track(id);
        Files.writeString(bundle.dir.resolve("config.json"), "{\"ociVersion\": \"1.3.0\", \"process\": [}");
        BerthCli.Result r = berth("create", "--bundle", bundle.dir.toString(), id);
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("config.json"), r.toString());
        assertNothingLeft(List.of(id));
    }

    @Test
    void aSeccompFilterThatCannotBeCompiledIsRefused() throws Exception {
        bundle.linux().put("seccomp", Json.map("defaultAction", "SCMP_ACT_BOGUS"));
        bundle.args("true");
        assertCreateFails("linux.seccomp.defaultAction", "SCMP_ACT_BOGUS");
    }

    @Test
    void aRunThatFailsAtAStepLeavesNothingEither() throws Exception {
        bundle.mount("/data", "no-such-fs", "none");
        bundle.args("true");
        BerthCli.Result r = run();
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("mounts[7] /data"), r.toString());
        assertNothingLeft(List.of(id));
    }

    @Test
    void aFailedCreateLeavesOtherContainersAlone() throws Exception {
        String other = track(id + "-ok");
        bundle.args("sleep", "600");
        create(other).ok();
        bundle.mount("/data", "no-such-fs", "none");
        BerthCli.Result r = create();
        assertEquals(1, r.code(), r.toString());
        assertEquals("created", status(other));
        assertEquals(List.of(other), List.of(berth("list", "-q").ok().out().strip()));
    }
}
