package dev.berth.runtime;

/** Berth's version and the OCI runtime-spec version it implements. */
public final class Version {
    /** Berth's own version. */
    public static final String BERTH = "0.1.0-dev";
    /** The OCI runtime specification version Berth implements. */
    public static final String OCI_SPEC = "1.3.0";

    private Version() {}

    /** What {@code berth --version} prints, in runc's layout (clients parse the first line). */
    public static String text() {
        return "berth version " + BERTH + "\nspec: " + OCI_SPEC + "\njava: " + Runtime.version() + "\n";
    }
}
