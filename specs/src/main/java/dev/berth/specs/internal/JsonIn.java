package dev.berth.specs.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.berth.specs.SpecException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A cursor over jackson-core's streaming parser that the hand-written readers share. Every value reader
 * starts on the value's first token and leaves the parser on its last one. Every failure, Jackson's or
 * ours, becomes one {@link SpecException} with source, line, column and JSON path.
 *
 * <p>Conventions of the spec's Go reference implementation that the readers follow: unknown properties
 * are skipped, and {@code null} for an optional property means the property is absent.
 */
public final class JsonIn implements AutoCloseable {
    /** Reads one value; the parser is on the value's first token. */
    @FunctionalInterface
    public interface Item<T> {
        T read(JsonIn in) throws SpecException;
    }

    /** An integer type of the spec with its range, for messages such as {@code expected a uint32 (0 to 4294967295)}. */
    public record IntKind(String name, long min, long max) {
        String describe() {
            return name + " (" + min + " to " + max + ")";
        }
    }

    public static final IntKind INT64 = new IntKind("an int64", Long.MIN_VALUE, Long.MAX_VALUE);
    public static final IntKind INT32 = new IntKind("an int32", Integer.MIN_VALUE, Integer.MAX_VALUE);
    public static final IntKind UINT32 = new IntKind("a uint32", 0, 0xFFFF_FFFFL);
    public static final IntKind UINT16 = new IntKind("a uint16", 0, 0xFFFF);
    private static final String UINT64 = "a uint64 (0 to 18446744073709551615)";

    /** Compiled on the first error only: regular expressions cost start-up time on the happy path. */
    private static final class Messages {
        static final Pattern JACKSON_NOISE = Pattern.compile(
                "\\s*\\((?:for \\w+ starting|start marker) at \\[Source:[^\\]]*\\]\\)|\\s*\\[Source:[^\\]]*\\]|, from `[^`]*`");
        static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");
    }

    private final JsonParser parser;
    private final String source;
    private JsonToken token;

    private JsonIn(JsonParser parser, String source) {
        this.parser = parser;
        this.source = source;
    }

    /** Opens {@code json} (UTF-8) and moves to its first token. */
    public static JsonIn of(byte[] json, String source) throws SpecException {
        checkUtf8(json, source);
        JsonParser parser;
        try {
            parser = Json.FACTORY.createParser(json);
        } catch (IOException e) {
            throw new SpecException(source, 0, 0, "", "cannot parse: " + e.getMessage(), e);
        }
        JsonIn in = new JsonIn(parser, source);
        if (in.next() == null) {
            throw new SpecException(source, "", "empty document");
        }
        return in;
    }

    /** Reads {@code json} as one document with {@code reader}, and checks that nothing follows it. */
    public static <T> T read(byte[] json, String source, Item<T> reader) throws SpecException {
        try (JsonIn in = of(json, source)) {
            T value = reader.read(in);
            in.end();
            return value;
        }
    }

    /** Checks that nothing follows the document just read. */
    public void end() throws SpecException {
        if (next() != null) {
            throw error("unexpected content after the end of the document");
        }
    }

    // RFC 8259 text is UTF-8; Jackson would also accept UTF-16 and UTF-32, which no client writes.
    private static void checkUtf8(byte[] json, String source) throws SpecException {
        boolean utf16Bom = json.length >= 2
                && ((json[0] == (byte) 0xFE && json[1] == (byte) 0xFF) || (json[0] == (byte) 0xFF && json[1] == (byte) 0xFE));
        boolean zeroByte = false;
        for (int i = 0; i < Math.min(4, json.length); i++) {
            zeroByte |= json[i] == 0;
        }
        if (utf16Bom || zeroByte) {
            throw new SpecException(source, 1, 1, "", "not UTF-8 text (UTF-16 or UTF-32?)", null);
        }
    }

    /** The display name of the document. */
    public String source() {
        return source;
    }

    /** The current token. */
    public JsonToken token() {
        return token;
    }

    /** The text of the current token, for numbers and strings. */
    public String text() throws SpecException {
        try {
            return parser.getText();
        } catch (IOException e) {
            throw wrap(e);
        }
    }

    /** Moves to the next token. */
    public JsonToken next() throws SpecException {
        try {
            return token = parser.nextToken();
        } catch (IOException e) {
            throw wrap(e);
        }
    }

    /** The position of the current token, to report a missing property at the object's start. */
    public JsonLocation mark() {
        return parser.currentTokenLocation();
    }

    // --- objects ---------------------------------------------------------------------------------------

    /** Checks that the current token starts an object. */
    public void expectObject() throws SpecException {
        if (token != JsonToken.START_OBJECT) {
            throw typeError("an object");
        }
    }

    /**
     * Moves to the value of the next property of the object and returns its name, skipping properties
     * whose value is {@code null}; returns null at the end of the object.
     */
    public String nextField() throws SpecException {
        while (true) {
            if (next() == JsonToken.END_OBJECT) {
                return null;
            }
            String name = currentName();
            if (next() != JsonToken.VALUE_NULL) {
                return name;
            }
        }
    }

    /** Like {@link #nextField()}, but keeps {@code null} values: for the entries of a map. */
    public String nextEntry() throws SpecException {
        if (next() == JsonToken.END_OBJECT) {
            return null;
        }
        String name = currentName();
        next();
        return name;
    }

