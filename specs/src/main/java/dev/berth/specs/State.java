package dev.berth.specs;

import dev.berth.specs.internal.Immutable;
import java.util.Map;
import java.util.Objects;

/**
 * The state of a container, as {@code state} prints it and hooks receive it on standard input
 * (runtime.md, "State").
 *
 * @param ociVersion version of the spec the document follows
 * @param id the container's id
 * @param status its lifecycle status
 * @param pid the container process as seen from the host, 0 when there is none
 * @param bundle absolute path of the bundle directory
 * @param annotations the config's annotations, in document order
 */
public record State(String ociVersion, String id, Status status, int pid, String bundle, Map<String, String> annotations) {
    public State {
        Objects.requireNonNull(ociVersion, "ociVersion");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(bundle, "bundle");
        annotations = Immutable.map(annotations);
    }

    /** The lifecycle status. */
    public enum Status {
        CREATING("creating"),
        CREATED("created"),
        RUNNING("running"),
        STOPPED("stopped"),
        /** Frozen by {@code pause}: runc reports it and containerd and docker expect it; the spec does not list it. */
        PAUSED("paused");

        private final String json;

        Status(String json) {
            this.json = json;
        }

        /** The name in the state document. */
        public String json() {
            return json;
        }

        /** The status named {@code json}, or null. */
        public static Status of(String json) {
            for (Status s : values()) {
                if (s.json.equals(json)) {
                    return s;
                }
            }
            return null;
        }
    }
}
