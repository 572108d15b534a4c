package dev.berth.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.specs.network.NetworkReader;
import dev.berth.specs.validate.SpecValidator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever the bytes, reading ends in a value or in one {@link SpecException} with a message: never
 * another exception, a stack overflow or an out-of-memory error. Validation of whatever was read
 * never throws either.
 */
class HostileInputTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Reads {@code bytes} every way there is; returns the number that read (the rest threw SpecException). */
    private static int readAllWays(byte[] bytes) {
        int ok = 0;
        List<Reading> ways = List.of(
                b -> SpecValidator.validate(SpecReader.readConfig(b, "config.json")),
                b -> SpecValidator.validateProcess(SpecReader.readProcess(b, "process.json")),
                b -> SpecValidator.validateResources(SpecReader.readResources(b, "resources.json")),
                b -> SpecValidator.validateState(SpecReader.readState(b, "state.json")),
                b -> SpecValidator.validateFeatures(SpecReader.readFeatures(b, "features.json")),
                b -> dev.berth.specs.network.NetworkValidator.validate(NetworkReader.read(b, "net.conflist")));
        for (Reading way : ways) {
            try {
                way.read(bytes);
                ok++;
            } catch (SpecException e) {
                assertTrue(e.getMessage().contains(": "), e.getMessage());
            } catch (RuntimeException | Error e) {
                throw new AssertionError("reading " + preview(bytes) + " threw " + e, e);
            }
        }
        return ok;
    }

    private interface Reading {
        Object read(byte[] bytes) throws SpecException;
    }

    private static String preview(byte[] bytes) {
        String s = new String(bytes, 0, Math.min(bytes.length, 120), StandardCharsets.UTF_8);
        return bytes.length > 120 ? s + "... (" + bytes.length + " bytes)" : s;
    }

    private static byte[] everyField() {
        return Fixtures.bytes(Fixtures.dir("config/good").resolve("every-field.json"));
    }

    @Test
    void deepNesting() {
        String deep = "[".repeat(100_000);
        byte[] bytes = ("{\"ociVersion\": \"1.3.0\", \"x\": " + deep).getBytes(StandardCharsets.UTF_8);
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.readConfig(bytes, "config.json"));
        assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
        String objects = "{\"a\":".repeat(100_000);
        readAllWays(objects.getBytes(StandardCharsets.UTF_8));
        readAllWays(deep.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void hugeStringsAndDocuments(@TempDir Path dir) throws IOException {
        // a 10 MiB string: past the string limit, within the document limit
        String big = "x".repeat(10 << 20);
        byte[] bytes = ("{\"ociVersion\": \"1.3.0\", \"hostname\": \"" + big + "\"}").getBytes(StandardCharsets.UTF_8);
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.readConfig(bytes, "config.json"));
        assertEquals("hostname", e.path());
        assertTrue(e.problem().contains("String value length"), e.getMessage());
        // a 100 MB file is refused without being read whole
        Path file = dir.resolve("config.json");
        try (var out = Files.newOutputStream(file)) {
            out.write("{\"ociVersion\": \"1.3.0\", \"hostname\": \"".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) 'y');
            for (int i = 0; i < 100; i++) {
                out.write(chunk);
            }
            out.write("\"}".getBytes(StandardCharsets.UTF_8));
        }
        e = assertThrows(SpecException.class, () -> SpecReader.readConfig(file, "config.json"));
        assertEquals("config.json: larger than the limit of 32 MiB", e.getMessage());
        // long names and numbers
        readAllWays(("{\"" + "n".repeat(100_000) + "\": 1}").getBytes(StandardCharsets.UTF_8));
        readAllWays(("{\"ociVersion\": \"1\", \"process\": {\"cwd\": \"/\", \"oomScoreAdj\": " + "9".repeat(5000) + "}}")
                .getBytes(StandardCharsets.UTF_8));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"config/good/every-field.json",
            "network/good/bridge-host-local.json", "network/good/static.json"})
    void wrongTypesEverywhere(String fixture) throws IOException {
        JsonNode doc = MAPPER.readTree(Fixtures.bytes(Fixtures.dir("").resolve(fixture)));
        List<JsonNode> replacements = List.of(NODES.textNode("x"), NODES.numberNode(1), NODES.numberNode(-1),
                NODES.numberNode(1.5), NODES.numberNode(new BigInteger("18446744073709551616")), NODES.booleanNode(true),
                NODES.nullNode(), NODES.objectNode(), NODES.arrayNode(), NODES.textNode(""));
        List<String> pointers = new ArrayList<>();
        collect(doc, "", pointers);
        int cases = 0;
        for (String pointer : pointers) {
            for (JsonNode replacement : replacements) {
                JsonNode copy = doc.deepCopy();
                replace(copy, pointer, replacement);
                readAllWays(MAPPER.writeValueAsBytes(copy));
                cases++;
            }
        }
        assertTrue(cases > 300, "only " + cases + " cases");
    }

    private static void collect(JsonNode node, String pointer, List<String> out) {
        if (!pointer.isEmpty()) {
            out.add(pointer);
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                collect(e.getValue(), pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), pointer + "/" + i, out);
            }
        }
    }

    private static void replace(JsonNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        ContainerNode<?> parent = (ContainerNode<?>) root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else {
            ((ArrayNode) parent).set(Integer.parseInt(last), value);
        }
    }

    @Test
    void everyTruncation() {
        byte[] doc = everyField();
        for (int n = 0; n < doc.length - 1; n++) {
            byte[] prefix = java.util.Arrays.copyOf(doc, n);
            try {
                SpecReader.readConfig(prefix, "config.json");
                // a prefix can only read when the rest is whitespace
                assertTrue(new String(doc, n, doc.length - n, StandardCharsets.UTF_8).isBlank(), "prefix of " + n + " bytes read");
            } catch (SpecException e) {
                assertTrue(e.getMessage().startsWith("config.json"), e.getMessage());
            }
        }
    }

    @Test
    void notUtf8() {
        byte[] utf16 = "{\"ociVersion\": \"1.3.0\"}".getBytes(StandardCharsets.UTF_16);
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.readConfig(utf16, "config.json"));
        assertEquals("config.json:1:1: not UTF-8 text (UTF-16 or UTF-32?)", e.getMessage());
        assertThrows(SpecException.class, () -> SpecReader.readConfig(
                "{\"ociVersion\": \"1.3.0\"}".getBytes(StandardCharsets.UTF_16LE), "config.json"));
        for (String where : List.of("\"hostname\": \"a\u00ffb\"", "\"x-unknown\": \"a\u00ffb\"", "\"k\u00ff\": 1")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] text = ("{\"ociVersion\": \"1.3.0\", " + where + "}").getBytes(StandardCharsets.ISO_8859_1);
            out.writeBytes(text);
            e = assertThrows(SpecException.class, () -> SpecReader.readConfig(out.toByteArray(), "config.json"), where);
            assertTrue(e.problem().contains("UTF-8"), e.getMessage());
        }
    }

    @Test
    void randomBytesAndMutations() {
        Random random = new Random(20261127);
        for (int i = 0; i < 3000; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            readAllWays(bytes);
        }
        byte[] doc = everyField();
        String alphabet = "{}[]\",:0-9e.tfn \\u\u00e9\u0000";
        for (int i = 0; i < 3000; i++) {
            byte[] copy = doc.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                copy[random.nextInt(copy.length)] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
            }
            readAllWays(copy);
        }
    }

    @Test
    void oddDocuments() {
        for (String doc : List.of("", " ", "null", "[]", "1", "\"x\"", "true", "{", "}", "{}", "{\"ociVersion\": null}",
                "\u0000", "\ufeff{\"ociVersion\": \"1.3.0\"}", "{\"ociVersion\": \"1.3.0\"}//", "/* */{}")) {
            readAllWays(doc.getBytes(StandardCharsets.UTF_8));
        }
        // UTF-8 with a byte order mark is still UTF-8
        try {
            SpecReader.readConfig("\ufeff{\"ociVersion\": \"1.3.0\"}".getBytes(StandardCharsets.UTF_8), "config.json");
        } catch (SpecException e) {
            fail(e);
        }
    }
}
