package dev.berth.specs.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.berth.specs.DefaultSpecs;
import dev.berth.specs.Fixtures;
import dev.berth.specs.SharedData;
import dev.berth.specs.SpecException;
import dev.berth.specs.SpecReader;
import dev.berth.specs.SpecWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Berth's verdict on thousands of generated configs against the official JSON Schema's (networknt
 * validator, draft 4, schema from ../shared). The configs are random valid ones and mutations of real
 * ones: a value replaced by each other JSON type, integers out of their range, strings replaced by an
 * unknown name, properties removed, array elements duplicated.
 *
 * <p>Where the schema rejects a document, Berth must reject it too, except in these deliberate and
 * documented cases where Berth is laxer:
 * <ul>
 *   <li>{@code null} for an optional property means absent, as in the spec's Go types (runc accepts it);
 *   <li>properties Berth does not model (other platforms' sections, {@code user.username}) are ignored
 *       as unknown properties;
 *   <li>{@code rootfsPropagation} also takes runc's recursive forms ({@code rshared}...);
 *   <li>{@code pids.limit} may be absent: the 1.3 spec text makes it optional, the schema still requires it;
 *   <li>{@code intelRdt.schemata} may be the one string of runtime-spec 1.1 and 1.2.
 * </ul>
 * Where the schema accepts a document, Berth may reject it by the rules the schema cannot express (the
 * validator's job: known names, absolute paths, ranges, duplicates, namespace coupling) and, in the
 * reader, by giving {@code oomScoreAdj} and hook {@code timeout} an int32 range where the schema has an
 * unbounded integer. Any other disagreement fails the test.
 */
class SchemaCrossCheckTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String BASE = "https://oci-schema.test/";

    private record Case(String pointer, String mutation, JsonNode doc) {}

    private static Schema schema() {
        Path dir = SharedData.require("oci-runtime-spec/schema");
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4, b -> b.schemas((String iri) -> {
            if (!iri.startsWith(BASE)) {
                return null;
            }
            try {
                return Files.readString(dir.resolve(iri.substring(BASE.length())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
        return registry.getSchema(SchemaLocation.of(BASE + "config-schema.json"));
    }

    @Test
    void berthAgreesWithTheSchema() throws IOException {
        Schema schema = schema();
        List<JsonNode> seeds = new ArrayList<>();
        for (Path file : List.of(Fixtures.dir("config/good").resolve("every-field.json"),
                SharedData.require("oci-runtime-spec/schema/test/config/good/spec-example.json"),
                SharedData.require("client-configs/docker-20.10-config.json"),
                SharedData.require("client-configs/podman-4.3-config.json"))) {
            seeds.add(MAPPER.readTree(file.toFile()));
        }
        seeds.add(MAPPER.readTree(SpecWriter.toBytes(DefaultSpecs.runcLike())));
        seeds.add(MAPPER.readTree(SpecWriter.toBytes(DefaultSpecs.rootless(1000, 1000))));

        List<Case> cases = new ArrayList<>();
        for (JsonNode seed : seeds) {
            cases.add(new Case("", "seed", seed));
            mutate(seed, "", seed, cases);
            // the documented leniencies, on purpose
            cases.add(withValue(seed, "/linux/rootfsPropagation", NODES.textNode("rshared"), "recursive propagation"));
            cases.add(withValue(seed, "/process/user/username", NODES.numberNode(1), "unmodelled property"));
            cases.add(withValue(seed, "/windows", NODES.textNode("not an object"), "unmodelled property"));
            cases.add(withValue(seed, "/linux/resources", NODES.objectNode().set("pids", NODES.objectNode()), "pids without limit"));
        }
        Random random = new Random(1303);
        for (int i = 0; i < 300; i++) {
            cases.add(new Case("", "random valid", RandomConfigs.valid(random)));
        }

        Map<String, Integer> tally = new TreeMap<>();
        List<String> undocumented = new ArrayList<>();
        for (Case c : cases) {
            String json = MAPPER.writeValueAsString(c.doc());
            boolean schemaAccepts = schema.validate(json, InputFormat.JSON).isEmpty();
            String berth = berthComplaint(json);
            String category = classify(c, schemaAccepts, berth);
            tally.merge(category, 1, Integer::sum);
            if (category.startsWith("UNDOCUMENTED") || (c.mutation().equals("random valid") && berth != null)
                    || (c.mutation().equals("seed") && (berth != null || !schemaAccepts))) {
                undocumented.add(c.mutation() + " at " + c.pointer() + ": schema " + (schemaAccepts ? "accepts" : "rejects")
                        + ", Berth " + (berth == null ? "accepts" : "says " + berth));
            }
        }
        StringBuilder summary = new StringBuilder("schema cross-check, " + cases.size() + " configs:\n");
        tally.forEach((k, v) -> summary.append(String.format("  %6d  %s%n", v, k)));
        System.out.print(summary);
        assertEquals(List.of(), undocumented.subList(0, Math.min(30, undocumented.size())), summary.toString());
        assertTrue(tally.getOrDefault("agree: both reject", 0) > 2000, summary.toString());
        assertTrue(tally.getOrDefault("agree: both accept", 0) > 1000, summary.toString());
    }

    /** Null when Berth reads and validates {@code json} clean, else its complaint, prefixed by who made it. */
    private static String berthComplaint(String json) {
        try {
            List<Violation> violations = SpecValidator.validate(SpecReader.readConfig(json.getBytes(StandardCharsets.UTF_8), "config.json"));
            return violations.isEmpty() ? null : "validator: " + violations.getFirst();
        } catch (SpecException e) {
            return "reader: " + e.path() + ": " + e.problem();
        }
    }

    private static String classify(Case c, boolean schemaAccepts, String berth) {
        if (schemaAccepts == (berth == null)) {
            return schemaAccepts ? "agree: both accept" : "agree: both reject";
        }
        String at = c.pointer();
        if (!schemaAccepts) {
            if (c.mutation().equals("null")) {
                return "laxer: null means absent";
            }
            if (c.mutation().equals("unmodelled property")) {
                return "laxer: properties Berth does not model are ignored";
            }
            if (at.endsWith("/rootfsPropagation") && c.mutation().equals("recursive propagation")) {
                return "laxer: recursive rootfsPropagation (runc)";
            }
            boolean emptyPids = at.endsWith("/pids") && c.doc().at(at).isObject() && c.doc().at(at).isEmpty();
            if (c.mutation().equals("pids without limit") || emptyPids || (at.endsWith("/pids/limit") && c.mutation().equals("remove"))) {
                return "laxer: pids.limit optional (1.3 spec text)";
            }
            if (at.endsWith("/intelRdt/schemata") && c.doc().at(at).isTextual()) {
                return "laxer: intelRdt.schemata as one string (1.1, 1.2)";
            }
            return "UNDOCUMENTED laxer";
        }
        if (berth.startsWith("validator: ")) {
            return "stricter (validator): " + rule(berth);
        }
        if (berth.contains("expected an int32") && (at.endsWith("/oomScoreAdj") || at.endsWith("/timeout"))) {
            return "stricter (reader): int32 where the schema has an unbounded integer";
        }
        return "UNDOCUMENTED stricter reader";
    }

    /** A coarse name for the kind of rule a violation message reports, for the summary. */
    private static String rule(String message) {
        if (message.contains("unknown ")) {
            return "known names";
        }
        if (message.contains("absolute")) {
            return "absolute paths";
        }
        if (message.contains("namespace")) {
            return "namespace rules";
        }
        if (message.contains("duplicate") || message.contains("overlap") || message.contains("also the container name")) {
            return "duplicates and overlaps";
        }
        if (message.contains("SemVer")) {
            return "SemVer";
        }
        if (message.matches(".*(must be|exceeds|must not|at least|below|is not a).*")) {
            return "values and ranges";
        }
        return "other spec and runc rules";
    }

    private static void mutate(JsonNode root, String pointer, JsonNode node, List<Case> out) {
        if (!pointer.isEmpty()) {
            List<JsonNode> replacements = new ArrayList<>(List.of(NODES.textNode("BOGUS"), NODES.numberNode(7),
                    NODES.numberNode(-1), NODES.numberNode(1.5), NODES.booleanNode(true), NODES.nullNode(),
                    NODES.objectNode(), NODES.arrayNode()));
            if (node.isIntegralNumber()) {
                for (String n : List.of("0", "65536", "2147483648", "4294967296", "9223372036854775808",
                        "18446744073709551616", "-9223372036854775809")) {
                    replacements.add(NODES.numberNode(new BigInteger(n)));
                }
            }
            for (JsonNode r : replacements) {
                if (!r.equals(node)) {
                    out.add(withValue(root, pointer, r, r.isNull() ? "null" : "replace"));
                }
            }
            JsonNode parent = root.at(parentOf(pointer));
            if (parent.isObject()) {
                JsonNode copy = root.deepCopy();
                ((ObjectNode) copy.at(parentOf(pointer))).remove(lastOf(pointer));
                out.add(new Case(pointer, "remove", copy));
            }
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                mutate(root, pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), e.getValue(), out);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            JsonNode copy = root.deepCopy();
            ((ArrayNode) copy.at(pointer)).add(node.get(0).deepCopy());
            out.add(new Case(pointer, "duplicate element", copy));
            // long lists of names (seccomp) add nothing after the first few
            for (int i = 0; i < Math.min(node.size(), node.get(0).isValueNode() ? 2 : 6); i++) {
                mutate(root, pointer + "/" + i, node.get(i), out);
            }
        }
    }

    private static Case withValue(JsonNode root, String pointer, JsonNode value, String mutation) {
        JsonNode copy = root.deepCopy();
        JsonNode parent = copy.at(parentOf(pointer));
        if (parent.isMissingNode()) {
            return new Case(pointer, "seed", copy);
        }
        String last = lastOf(pointer);
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else {
            ((ArrayNode) parent).set(Integer.parseInt(last), value);
        }
        return new Case(pointer, mutation, copy);
    }

    private static String parentOf(String pointer) {
        return pointer.substring(0, pointer.lastIndexOf('/'));
    }

    private static String lastOf(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
    }
}
