package dev.berth.specs;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Structure-aware mutations of real documents: a base document parsed as a tree, then a few edits where a
 * byte-level mutation would rarely land on valid JSON: a value of another type or at the edge of its range, a
 * property removed, renamed to another name of the spec or added, a subtree of another document grafted in, deep
 * nesting; now and then a byte-level edit of the result (truncation, a stray byte, a duplicated key). The choices
 * come from {@link Choices}: the fuzzer's data in the fuzz target, a seeded {@link Random} in the plain test.
 */
final class JsonMutator {
    /** Where the mutator's decisions come from. */
    interface Choices {
        /** 0 to {@code n - 1}. */
        int pick(int n);

        long number();

        String string(int maxLength);

        static Choices of(FuzzedDataProvider data) {
            return new Choices() {
                @Override
                public int pick(int n) {
                    return n <= 1 ? 0 : data.consumeInt(0, n - 1);
                }

                @Override
                public long number() {
                    return data.consumeLong();
                }

                @Override
                public String string(int maxLength) {
                    return writable(data.consumeString(maxLength));
                }
            };
        }

        static Choices of(Random random) {
            return new Choices() {
                @Override
                public int pick(int n) {
                    return n <= 1 ? 0 : random.nextInt(n);
                }

                @Override
                public long number() {
                    return random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(2000) - 1000;
                }

                @Override
                public String string(int maxLength) {
                    StringBuilder sb = new StringBuilder();
                    int n = random.nextInt(maxLength + 1);
                    for (int i = 0; i < n; i++) {
                        sb.append((char) (random.nextInt(8) == 0 ? random.nextInt(0x3000) : ' ' + random.nextInt(95)));
                    }
                    return writable(sb.toString());
                }
            };
        }

        /** {@code s} without lone surrogates, which UTF-8 cannot encode; the byte-level edits cover invalid text. */
        private static String writable(String s) {
            StringBuilder sb = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    sb.append(c).append(s.charAt(++i));
                } else {
                    sb.append(Character.isSurrogate(c) ? '?' : c);
                }
            }
            return sb.toString();
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<JsonNode> PALETTE = palette();
    private static final byte[] JSONISH = "{}[]\",:0123456789-+.eE tfnul\\/\u0000\n".getBytes(StandardCharsets.ISO_8859_1);

    private final List<JsonNode> bases = new ArrayList<>();
    private final List<String> names;

    /** @param seeds the base documents; those that are not JSON (a few fixtures on purpose) are left out */
    JsonMutator(List<byte[]> seeds) {
        TreeSet<String> seen = new TreeSet<>();
        for (byte[] seed : seeds) {
            try {
                JsonNode node = MAPPER.readTree(seed);
                if (node != null && node.isContainerNode()) {
                    bases.add(node);
                    collectNames(node, seen);
                }
            } catch (IOException notJson) {
                // the byte target gets those
            }
        }
        names = List.copyOf(seen);
    }

    /** A mutated document. */
    byte[] mutate(Choices c) {
        JsonNode doc = bases.get(c.pick(bases.size())).deepCopy();
        int edits = 1 + c.pick(5);
        for (int i = 0; i < edits; i++) {
            doc = edit(doc, c);
        }
        byte[] out;
        try {
            out = MAPPER.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a mutated tree must serialize", e);
        }
        return c.pick(6) == 0 ? byteEdit(out, c) : out;
    }

    private JsonNode edit(JsonNode doc, Choices c) {
        List<Slot> slots = new ArrayList<>();
        collectSlots(doc, slots);
        if (slots.isEmpty()) {
            return c.pick(2) == 0 ? doc : value(c);
        }
        Slot slot = slots.get(c.pick(slots.size()));
        switch (c.pick(10)) {
            case 0, 1 -> slot.set(PALETTE.get(c.pick(PALETTE.size())).deepCopy());
            case 2 -> slot.set(value(c));
            case 3 -> slot.remove();
            case 4 -> slot.set(graft(c));
            case 5 -> {
                if (slot.parent instanceof ObjectNode o) {
                    o.set(name(c), c.pick(2) == 0 ? value(c) : graft(c));
                } else {
                    ((ArrayNode) slot.parent).insert(c.pick(slot.parent.size() + 1), slot.get().deepCopy());
                }
            }
            case 6 -> {
                if (slot.parent instanceof ObjectNode o) {
                    JsonNode v = o.remove(slot.name);
                    o.set(name(c), v);
                } else {
                    slot.set(NODES.arrayNode().add(slot.get()));
                }
            }
            case 7 -> slot.set(c.pick(2) == 0 ? NODES.arrayNode().add(slot.get()) : NODES.objectNode().set(name(c), slot.get()));
            case 8 -> slot.set(deep(60 + c.pick(10), c.pick(2) == 0));
            default -> slot.set(c.pick(2) == 0 ? NODES.textNode(c.string(40)) : NODES.numberNode(c.number()));
        }
        return doc;
    }

    private String name(Choices c) {
        return c.pick(8) == 0 ? c.string(16) : names.get(c.pick(names.size()));
    }

    private JsonNode value(Choices c) {
        return switch (c.pick(6)) {
            case 0 -> NODES.numberNode(c.number());
            case 1 -> NODES.numberNode(BigInteger.valueOf(c.number()).shiftLeft(c.pick(80)));
            case 2 -> NODES.numberNode(new BigDecimal(BigInteger.valueOf(c.number()), c.pick(40) - 20));
            case 3 -> NODES.textNode(c.string(64));
            case 4 -> NODES.booleanNode(c.pick(2) == 0);
            default -> PALETTE.get(c.pick(PALETTE.size())).deepCopy();
        };
    }

