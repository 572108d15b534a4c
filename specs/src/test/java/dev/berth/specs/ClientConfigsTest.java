package dev.berth.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.berth.specs.validate.SpecValidator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON docker, containerd and podman really hand a runtime (../shared/client-configs) reads and validates clean. */
class ClientConfigsTest {
    private static Path file(String name) {
        return SharedData.require("client-configs/" + name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-20.10-config.json", "containerd-1.6-ctr-config.json", "podman-4.3-config.json"})
    void configs(String name) throws SpecException {
        Spec spec = SpecReader.readConfig(file(name), name);
        assertEquals(List.of(), SpecValidator.validate(spec));
        assertEquals(List.of(), SpecValidator.validateForCreate(spec));
        assertFalse(spec.linux().namespaces().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-20.10-exec-process.json", "containerd-1.6-ctr-exec-process.json", "podman-4.3-exec-process.json"})
    void execProcesses(String name) throws SpecException {
        Process process = SpecReader.readProcess(file(name), name);
        assertEquals(List.of(), SpecValidator.validateProcess(process));
        assertEquals(List.of("sh", "-c", "echo in-exec"), process.args());
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-20.10-update-resources.json"})
    void updateResources(String name) throws SpecException {
        Resources resources = SpecReader.readResources(file(name), name);
        assertEquals(List.of(), SpecValidator.validateResources(resources));
        assertEquals(77L, resources.pids().limit());
    }
}