    private String currentName() throws SpecException {
        try {
            return parser.currentName();
        } catch (IOException e) {
            throw wrap(e);
        }
    }

    /** Skips the current value with everything in it: for unknown properties. */
    public void skip() throws SpecException {
        try {
            parser.skipChildren();
            token = parser.currentToken();
        } catch (IOException e) {
            throw wrap(e);
        }
    }

    // --- scalars ---------------------------------------------------------------------------------------

    public String string() throws SpecException {
        if (token != JsonToken.VALUE_STRING) {
            throw typeError("a string");
        }
        return text();
    }

    public boolean bool() throws SpecException {
        if (token == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (token == JsonToken.VALUE_FALSE) {
            return false;
        }
        throw typeError("a boolean");
    }

    public long int64() throws SpecException {
        return integer(INT64);
    }

    public int int32() throws SpecException {
        return (int) integer(INT32);
    }

    public long uint32() throws SpecException {
        return integer(UINT32);
    }

    public int uint16() throws SpecException {
        return (int) integer(UINT16);
    }

    /** An integer of {@code kind}, rejecting decimals and values out of its range. */
    public long integer(IntKind kind) throws SpecException {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                throw error("expected " + kind.describe() + ", got " + text());
            }
            throw typeError(kind.name);
        }
        try {
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw error("expected " + kind.describe() + ", got " + text());
            }
            long value = parser.getLongValue();
            if (value < kind.min || value > kind.max) {
                throw error("expected " + kind.describe() + ", got " + value);
            }
            return value;
        } catch (IOException e) {
            throw wrap(e);
        }
    }

    /** A uint64, returned as the {@code long} with the same 64 bits (see {@link Long#toUnsignedString(long)}). */
    public long uint64() throws SpecException {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                throw error("expected " + UINT64 + ", got " + text());
            }
            throw typeError("a uint64");
        }
        try {
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                BigInteger big = parser.getBigIntegerValue();
                if (big.signum() < 0 || big.bitLength() > 64) {
                    throw error("expected " + UINT64 + ", got " + big);
                }
                return big.longValue();
            }
            long value = parser.getLongValue();
            if (value < 0) {
                throw error("expected " + UINT64 + ", got " + value);
            }
            return value;
        } catch (IOException e) {
            throw wrap(e);
        }
    }

    // --- collections -----------------------------------------------------------------------------------

    /** Checks that the current token starts an array; iterate it with {@link #nextElement()}. */
    public void startArray() throws SpecException {
        if (token != JsonToken.START_ARRAY) {
            throw typeError("an array");
        }
    }

    /**
     * Moves to the next element of the array and returns true, or returns false at its end. Readers
     * loop with it instead of passing a method reference, which would cost a lambda class at start-up.
     */
    public boolean nextElement() throws SpecException {
        return next() != JsonToken.END_ARRAY;
    }

    /** An array of strings. */
    public List<String> strings() throws SpecException {
        startArray();
        ArrayList<String> out = new ArrayList<>();
        while (nextElement()) {
            out.add(string());
        }
        return out;
    }

    /** An object of string values, in document order. */
    public Map<String, String> stringMap() throws SpecException {
        expectObject();
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        for (String key; (key = nextEntry()) != null; ) {
            out.put(key, string());
        }
        return out;
    }

    // --- errors ----------------------------------------------------------------------------------------

    /** An error at the current token and path. */
    public SpecException error(String problem) {
        return errorAt(parser.currentTokenLocation(), problem);
    }

    /** An error at {@code location} with the current path. */
    public SpecException errorAt(JsonLocation location, String problem) {
        return new SpecException(source, location.getLineNr(), location.getColumnNr(),
                JsonPath.of(parser.getParsingContext()), problem, null);
    }

    /**
     * A required property missing from the object whose reading just ended (the parser is on its
     * {@code END_OBJECT}, so the current path is the object's own).
     */
    public SpecException missing(JsonLocation objectStart, String property) {
        return errorAt(objectStart, "missing required property \"" + property + "\"");
    }

    /** {@code expected <expected>, got <what the current token is>}. */
    public SpecException typeError(String expected) {
        return error("expected " + expected + ", got " + describe(token));
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the document";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    private SpecException wrap(IOException e) {
        JsonLocation location = e instanceof JsonProcessingException jpe && jpe.getLocation() != null
                ? jpe.getLocation() : parser.currentLocation();
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.toString();
        message = Messages.JACKSON_NOISE.matcher(message == null ? e.toString() : message).replaceAll("");
        var duplicate = Messages.DUPLICATE.matcher(message);
        if (duplicate.matches()) {
            message = "duplicate property \"" + duplicate.group(1) + "\"";
        } else {
            message = "malformed JSON: " + message;
        }
        // A limit is exceeded by the value at hand; a syntax error happens between values, where the
        // innermost context still names the last good property, so the container is the useful path.
        var context = parser.getParsingContext();
        String path = e instanceof StreamConstraintsException ? JsonPath.of(context)
                : context == null || context.inRoot() ? "" : JsonPath.of(context.getParent());
        return new SpecException(source, location.getLineNr(), location.getColumnNr(), path, message, e);
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException ignored) {
            // closing a parser over a byte array cannot fail in a way that matters
        }
    }
}
