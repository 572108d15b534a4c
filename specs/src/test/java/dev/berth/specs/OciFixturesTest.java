package dev.berth.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.specs.validate.SpecValidator;
import dev.berth.specs.validate.Violation;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The official runtime-spec fixtures (schema/test of opencontainers/runtime-spec, in ../shared): every
 * good document reads and validates clean, every bad one is rejected, by the reader or the validator,
 * with a JSON path (or a position, for malformed JSON).
 */
class OciFixturesTest {
    private static final String TESTS = "oci-runtime-spec/schema/test/";

    /**
     * Bad fixtures for other platforms, whose sections Berth does not model and ignores as unknown
     * properties: a Linux runtime has no opinion on a FreeBSD jail's {@code vnet}.
     */
    private static boolean otherPlatform(Path fixture) {
        String name = fixture.getFileName().toString();
        return Stream.of("freebsd-", "zos-", "windows-", "solaris-", "vm-").anyMatch(name::startsWith);
    }

    @TestFactory
    Stream<DynamicTest> goodConfigsReadAndValidateClean() {
        return SharedData.jsonFiles(SharedData.require(TESTS + "config/good")).stream().map(file ->
                DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    Spec spec = SpecReader.readConfig(file, file.getFileName().toString());
                    assertEquals(List.of(), SpecValidator.validate(spec));
                }));
    }

    @TestFactory
    Stream<DynamicTest> badConfigsAreRejectedWithAPath() {
        return SharedData.jsonFiles(SharedData.require(TESTS + "config/bad")).stream()
                .filter(file -> !otherPlatform(file))
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    String name = file.getFileName().toString();
                    try {
                        Spec spec = SpecReader.readConfig(file, name);
                        List<Violation> violations = SpecValidator.validate(spec);
                        assertFalse(violations.isEmpty(), name + " read and validated clean");
                        for (Violation v : violations) {
                            assertFalse(v.path().isEmpty(), "violation without a path: " + v);
                        }
                    } catch (SpecException e) {
                        assertTrue(!e.path().isEmpty() || e.line() > 0, "error without path or position: " + e.getMessage());
                        assertTrue(e.getMessage().startsWith(name + ":"), e.getMessage());
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> stateFixtures() {
        Stream<DynamicTest> good = SharedData.jsonFiles(SharedData.require(TESTS + "state/good")).stream().map(file ->
                DynamicTest.dynamicTest("good/" + file.getFileName(), () ->
                        assertEquals(List.of(), SpecValidator.validateState(SpecReader.readState(file, "state.json")))));
        Stream<DynamicTest> bad = SharedData.jsonFiles(SharedData.require(TESTS + "state/bad")).stream().map(file ->
                DynamicTest.dynamicTest("bad/" + file.getFileName(), () -> {
                    try {
                        State state = SpecReader.readState(file, "state.json");
                        assertFalse(SpecValidator.validateState(state).isEmpty());
                    } catch (SpecException e) {
                        assertTrue(e.line() > 0 || !e.path().isEmpty(), e.getMessage());
                    }
                }));
        return Stream.concat(good, bad);
    }

    @TestFactory
    Stream<DynamicTest> featuresFixtures() {
        Stream<DynamicTest> good = SharedData.jsonFiles(SharedData.require(TESTS + "features/good")).stream().map(file ->
                DynamicTest.dynamicTest("good/" + file.getFileName(), () ->
                        assertEquals(List.of(), SpecValidator.validateFeatures(SpecReader.readFeatures(file, "features.json")))));
        Stream<DynamicTest> bad = SharedData.jsonFiles(SharedData.require(TESTS + "features/bad")).stream().map(file ->
                DynamicTest.dynamicTest("bad/" + file.getFileName(), () -> {
                    try {
                        SpecReader.readFeatures(file, "features.json");
                        fail("read " + file);
                    } catch (SpecException e) {
                        assertTrue(e.line() > 0 || !e.path().isEmpty(), e.getMessage());
                    }
                }));
        return Stream.concat(good, bad);
    }
}
