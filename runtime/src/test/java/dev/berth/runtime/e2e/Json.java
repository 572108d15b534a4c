package dev.berth.runtime.e2e;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mutable JSON tree (maps, lists, strings, numbers, booleans, null) for the tests: the bundle's
 * {@code config.json} is edited as a document rather than through the spec records, so that a test
 * can also write what the records would never produce (an unknown capability, a bad device type).
 * Also reads what {@code berth state} and {@code list --format json} print.
 */
public final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {}

    public static Object parse(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            p.nextToken();
            Object v = value(p);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("trailing data after the JSON value: " + text);
            }
            return v;
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage() + "\n" + text, e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String text) {
        return (Map<String, Object>) parse(text);
    }

    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() != JsonToken.END_OBJECT) {
                    String name = p.currentName();
                    p.nextToken();
                    m.put(name, value(p));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return true;
            }
            case VALUE_FALSE -> {
                return false;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + t);
        }
    }

    public static String write(Object tree) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.useDefaultPrettyPrinter();
            write(g, tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString() + "\n";
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (var e : m.entrySet()) {
                    g.writeFieldName((String) e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case List<?> l -> {
                g.writeStartArray();
                for (Object o : l) {
                    write(g, o);
                }
                g.writeEndArray();
            }
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i);
            case Long n -> g.writeNumber(n);
            case Double d -> g.writeNumber(d);
            default -> throw new IllegalArgumentException("not a JSON value: " + v.getClass());
        }
    }

    /** The object at {@code path} below {@code tree}, created (as an empty object) where missing. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> obj(Map<String, Object> tree, String... path) {
        Map<String, Object> m = tree;
        for (String key : path) {
            m = (Map<String, Object>) m.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
        }
        return m;
    }

    /** The list under {@code key} of {@code m}, created (empty) where missing. */
    @SuppressWarnings("unchecked")
    public static List<Object> list(Map<String, Object> m, String key) {
        return (List<Object>) m.computeIfAbsent(key, k -> new ArrayList<Object>());
    }

    /** A mutable map of alternating keys and values, for literal objects. */
    public static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A mutable list. */
    public static List<Object> array(Object... items) {
        return new ArrayList<>(List.of(items));
    }
}
