package dev.berth.specs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.berth.specs.network.NetworkConfigList;
import dev.berth.specs.network.NetworkReader;
import dev.berth.specs.network.NetworkValidator;
import dev.berth.specs.network.NetworkWriter;
import dev.berth.specs.validate.SpecValidator;
import dev.berth.specs.validate.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever the bytes, every reader of the module (config, process, resources, state, features, CNI list) ends
 * in a value or in one {@link SpecException} that names the source and a well-formed JSON path: never another
 * exception, a stack overflow or an out-of-memory error. What reads validates without throwing, every
 * violation with a well-formed path; and what reads, written and read again, is equal, and writes the same
 * bytes.
 *
 * <p>Two Jazzer {@code @FuzzTest}s: {@link #anyBytes} mutates bytes, starting from every seed document of
 * {@link FuzzSeeds}; {@link #mutatedConfigs} edits parsed seed documents ({@link JsonMutator}). In the unit-test
 * run they replay the inputs kept under {@code src/test/resources/dev/berth/specs/SpecFuzzTestInputs/} (every
 * finding becomes one) and the seeds; the build's {@code specs-fuzz-*} executions fuzz each for a short while
 * ({@code JAZZER_FUZZ=1}), {@code bench/fuzz.sh} for long. {@link #randomDocumentsKeepTheProperty} checks the same
 * property on seeded random documents.
 */
class SpecFuzzTest {
    private static final JsonMutator MUTATOR = new JsonMutator(FuzzSeeds.all().stream().map(FuzzSeeds.Seed::bytes).toList());

    static Stream<Arguments> seeds() {
        return FuzzSeeds.all().stream().map(s -> Arguments.of(Named.of(s.name(), s.bytes())));
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void anyBytes(byte[] document) {
        check(document);
    }

    @FuzzTest(maxDuration = "10s")
    void mutatedConfigs(FuzzedDataProvider data) {
        check(MUTATOR.mutate(JsonMutator.Choices.of(data)));
    }

    @Test
    void randomDocumentsKeepTheProperty() {
        Random random = new Random(20261127);
        JsonMutator.Choices choices = JsonMutator.Choices.of(random);
        for (int i = 0; i < 3000; i++) {
            check(MUTATOR.mutate(choices));
        }
        for (int i = 0; i < 500; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            check(bytes);
        }
    }

    /** The property, for one document: see the class comment. */
    static void check(byte[] bytes) {
        Spec spec = read(bytes, "config.json", b -> SpecReader.readConfig(b, "config.json"));
        if (spec != null) {
            checkViolations(SpecValidator.validate(spec));
            checkViolations(SpecValidator.validateForCreate(spec));
            roundTrip(spec, SpecWriter::toBytes, b -> SpecReader.readConfig(b, "written.json"));
        }
        Process process = read(bytes, "process.json", b -> SpecReader.readProcess(b, "process.json"));
        if (process != null) {
            checkViolations(SpecValidator.validateProcess(process));
            roundTrip(process, SpecWriter::toBytes, b -> SpecReader.readProcess(b, "written.json"));
        }
        Resources resources = read(bytes, "resources.json", b -> SpecReader.readResources(b, "resources.json"));
        if (resources != null) {
            checkViolations(SpecValidator.validateResources(resources));
            roundTrip(resources, SpecWriter::toBytes, b -> SpecReader.readResources(b, "written.json"));
        }
        State state = read(bytes, "state.json", b -> SpecReader.readState(b, "state.json"));
        if (state != null) {
            checkViolations(SpecValidator.validateState(state));
            roundTrip(state, SpecWriter::toBytes, b -> SpecReader.readState(b, "written.json"));
        }
        Features features = read(bytes, "features.json", b -> SpecReader.readFeatures(b, "features.json"));
        if (features != null) {
            checkViolations(SpecValidator.validateFeatures(features));
            roundTrip(features, SpecWriter::toBytes, b -> SpecReader.readFeatures(b, "written.json"));
        }
        NetworkConfigList list = read(bytes, "net.conflist", b -> NetworkReader.read(b, "net.conflist"));
        if (list != null) {
            checkViolations(NetworkValidator.validate(list));
            roundTrip(list, NetworkWriter::toBytes, b -> NetworkReader.read(b, "written.json"));
        }
    }

    private interface Reader<T> {
        T read(byte[] bytes) throws SpecException;
    }

    /** The value, or null after checking that the one exception is a well-formed {@link SpecException}. */
    private static <T> T read(byte[] bytes, String source, Reader<T> reader) {
        try {
            return reader.read(bytes);
        } catch (SpecException e) {
            assertEquals(source, e.source(), e::getMessage);
            assertTrue(e.line() >= 0 && e.column() >= 0, e::getMessage);
            assertTrue(e.problem() != null && !e.problem().isBlank(), e::getMessage);
            assertTrue(isPath(e.path()), () -> "not a JSON path: " + e.path() + " in " + e.getMessage());
            assertTrue(e.getMessage().startsWith(source + (e.line() > 0 ? ":" + e.line() + ":" + e.column() : "") + ": "),
                    e::getMessage);
            return null;
        }
    }

    private static void checkViolations(List<Violation> violations) {
        for (Violation v : violations) {
            assertTrue(isPath(v.path()), () -> "not a JSON path: " + v.path() + " in " + v);
            assertFalse(v.message().isBlank(), v::toString);
        }
    }

    private static <T> void roundTrip(T value, Function<T, byte[]> writer, Reader<T> reader) {
        byte[] written = writer.apply(value);
        T again;
        try {
            again = reader.read(written);
        } catch (SpecException e) {
            throw new AssertionError("what was read, written, does not read back: " + e.getMessage() + "\n"
                    + new String(written, StandardCharsets.UTF_8), e);
        }
        assertEquals(value, again, () -> "written:\n" + new String(written, StandardCharsets.UTF_8));
        assertArrayEquals(written, writer.apply(again), "writing is not stable");
    }

    /**
     * A path as {@link dev.berth.specs.internal.JsonPath} prints it: names joined by dots ({@code process.args}),
     * indexes in brackets ({@code [1]}), other names quoted in brackets ({@code ["net.ipv4.ip_forward"]}); empty
     * for the document itself.
     */
    static boolean isPath(String path) {
        int i = 0;
        int n = path.length();
        while (i < n) {
            char c = path.charAt(i);
            if (c == '[') {
                if (i + 1 < n && path.charAt(i + 1) == '"') {
                    int j = i + 2;
                    while (j < n && path.charAt(j) != '"') {
                        j += path.charAt(j) == '\\' ? 2 : 1;
                    }
                    if (j + 1 >= n || path.charAt(j + 1) != ']') {
                        return false;
                    }
                    i = j + 2;
                } else {
                    int j = i + 1;
                    while (j < n && Character.isDigit(path.charAt(j)) && path.charAt(j) < 128) {
                        j++;
                    }
                    if (j == i + 1 || j >= n || path.charAt(j) != ']') {
                        return false;
                    }
                    i = j + 1;
                }
            } else {
                if (i > 0) {
                    if (c != '.') {
                        return false;
                    }
                    i++;
                }
                if (i >= n || !(Character.isLetter(path.charAt(i)) || path.charAt(i) == '_')) {
                    return false;
                }
                i++;
                while (i < n && path.charAt(i) < 128 && (Character.isLetterOrDigit(path.charAt(i)) || path.charAt(i) == '_')) {
                    i++;
                }
            }
        }
        return true;
    }
}
