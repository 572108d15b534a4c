package dev.berth.runtime.network;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.berth.specs.network.RawJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as {@link RawJson} trees, read and written with jackson-core's streaming API: what external plugins
 * print, the configuration they read (with {@code prevResult} added), and results kept in container state.
 * Numbers keep their text, objects their key order.
 */
final class Json {
    private static final JsonFactory JSON = new JsonFactory();

    private Json() {}

    /** Parses one JSON document; {@link IOException} names {@code what} when it is not JSON. */
    static RawJson parse(byte[] bytes, String what) throws IOException {
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() == null) {
                throw new IOException(what + " is empty");
            }
            RawJson value = read(p);
            if (p.nextToken() != null) {
                throw new IOException(what + " has more after its JSON value");
            }
            return value;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(what + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static RawJson read(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> {
                LinkedHashMap<String, RawJson> members = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    members.put(key, read(p));
                }
                yield new RawJson.Obj(members);
            }
            case START_ARRAY -> {
                List<RawJson> elements = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    elements.add(read(p));
                }
                yield new RawJson.Arr(elements);
            }
            case VALUE_STRING -> new RawJson.Str(p.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new RawJson.Num(p.getText());
            case VALUE_TRUE -> new RawJson.Bool(true);
            case VALUE_FALSE -> new RawJson.Bool(false);
            case VALUE_NULL -> new RawJson.Null();
            default -> throw new IOException("unexpected " + p.currentToken());
        };
    }

    /** The document for {@code value}. */
    static byte[] write(RawJson value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static void write(JsonGenerator g, RawJson value) throws IOException {
        switch (value) {
            case RawJson.Obj o -> {
                g.writeStartObject();
                for (Map.Entry<String, RawJson> e : o.members().entrySet()) {
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case RawJson.Arr a -> {
                g.writeStartArray();
                for (RawJson element : a.elements()) {
                    write(g, element);
                }
                g.writeEndArray();
            }
            case RawJson.Str s -> g.writeString(s.value());
            case RawJson.Num n -> g.writeNumber(n.text());
            case RawJson.Bool b -> g.writeBoolean(b.value());
            case RawJson.Null n -> g.writeNull();
        }
    }

    // ---- reading values out of trees -----------------------------------------------------------------

    static Map<String, RawJson> object(RawJson v) {
        return v instanceof RawJson.Obj o ? o.members() : Map.of();
    }

    static List<RawJson> array(RawJson v) {
        return v instanceof RawJson.Arr a ? a.elements() : List.of();
    }

    static String string(RawJson v) {
        return v instanceof RawJson.Str s ? s.value() : null;
    }

    static List<String> strings(RawJson v) {
        List<String> out = new ArrayList<>();
        for (RawJson e : array(v)) {
            if (e instanceof RawJson.Str s) {
                out.add(s.value());
            }
        }
        return out;
    }

    static Integer integer(RawJson v) {
        if (v instanceof RawJson.Num n) {
            try {
                return Integer.valueOf(n.text());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static RawJson str(String s) {
        return new RawJson.Str(s);
    }
}
