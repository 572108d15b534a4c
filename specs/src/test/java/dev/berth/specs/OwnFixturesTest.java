package dev.berth.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.berth.specs.validate.SpecValidator;
import dev.berth.specs.validate.Violation;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Berth's own good/bad config fixtures: one file per rule, the expected complaint in the file's header. */
class OwnFixturesTest {
    @TestFactory
    Stream<DynamicTest> good() {
        return Fixtures.files("config/good").stream().map(file -> DynamicTest.dynamicTest(
                file.getFileName() + ": " + Fixtures.header(file, "_about"), () -> {
                    Spec spec = SpecReader.readConfig(file, file.getFileName().toString());
                    assertEquals(List.of(), SpecValidator.validate(spec));
                    assertEquals(spec, SpecReader.readConfig(SpecWriter.toBytes(spec), "written"));
                }));
    }

    @TestFactory
    Stream<DynamicTest> bad() {
        return Fixtures.files("config/bad").stream().map(file -> {
            String expected = Fixtures.header(file, "_expect");
            return DynamicTest.dynamicTest(file.getFileName() + ": " + expected, () -> assertEquals(expected, complaint(file)));
        });
    }

    /** The reader's error as {@code path: problem}, or the validator's violations joined by newlines. */
    static String complaint(Path file) {
        String name = file.getFileName().toString();
        try {
            List<Violation> violations = SpecValidator.validate(SpecReader.readConfig(file, name));
            assertFalse(violations.isEmpty(), name + " validated clean");
            return String.join("\n", violations.stream().map(Violation::toString).toList());
        } catch (SpecException e) {
            assertEquals(name + ":", e.getMessage().substring(0, name.length() + 1));
            return e.path().isEmpty() ? e.problem() : e.path() + ": " + e.problem();
        }
    }
}
