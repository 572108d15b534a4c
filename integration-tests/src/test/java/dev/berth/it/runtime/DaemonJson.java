package dev.berth.it.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;

/**
 * dockerd's {@code daemon.json} with one runtime added to or removed from its {@code "runtimes"}, every other
 * setting copied as it is (streamed with jackson-core, which the specs module brings).
 */
final class DaemonJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private DaemonJson() {}

    /**
     * {@code original} (empty or blank: {@code {}}) with {@code runtimes.NAME} set to {@code {"path": PATH}},
     * or removed when {@code path} is null. {@code "runtimes"} is written even when it ends up empty: dockerd
     * forgets a runtime on reload only when the file says so.
     */
    static String withRuntime(String original, String name, String path) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            boolean runtimesSeen = false;
            if (!original.isBlank()) {
                try (JsonParser p = FACTORY.createParser(original)) {
                    if (p.nextToken() != JsonToken.START_OBJECT) {
                        throw new IOException("daemon.json is not a JSON object");
                    }
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        p.nextToken();
                        if (field.equals("runtimes")) {
                            runtimesSeen = true;
                            writeRuntimes(g, p, name, path);
                        } else {
                            g.writeFieldName(field);
                            g.copyCurrentStructure(p);
                        }
                    }
                }
            }
            if (!runtimesSeen) {
                writeRuntimes(g, null, name, path);
            }
            g.writeEndObject();
        }
        return out + "\n";
    }

    /** {@code "runtimes": {...}}: the ones {@code p} is at (if any) but {@code name}, then {@code name} if given. */
    private static void writeRuntimes(JsonGenerator g, JsonParser p, String name, String path) throws IOException {
        g.writeObjectFieldStart("runtimes");
        if (p != null) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new IOException("daemon.json: \"runtimes\" is not an object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String runtime = p.currentName();
                p.nextToken();
                if (runtime.equals(name)) {
                    p.skipChildren();
                } else {
                    g.writeFieldName(runtime);
                    g.copyCurrentStructure(p);
                }
            }
        }
        if (path != null) {
            g.writeObjectFieldStart(name);
            g.writeStringField("path", path);
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
