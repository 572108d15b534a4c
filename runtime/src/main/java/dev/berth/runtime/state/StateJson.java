package dev.berth.runtime.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code state.json} in and out, with jackson-core's streaming API (no binding: start-up time counts). */
final class StateJson {
    private static final JsonFactory JSON = new JsonFactory();

    private StateJson() {}

    static byte[] write(ContainerState s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("id", s.id());
            g.writeNumberField("pid", s.pid());
            g.writeNumberField("pidStartTime", s.pidStartTime());
            g.writeStringField("bundle", s.bundle());
            g.writeStringField("rootfs", s.rootfs());
            g.writeStringField("created", s.created());
            g.writeStringField("owner", s.owner());
            g.writeBooleanField("started", s.started());
            g.writeObjectFieldStart("annotations");
            for (Map.Entry<String, String> e : s.annotations().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            writeList(g, "cgroupPaths", s.cgroupPaths());
            writeList(g, "createdCgroups", s.createdCgroups());
            writeList(g, "hooks", s.hooks());
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static void writeList(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    static ContainerState read(byte[] bytes, String name) throws IOException {
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(name + ": not a JSON object");
            }
            String id = null;
            int pid = 0;
            long start = 0;
            String bundle = "";
            String rootfs = "";
            String created = "";
            String owner = "";
            boolean started = false;
            Map<String, String> annotations = new LinkedHashMap<>();
            List<String> paths = List.of();
            List<String> made = List.of();
            List<String> hooks = List.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "id" -> id = p.getText();
                    case "pid" -> pid = p.getIntValue();
                    case "pidStartTime" -> start = p.getLongValue();
                    case "bundle" -> bundle = p.getText();
                    case "rootfs" -> rootfs = p.getText();
                    case "created" -> created = p.getText();
                    case "owner" -> owner = p.getText();
                    case "started" -> started = t == JsonToken.VALUE_TRUE;
                    case "annotations" -> {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String k = p.currentName();
                            p.nextToken();
                            annotations.put(k, p.getText());
                        }
                    }
                    case "cgroupPaths" -> paths = readList(p);
                    case "createdCgroups" -> made = readList(p);
                    case "hooks" -> hooks = readList(p);
                    default -> p.skipChildren();
                }
            }
            if (id == null) {
                throw new IOException(name + ": no id");
            }
            return new ContainerState(id, pid, start, bundle, rootfs, created, owner, annotations, paths, made, started,
                    hooks);
        }
    }

    private static List<String> readList(JsonParser p) throws IOException {
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(p.getText());
        }
        return out;
    }
}
