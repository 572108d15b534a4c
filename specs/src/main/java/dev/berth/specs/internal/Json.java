package dev.berth.specs.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import dev.berth.specs.SpecException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The one Jackson factory of the module and the limits that keep hostile input from costing more than
 * a bounded amount of memory and stack. The spec's documents nest at most seven levels (a seccomp
 * argument); CNI plugin configurations carry arbitrary JSON, hence the margin.
 */
public final class Json {
    /** Largest document read, in bytes. Real configs are tens of kilobytes; docker's seccomp profile is ~30 KB. */
    public static final int MAX_DOCUMENT_BYTES = 32 << 20;
    /** Deepest nesting of objects and arrays. */
    public static final int MAX_NESTING = 64;
    /** Longest string value, in characters. */
    public static final int MAX_STRING = 8 << 20;
    /** Longest property name, in characters. */
    public static final int MAX_NAME = 64 << 10;
    /** Longest number literal, in characters (a uint64 has 20 digits). */
    public static final int MAX_NUMBER = 64;

    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxStringLength(MAX_STRING)
                    .maxNameLength(MAX_NAME)
                    .maxNumberLength(MAX_NUMBER)
                    .maxDocumentLength(MAX_DOCUMENT_BYTES)
                    .build())
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            // one key twice is ambiguous (Go takes the last, others the first): refuse it
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private Json() {}

    /** Reads a whole file, refusing more than {@link #MAX_DOCUMENT_BYTES} without reading further. */
    public static byte[] readFile(Path file, String source) throws SpecException {
        try (InputStream in = Files.newInputStream(file)) {
            return readAll(in, source);
        } catch (NoSuchFileException e) {
            throw new SpecException(source, 0, 0, "", "no such file", e);
        } catch (IOException e) {
            throw new SpecException(source, 0, 0, "", "cannot read: " + e, e);
        }
    }

    /** Reads a stream to its end, refusing more than {@link #MAX_DOCUMENT_BYTES}. */
    public static byte[] readAll(InputStream in, String source) throws SpecException {
        try {
            byte[] bytes = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
            if (bytes.length > MAX_DOCUMENT_BYTES) {
                throw new SpecException(source, "", "larger than the limit of " + (MAX_DOCUMENT_BYTES >> 20) + " MiB");
            }
            return bytes;
        } catch (IOException e) {
            throw new SpecException(source, 0, 0, "", "cannot read: " + e, e);
        }
    }
}
