package dev.berth.runtime.network;

/**
 * Setting up, checking or tearing down a network failed. The message says which network and plugin
 * ({@code network "web", plugin 0 (bridge): ...}) and what, with the kernel's or the external plugin's
 * own words; {@link #code()} is the CNI error code when an external plugin reported one (CNI spec,
 * "Error"), else 0.
 */
public class NetworkException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String pluginType;
    private final int code;

    public NetworkException(String message, Throwable cause) {
        this(message, null, 0, cause);
    }

    public NetworkException(String message) {
        this(message, null, 0, null);
    }

    NetworkException(String message, String pluginType, int code, Throwable cause) {
        super(message, cause);
        this.pluginType = pluginType;
        this.code = code;
    }

    /** The type of the plugin that failed, or null when the failure is not one plugin's. */
    public String pluginType() {
        return pluginType;
    }

    /** The CNI error code an external plugin printed, or 0. */
    public int code() {
        return code;
    }
}
