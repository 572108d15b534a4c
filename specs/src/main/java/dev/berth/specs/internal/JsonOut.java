package dev.berth.specs.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The writers' side: a {@link JsonGenerator} that prints two-space indented JSON with
 * {@code "name": value}, one array element per line and {@code []}/{@code {}} for empty containers, and
 * helpers that omit what Go's {@code omitempty} omits (null, false where the spec's Go type is a plain
 * bool, empty lists and maps), so the output reads like runc's.
 *
 * <p>Writing goes to memory, so I/O failures cannot happen; they surface as {@link UncheckedIOException}.
 */
public final class JsonOut {
    /** Writes one value. */
    @FunctionalInterface
    public interface Item<T> {
        void write(JsonOut out, T value) throws IOException;
    }

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    private final JsonGenerator gen;

    public JsonOut() {
        try {
            gen = Json.FACTORY.createGenerator(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gen.setPrettyPrinter(new TwoSpaces());
    }

    /** Writes {@code value} as a whole document and returns its UTF-8 bytes, ending with a newline. */
    public static <T> byte[] document(T value, Item<T> item) {
        JsonOut out = new JsonOut();
        try {
            item.write(out, value);
            out.gen.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.bytes.write('\n');
        return out.bytes.toByteArray();
    }

    public JsonGenerator gen() {
        return gen;
    }

    public void startObject() throws IOException {
        gen.writeStartObject();
    }

    public void endObject() throws IOException {
        gen.writeEndObject();
    }

    /** A string property, written when not null (also when empty: a present empty string survives a round trip). */
    public void string(String name, String value) throws IOException {
        if (value != null) {
            gen.writeStringField(name, value);
        }
    }

    /** A string property that the spec requires: always written. */
    public void requiredString(String name, String value) throws IOException {
        gen.writeStringField(name, value == null ? "" : value);
    }

    /** A plain bool in the Go model: only {@code true} is written. */
    public void flag(String name, boolean value) throws IOException {
        if (value) {
            gen.writeBooleanField(name, true);
        }
    }

    /** A pointer bool in the Go model: written when not null. */
    public void bool(String name, Boolean value) throws IOException {
        if (value != null) {
            gen.writeBooleanField(name, value);
        }
    }

    /** A signed integer property, written when not null. */
    public void number(String name, Long value) throws IOException {
        if (value != null) {
            gen.writeNumberField(name, value);
        }
    }

    /** A signed integer property, written when not null. */
    public void number(String name, Integer value) throws IOException {
        if (value != null) {
            gen.writeNumberField(name, value);
        }
    }

    /** An integer property that is always written. */
    public void requiredNumber(String name, long value) throws IOException {
        gen.writeNumberField(name, value);
    }

    /** A uint64 held in a long's bits, always written. */
    public void requiredUnsigned(String name, long bits) throws IOException {
        gen.writeFieldName(name);
        gen.writeNumber(Long.toUnsignedString(bits));
    }

    /** A uint64 held in a long's bits, written when not null. */
    public void unsigned(String name, Long bits) throws IOException {
        if (bits != null) {
            requiredUnsigned(name, bits);
        }
    }

    /** A uint64 with Go's {@code omitempty}: written when not zero. */
    public void unsignedNonZero(String name, long bits) throws IOException {
        if (bits != 0) {
            requiredUnsigned(name, bits);
        }
    }

    /** An integer with Go's {@code omitempty}: written when not zero. */
    public void numberNonZero(String name, long value) throws IOException {
        if (value != 0) {
            gen.writeNumberField(name, value);
        }
    }

    /** A list of strings, written when not empty. */
    public void strings(String name, List<String> values) throws IOException {
        if (!values.isEmpty()) {
            requiredStrings(name, values);
        }
    }

    /** A list of strings that is always written. */
    public void requiredStrings(String name, List<String> values) throws IOException {
        gen.writeArrayFieldStart(name);
        for (String v : values) {
            gen.writeString(v);
        }
        gen.writeEndArray();
    }

    /** A list of unsigned 32-bit numbers, written when not empty. */
    public void numbers(String name, List<Long> values) throws IOException {
        if (!values.isEmpty()) {
            gen.writeArrayFieldStart(name);
            for (long v : values) {
                gen.writeNumber(v);
            }
            gen.writeEndArray();
        }
    }

    /** A list of objects, written when not empty. */
    public <T> void list(String name, List<T> values, Item<T> item) throws IOException {
        if (!values.isEmpty()) {
            gen.writeArrayFieldStart(name);
            for (T v : values) {
                item.write(this, v);
            }
            gen.writeEndArray();
        }
    }

    /** An object property, written when not null. */
    public <T> void object(String name, T value, Item<T> item) throws IOException {
        if (value != null) {
            gen.writeFieldName(name);
            item.write(this, value);
        }
    }

    /** A map of strings, in its iteration order, written when not empty. */
    public void stringMap(String name, Map<String, String> map) throws IOException {
        if (!map.isEmpty()) {
            gen.writeObjectFieldStart(name);
            for (Map.Entry<String, String> e : map.entrySet()) {
                gen.writeStringField(e.getKey(), e.getValue());
            }
            gen.writeEndObject();
        }
    }

    /** A map of objects, in its iteration order, written when not empty. */
    public <T> void map(String name, Map<String, T> map, Item<T> item) throws IOException {
        if (!map.isEmpty()) {
            gen.writeObjectFieldStart(name);
            for (Map.Entry<String, T> e : map.entrySet()) {
                gen.writeFieldName(e.getKey());
                item.write(this, e.getValue());
            }
            gen.writeEndObject();
        }
    }

    /** Two-space indentation, {@code "name": value}, no space inside empty containers. */
    private static final class TwoSpaces implements PrettyPrinter {
        private int depth;

        private void newline(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
            for (int i = 0; i < depth; i++) {
                g.writeRaw("  ");
            }
        }

        @Override
        public void writeRootValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            g.writeRaw('{');
            depth++;
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            newline(g);
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            newline(g);
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            depth--;
            if (entries > 0) {
                newline(g);
            }
            g.writeRaw('}');
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw('[');
            depth++;
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            newline(g);
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            newline(g);
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            depth--;
            if (values > 0) {
                newline(g);
            }
            g.writeRaw(']');
        }
    }
}
