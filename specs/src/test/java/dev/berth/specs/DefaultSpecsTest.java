package dev.berth.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.specs.validate.SpecValidator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultSpecsTest {
    private static List<String> namespaces(Spec spec) {
        return spec.linux().namespaces().stream().map(Linux.Namespace::type).toList();
    }

    /** The exact bytes of {@code berth spec}: two-space indentation, runc's field order and content. */
    @Test
    void berthSpecOutputIsStable() {
        String golden = new String(Fixtures.bytes(Fixtures.resource("golden/berth-spec.json")), StandardCharsets.UTF_8);
        assertEquals(golden, SpecWriter.toString(DefaultSpecs.runcLike()));
    }

    @Test
    void runcLike() {
        Spec spec = DefaultSpecs.runcLike();
        assertEquals(List.of(), SpecValidator.validateForCreate(spec));
        assertEquals(Spec.VERSION, spec.ociVersion());
        assertEquals(List.of("sh"), spec.process().args());
        assertTrue(spec.process().terminal());
        assertTrue(spec.process().noNewPrivileges());
        assertEquals(new Root("rootfs", true), spec.root());
        assertEquals(List.of("pid", "network", "ipc", "uts", "mount", "cgroup"), namespaces(spec));
        assertEquals(List.of("/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys", "/sys/fs/cgroup"),
                spec.mounts().stream().map(Mount::destination).toList());
        assertEquals(11, spec.linux().maskedPaths().size());
        assertEquals(List.of(new Resources.DeviceRule(false, null, null, null, "rwm")), spec.linux().resources().devices());
        assertFalse(spec == DefaultSpecs.runcLike());
    }

    @Test
    void rootless() {
        Spec spec = DefaultSpecs.rootless(1000, 1001);
        assertEquals(List.of(), SpecValidator.validateForCreate(spec));
        assertEquals(List.of("pid", "ipc", "uts", "mount", "cgroup", "user"), namespaces(spec));
        assertEquals(List.of(new IdMapping(0, 1000, 1)), spec.linux().uidMappings());
        assertEquals(List.of(new IdMapping(0, 1001, 1)), spec.linux().gidMappings());
        assertNull(spec.linux().resources());
        Mount sys = spec.mounts().stream().filter(m -> m.destination().equals("/sys")).findFirst().orElseThrow();
        assertEquals(new Mount("/sys", "none", "/sys", List.of("rbind", "nosuid", "noexec", "nodev", "ro")), sys);
        assertTrue(spec.mounts().stream().flatMap(m -> m.options().stream()).noneMatch(o -> o.startsWith("gid=")));
        // converting twice changes nothing more
        assertEquals(spec, DefaultSpecs.toRootless(spec, 1000, 1001));
    }

    @Test
    void sandbox() {
        Spec spec = DefaultSpecs.sandbox();
        assertEquals(List.of(), SpecValidator.validateForCreate(spec));
        assertEquals(List.of("pid", "mount", "uts", "ipc", "network", "cgroup"), namespaces(spec));
        assertTrue(spec.root().readonly());
        assertFalse(spec.process().terminal());
        List<String> destinations = spec.mounts().stream().map(Mount::destination).toList();
        assertTrue(destinations.containsAll(List.of("/proc", "/dev", "/tmp", "/usr", "/bin", "/lib")), destinations.toString());
        assertTrue(spec.mounts().stream().filter(m -> m.destination().equals("/usr")).allMatch(m -> m.options().contains("ro")));
    }
}
