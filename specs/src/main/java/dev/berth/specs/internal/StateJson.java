package dev.berth.specs.internal;

import com.fasterxml.jackson.core.JsonLocation;
import dev.berth.specs.SpecException;
import dev.berth.specs.State;
import java.io.IOException;
import java.util.Map;

/** Reads and writes the state document (runtime.md "State"). */
public final class StateJson {
    private static final JsonIn.IntKind PID = new JsonIn.IntKind("a pid", 0, Integer.MAX_VALUE);

    private StateJson() {}

    public static State read(JsonIn in) throws SpecException {
        in.expectObject();
        JsonLocation start = in.mark();
        String ociVersion = null;
        String id = null;
        State.Status status = null;
        int pid = 0;
        String bundle = null;
        Map<String, String> annotations = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "ociVersion" -> ociVersion = in.string();
                case "id" -> id = in.string();
                case "status" -> {
                    String s = in.string();
                    status = State.Status.of(s);
                    if (status == null) {
                        throw in.error("unknown status " + JsonPath.quote(s)
                                + " (expected creating, created, running, stopped or paused)");
                    }
                }
                case "pid" -> pid = (int) in.integer(PID);
                case "bundle" -> bundle = in.string();
                case "annotations" -> annotations = in.stringMap();
                default -> in.skip();
            }
        }
        if (ociVersion == null) {
            throw in.missing(start, "ociVersion");
        }
        if (id == null) {
            throw in.missing(start, "id");
        }
        if (status == null) {
            throw in.missing(start, "status");
        }
        if (bundle == null) {
            throw in.missing(start, "bundle");
        }
        return new State(ociVersion, id, status, pid, bundle, annotations);
    }

    public static void write(JsonOut out, State s) throws IOException {
        out.startObject();
        out.requiredString("ociVersion", s.ociVersion());
        out.requiredString("id", s.id());
        out.requiredString("status", s.status().json());
        out.numberNonZero("pid", s.pid());
        out.requiredString("bundle", s.bundle());
        out.stringMap("annotations", s.annotations());
        out.endObject();
    }
}
