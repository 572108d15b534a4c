package dev.berth.specs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/** Berth's own fixture files under src/test/resources/fixtures (see the README there). */
public final class Fixtures {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {}

    public static Path dir(String relative) {
        return resource("fixtures/" + relative);
    }

    /** A file or directory under src/test/resources. */
    public static Path resource(String relative) {
        try {
            return Path.of(Fixtures.class.getResource("/" + relative).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Path> files(String relative) {
        return SharedData.jsonFiles(dir(relative));
    }

    /** The value of the first property, which must be named {@code name} (the file's header). */
    public static String header(Path file, String name) {
        try {
            JsonNode node = MAPPER.readTree(file.toFile());
            Iterator<String> names = node.fieldNames();
            String first = names.hasNext() ? names.next() : null;
            if (!name.equals(first)) {
                throw new IllegalStateException(file + ": the first property must be \"" + name + "\", is " + first);
            }
            return node.get(name).asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
