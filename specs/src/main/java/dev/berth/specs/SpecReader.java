package dev.berth.specs;

import dev.berth.specs.internal.FeaturesJson;
import dev.berth.specs.internal.Json;
import dev.berth.specs.internal.JsonIn;
import dev.berth.specs.internal.ProcessReader;
import dev.berth.specs.internal.ResourcesReader;
import dev.berth.specs.internal.SpecReaders;
import dev.berth.specs.internal.StateJson;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Reads the spec's JSON documents into the model, with jackson-core's streaming parser.
 *
 * <p>Unknown properties are ignored, as the spec requires; {@code null} for an optional property means
 * absent, as in the spec's Go types. Everything else that does not fit the model stops reading with one
 * {@link SpecException} that names the source, line, column and JSON path:
 * {@code config.json:14:9: process.args[1]: expected a string, got a number}. Malformed JSON, duplicate
 * keys, non-UTF-8 text, numbers out of their type's range, nesting deeper than 64, strings longer than
 * 8 MiB and documents larger than 32 MiB are such errors. Reading does not apply the spec's rules that
 * need more than one value; {@link dev.berth.specs.validate.SpecValidator} does.
 *
 * <p>Every method takes the display name used in messages ({@code config.json}, {@code process.json}).
 */
public final class SpecReader {
    /** The name of the configuration file in a bundle. */
    public static final String CONFIG_JSON = "config.json";

    private SpecReader() {}

    /** Reads {@code config.json} of the bundle directory {@code bundle}. */
    public static Spec readBundle(Path bundle) throws SpecException {
        return readConfig(bundle.resolve(CONFIG_JSON), CONFIG_JSON);
    }

    /** Reads a config.json file. */
    public static Spec readConfig(Path file, String name) throws SpecException {
        return readConfig(Json.readFile(file, name), name);
    }

    /** Reads a config.json stream to its end. */
    public static Spec readConfig(InputStream in, String name) throws SpecException {
        return readConfig(Json.readAll(in, name), name);
    }

    /** Reads a config.json document. */
    public static Spec readConfig(byte[] json, String name) throws SpecException {
        try (JsonIn in = JsonIn.of(json, name)) {
            Spec value = SpecReaders.spec(in);
            in.end();
            return value;
        }
    }

    /** Reads a lone {@code process} object: the {@code --process} file of {@code exec}. */
    public static Process readProcess(Path file, String name) throws SpecException {
        return readProcess(Json.readFile(file, name), name);
    }

    /** Reads a lone {@code process} object from a stream. */
    public static Process readProcess(InputStream in, String name) throws SpecException {
        return readProcess(Json.readAll(in, name), name);
    }

    /** Reads a lone {@code process} object. */
    public static Process readProcess(byte[] json, String name) throws SpecException {
        try (JsonIn in = JsonIn.of(json, name)) {
            Process value = ProcessReader.read(in);
            in.end();
            return value;
        }
    }

    /** Reads a lone {@code linux.resources} object: the input of {@code update --resources}. */
    public static Resources readResources(Path file, String name) throws SpecException {
        return readResources(Json.readFile(file, name), name);
    }

    /** Reads a lone {@code linux.resources} object from a stream ({@code update --resources -}). */
    public static Resources readResources(InputStream in, String name) throws SpecException {
        return readResources(Json.readAll(in, name), name);
    }

    /** Reads a lone {@code linux.resources} object. */
    public static Resources readResources(byte[] json, String name) throws SpecException {
        try (JsonIn in = JsonIn.of(json, name)) {
            Resources value = ResourcesReader.read(in);
            in.end();
            return value;
        }
    }

    /** Reads a state document. */
    public static State readState(Path file, String name) throws SpecException {
        return readState(Json.readFile(file, name), name);
    }

    /** Reads a state document. */
    public static State readState(byte[] json, String name) throws SpecException {
        try (JsonIn in = JsonIn.of(json, name)) {
            State value = StateJson.read(in);
            in.end();
            return value;
        }
    }

    /** Reads a features document. */
    public static Features readFeatures(Path file, String name) throws SpecException {
        return readFeatures(Json.readFile(file, name), name);
    }

    /** Reads a features document. */
    public static Features readFeatures(byte[] json, String name) throws SpecException {
        try (JsonIn in = JsonIn.of(json, name)) {
            Features value = FeaturesJson.read(in);
            in.end();
            return value;
        }
    }
}
