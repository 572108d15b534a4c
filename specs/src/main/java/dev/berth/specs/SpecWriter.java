package dev.berth.specs;

import dev.berth.specs.internal.FeaturesJson;
import dev.berth.specs.internal.JsonOut;
import dev.berth.specs.internal.LinuxWriter;
import dev.berth.specs.internal.SpecWriters;
import dev.berth.specs.internal.StateJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the model as JSON: two-space indentation, properties in the order of the spec's Go types (the
 * order {@code runc spec} prints), absent and empty values omitted as Go's {@code omitempty} omits them,
 * maps in their iteration order, a final newline. Reading what is written gives an equal record.
 */
public final class SpecWriter {
    private SpecWriter() {}

    /** config.json as UTF-8 bytes. */
    public static byte[] toBytes(Spec spec) {
        return JsonOut.document(spec, SpecWriters::spec);
    }

    /** config.json as text. */
    public static String toString(Spec spec) {
        return new String(toBytes(spec), StandardCharsets.UTF_8);
    }

    /** Writes config.json to {@code out}. */
    public static void write(Spec spec, OutputStream out) throws IOException {
        out.write(toBytes(spec));
    }

    /**
     * Writes config.json to {@code file} through a temporary file in the same directory and a rename,
     * so a reader never sees half a file.
     */
    public static void write(Spec spec, Path file) throws IOException {
        writeAtomically(toBytes(spec), file);
    }

    /** A lone process object. */
    public static byte[] toBytes(Process process) {
        return JsonOut.document(process, SpecWriters::process);
    }

    /** A lone resources object. */
    public static byte[] toBytes(Resources resources) {
        return JsonOut.document(resources, LinuxWriter::resources);
    }

    /** A state document. */
    public static byte[] toBytes(State state) {
        return JsonOut.document(state, StateJson::write);
    }

    /** A features document. */
    public static byte[] toBytes(Features features) {
        return JsonOut.document(features, FeaturesJson::write);
    }

    /** Writes {@code bytes} to {@code file} through a temporary sibling and an atomic rename. */
    public static void writeAtomically(byte[] bytes, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