    /** A copy of a random subtree of a random base document. */
    private JsonNode graft(Choices c) {
        JsonNode from = bases.get(c.pick(bases.size()));
        List<Slot> slots = new ArrayList<>();
        collectSlots(from, slots);
        return slots.isEmpty() ? from.deepCopy() : slots.get(c.pick(slots.size())).get().deepCopy();
    }

    private static JsonNode deep(int depth, boolean arrays) {
        JsonNode node = NODES.textNode("x");
        for (int i = 0; i < depth; i++) {
            node = arrays ? NODES.arrayNode().add(node) : NODES.objectNode().set("a", node);
        }
        return node;
    }

    private static byte[] byteEdit(byte[] doc, Choices c) {
        int at = c.pick(doc.length + 1);
        return switch (c.pick(4)) {
            case 0 -> Arrays.copyOf(doc, at);
            case 1 -> splice(doc, at, 0, new byte[] {c.pick(3) == 0 ? (byte) c.pick(256) : JSONISH[c.pick(JSONISH.length)]});
            case 2 -> at == doc.length ? doc : splice(doc, at, 1, new byte[] {(byte) c.pick(256)});
            default -> {
                // the first property again: a duplicate key wherever the document starts with one
                int colon = indexOf(doc, (byte) ',');
                yield colon < 1 || doc[0] != '{' ? doc : splice(doc, 1, 0, Arrays.copyOfRange(doc, 1, colon + 1));
            }
        };
    }

    private static byte[] splice(byte[] doc, int at, int remove, byte[] insert) {
        byte[] out = new byte[doc.length - remove + insert.length];
        System.arraycopy(doc, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(doc, at + remove, out, at + insert.length, doc.length - at - remove);
        return out;
    }

    private static int indexOf(byte[] doc, byte b) {
        for (int i = 0; i < doc.length; i++) {
            if (doc[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** A child position in a container: the thing an edit replaces, removes or renames. */
    private record Slot(ContainerNode<?> parent, String name, int index) {
        JsonNode get() {
            return parent instanceof ObjectNode o ? o.get(name) : parent.get(index);
        }

        void set(JsonNode value) {
            if (parent instanceof ObjectNode o) {
                o.set(name, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (parent instanceof ObjectNode o) {
                o.remove(name);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    private static void collectSlots(JsonNode node, List<Slot> out) {
        if (node instanceof ObjectNode o) {
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                out.add(new Slot(o, e.getKey(), -1));
                collectSlots(e.getValue(), out);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                out.add(new Slot(a, null, i));
                collectSlots(a.get(i), out);
            }
        }
    }

    private static void collectNames(JsonNode node, TreeSet<String> out) {
        if (node instanceof ObjectNode o) {
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                out.add(e.getKey());
                collectNames(e.getValue(), out);
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(e -> collectNames(e, out));
        }
    }

    /** Values at the edges: of the integer types of the spec, of paths, of names the validator knows. */
    private static List<JsonNode> palette() {
        List<JsonNode> p = new ArrayList<>();
        for (String s : List.of("", "x", "/", "rootfs", "/a/../b", "..", "a\u0000b", "\u00e9\u4e2d", "1.0.0", "1.3.0",
                "99999999999999999999.0.0", "1.0.0-rc.1+build.5", "01.0.0", "0-3,7", "3-1", "CAP_SYS_ADMIN", "CAP_NOPE",
                "SCMP_ACT_ERRNO", "SCMP_ACT_NOTIFY", "SCMP_CMP_MASKED_EQ", "SCMP_ARCH_X86_64", "net.ipv4.ip_forward",
                "kernel.shm_rmid_forced", "bind", "rbind", "ro", "idmap", "user", "mount", "network", "pid", "uts",
                "time", "cgroup", "max", "-1", "0", "a=b", "=b", "MPOL_BIND", "RLIMIT_NOFILE", "SCHED_DEADLINE",
                "IOPRIO_CLASS_RT", "eth0", "lo", "x".repeat(300), "created", "running", "stopped", "10.0.0.0/8",
                "fe80::1/64", "bridge", "host-local", "0.4.0")) {
            p.add(NODES.textNode(s));
        }
        for (long n : new long[] {0, 1, -1, 7, 255, 256, 1000, 65535, 65536, Integer.MAX_VALUE, 1L << 31,
                Integer.MIN_VALUE, Integer.MIN_VALUE - 1L, 0xFFFF_FFFFL, 1L << 32, 1L << 53, Long.MAX_VALUE, Long.MIN_VALUE}) {
            p.add(NODES.numberNode(n));
        }
        p.add(NODES.numberNode(new BigInteger("18446744073709551615")));
        p.add(NODES.numberNode(new BigInteger("18446744073709551616")));
        p.add(NODES.numberNode(new BigInteger("-9223372036854775809")));
        p.add(NODES.numberNode(new BigDecimal("1.5")));
        p.add(NODES.numberNode(new BigDecimal("-0.0")));
        p.add(NODES.numberNode(new BigDecimal("1e300")));
        p.add(NODES.numberNode(new BigDecimal("1E-5")));
        p.add(NODES.booleanNode(true));
        p.add(NODES.booleanNode(false));
        p.add(NODES.nullNode());
        p.add(NODES.objectNode());
        p.add(NODES.arrayNode());
        p.add(NODES.arrayNode().add(""));
        p.add(NODES.arrayNode().addNull());
        p.add(NODES.objectNode().put("", ""));
        return List.copyOf(p);
    }
}
