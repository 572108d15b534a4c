package dev.berth.specs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The data in {@code ../shared} next to the repository (the OCI schema with its fixtures, real client
 * configs). The build never needs it; tests that do skip with a message when it is absent.
 */
public final class SharedData {
    private SharedData() {}

    /** The shared directory: {@code $BERTH_REPO/../shared}, else {@code /work/shared}; null when neither exists. */
    public static Path root() {
        String repo = System.getenv("BERTH_REPO");
        if (repo != null) {
            Path p = Path.of(repo).resolve("../shared").normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        Path fallback = Path.of("/work/shared");
        return Files.isDirectory(fallback) ? fallback : null;
    }

    /** {@code relative} under the shared directory; skips the calling test when it is absent. */
    public static Path require(String relative) {
        Path root = root();
        assumeTrue(root != null, "shared data not found ($BERTH_REPO/../shared or /work/shared): skipping");
        Path p = root.resolve(relative);
        assumeTrue(Files.exists(p), "shared data has no " + relative + ": skipping");
        return p;
    }

    /** The JSON files of a directory, sorted. */
    public static List<Path> jsonFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
