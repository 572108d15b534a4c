package dev.berth.runtime.state;

/** A container's lifecycle status as the OCI state document names it (plus runc's {@code paused}). */
public enum Status {
    CREATING("creating"),
    CREATED("created"),
    RUNNING("running"),
    PAUSED("paused"),
    STOPPED("stopped");

    private final String json;

    Status(String json) {
        this.json = json;
    }

    /** The name in the state document. */
    public String json() {
        return json;
    }

    @Override
    public String toString() {
        return json;
    }
}
