package dev.berth.specs.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.specs.DefaultSpecs;
import dev.berth.specs.Features;
import dev.berth.specs.Linux;
import dev.berth.specs.Process;
import dev.berth.specs.Resources;
import dev.berth.specs.Spec;
import dev.berth.specs.SpecException;
import dev.berth.specs.SpecReader;
import dev.berth.specs.State;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {
    private static List<String> messages(List<Violation> violations) {
        return violations.stream().map(Violation::toString).toList();
    }

    /** The examples, all in one document, all reported, in check order. */
    @Test
    void reportsEveryViolationNotJustTheFirst() throws SpecException {
        String json = """
                {
                  "ociVersion": "1.x",
                  "process": {"args": ["sh"], "cwd": "relative", "rlimits": [{"type": "RLIMIT_TEST", "soft": 1, "hard": 1}]},
                  "root": {"path": "rootfs"},
                  "mounts": [{"destination": "/proc", "type": "proc"}, {"destination": "/dev", "type": "tmpfs"},
                             {"destination": "data", "type": "tmpfs"}],
                  "linux": {
                    "namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "mount"}, {"type": "network"}],
                    "uidMappings": [{"containerID": 0, "hostID": 1000, "size": 1}]
                  }
                }
                """;
        Spec spec = SpecReader.readConfig(json.getBytes(StandardCharsets.UTF_8), "config.json");
        assertEquals(List.of(
                "ociVersion: \"1.x\" is not a SemVer 2.0 version",
                "process.cwd: must be an absolute path",
                "process.rlimits[0].type: unknown rlimit \"RLIMIT_TEST\"",
                "mounts[2].destination: must be absolute",
                "linux.namespaces[3].type: duplicate namespace \"net\"",
                "linux.uidMappings: requires a user namespace"), messages(SpecValidator.validate(spec)));
    }

    @Test
    void forCreateNeedsAProcessAndAppliesLinuxRulesWithoutALinuxSection() {
        Spec spec = new Spec("1.3.0", null, new dev.berth.specs.Root("rootfs", false), "box", null, null, null, null, null);
        assertEquals(List.of(), SpecValidator.validate(spec));
        assertEquals(List.of("process: required to start the container", "hostname: requires a uts namespace"),
                messages(SpecValidator.validateForCreate(spec)));
    }

    @Test
    void loneProcessAndResourcesHaveRelativePaths() {
        Process p = DefaultSpecs.runcLike().process().withCwd("tmp").withArgs(List.of());
        assertEquals(List.of("args: must have at least one entry", "cwd: must be an absolute path"),
                messages(SpecValidator.validateProcess(p)));
        Resources r = new Resources(null, null, null, new Resources.Pids(-2L), null, null, null, null, null);
        assertEquals(List.of("pids.limit: must be -1 (no limit) or at least 0, got -2"), messages(SpecValidator.validateResources(r)));
    }

    @Test
    void state() {
        assertEquals(List.of(), SpecValidator.validateState(new State("1.3.0", "c", State.Status.STOPPED, 0, "/b", Map.of())));
        assertEquals(List.of("ociVersion: \"one\" is not a SemVer 2.0 version", "id: must not be empty",
                        "bundle: must be an absolute path", "pid: required when the status is running"),
                messages(SpecValidator.validateState(new State("one", "", State.Status.RUNNING, 0, "bundle", Map.of()))));
    }

    @Test
    void features() {
        Features f = new Features("1.3.0", "1.0.0", null, null, null, null, null);
        assertEquals(List.of("ociVersionMin: is above ociVersionMax \"1.0.0\""), messages(SpecValidator.validateFeatures(f)));
    }

    /** Found by SpecFuzzTest: versions past a long's range are valid SemVer and are ordered, not parsed. */
    @Test
    void featuresVersionsOfAnySize() {
        String huge = "99999999999999999999.0.0";
        assertEquals(List.of(), SpecValidator.validateFeatures(new Features("1.1.0", huge, null, null, null, null, null)));
        assertEquals(List.of("ociVersionMin: is above ociVersionMax \"1.1.0\""),
                messages(SpecValidator.validateFeatures(new Features(huge, "1.1.0", null, null, null, null, null))));
        assertEquals(List.of("ociVersionMin: is above ociVersionMax \"1.10.0\""),
                messages(SpecValidator.validateFeatures(new Features("1.10.1-rc.1", "1.10.0", null, null, null, null, null))));
        assertEquals(List.of(), SpecValidator.validateFeatures(new Features("1.9.0", "1.10.0", null, null, null, null, null)));
    }

    @Test
    void validatorNeverThrowsOnOddButReadableModels() {
        Linux linux = Linux.EMPTY.withNamespaces(List.of(new Linux.Namespace("user", ""), new Linux.Namespace("time", "/x")))
                .withIdMappings(List.of(new dev.berth.specs.IdMapping(4294967295L, 0, 4294967295L)), List.of());
        Spec spec = DefaultSpecs.runcLike().withLinux(linux);
        assertEquals(List.of(
                "linux.uidMappings[0]: containerID + size exceeds 4294967296",
                "linux.gidMappings: required for a new user namespace",
                "process.user.uid: 0 is not mapped in linux.uidMappings"), messages(SpecValidator.validate(spec)).stream()
                .filter(m -> !m.startsWith("hostname")).toList());
    }
}
