package dev.berth.runtime.network;

import dev.berth.netlink.netns.NetNs;
import dev.berth.specs.network.RawJson;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which container a network is set up for, and where: the CNI runtime arguments ({@code CNI_CONTAINERID},
 * {@code CNI_NETNS}, {@code CNI_IFNAME}, {@code CNI_ARGS}) plus what an in-process runtime knows besides.
 *
 * @param containerId the container's id ({@code CNI_CONTAINERID}); keys IPAM allocations and NAT rules
 * @param netnsPath a path to the container's network namespace: {@code /proc/PID/ns/net} of its init, or a
 *     bind mount of it ({@code CNI_NETNS}, and the {@code sandbox} of the result's interfaces)
 * @param netns an open handle to the same namespace, or null to open {@code netnsPath}
 * @param ifName the interface to make in the container ({@code CNI_IFNAME}), {@code eth0} by default
 * @param host the namespace that plays the host (bridges, host ends of veths, NAT), or null for the
 *     caller's own
 * @param dataDir where host-local keeps allocations when the configuration names no {@code dataDir}, and
 *     where Berth keeps its lock files; {@link #DEFAULT_DATA_DIR} by default
 * @param cniArgs {@code CNI_ARGS} for external plugins ({@code K=V;K2=V2}), or null
 * @param capabilityArgs values for the {@code runtimeConfig} of plugins that declare the capability
 *     ({@code portMappings}, {@code bandwidth}...), CNI's conventions; empty for none
 */
public record Attachment(String containerId, String netnsPath, NetNs netns, String ifName, NetNs host, Path dataDir,
        String cniArgs, Map<String, RawJson> capabilityArgs) {
    /**
     * host-local's own default, so that Berth and the reference plugins (or another runtime using the same
     * configuration) draw from one pool of addresses per network and release each other's allocations.
     */
    public static final Path DEFAULT_DATA_DIR = Path.of("/var/lib/cni/networks");

    // CNI spec: "containerId": alphanumerics plus underscore, period and hyphen, starting alphanumerically
    private static final Pattern CONTAINER_ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.\\-]*");

    public Attachment {
        Objects.requireNonNull(containerId, "containerId");
        if (!CONTAINER_ID.matcher(containerId).matches()) {
            throw new IllegalArgumentException("container id \"" + containerId + "\" is not valid for CNI "
                    + "(letters, digits, \"_\", \".\" and \"-\", starting with a letter or digit)");
        }
        if (netnsPath == null && netns != null) {
            netnsPath = netns.procPath();
        }
        Objects.requireNonNull(netnsPath, "netnsPath");
        ifName = ifName == null ? "eth0" : ifName;
        if (!validInterfaceName(ifName)) {
            throw new IllegalArgumentException("\"" + ifName + "\" is not an interface name (1 to 15 bytes, no "
                    + "\"/\", \":\" or white space, not \".\" or \"..\")");
        }
        dataDir = dataDir == null ? DEFAULT_DATA_DIR : dataDir;
        capabilityArgs = capabilityArgs == null ? Map.of() : Map.copyOf(capabilityArgs);
    }

    /** The container {@code containerId} whose network namespace is at {@code netnsPath}, defaults for the rest. */
    public static Attachment of(String containerId, String netnsPath) {
        return new Attachment(containerId, netnsPath, null, null, null, null, null, null);
    }

    /** The container {@code containerId} whose network namespace {@code netns} holds. */
    public static Attachment of(String containerId, NetNs netns) {
        return new Attachment(containerId, null, netns, null, null, null, null, null);
    }

    public Attachment withIfName(String name) {
        return new Attachment(containerId, netnsPath, netns, name, host, dataDir, cniArgs, capabilityArgs);
    }

    public Attachment withHost(NetNs hostNetns) {
        return new Attachment(containerId, netnsPath, netns, ifName, hostNetns, dataDir, cniArgs, capabilityArgs);
    }

    public Attachment withDataDir(Path dir) {
        return new Attachment(containerId, netnsPath, netns, ifName, host, dir, cniArgs, capabilityArgs);
    }

    public Attachment withCniArgs(String args) {
        return new Attachment(containerId, netnsPath, netns, ifName, host, dataDir, args, capabilityArgs);
    }

    public Attachment withCapabilityArgs(Map<String, RawJson> args) {
        return new Attachment(containerId, netnsPath, netns, ifName, host, dataDir, cniArgs, args);
    }

    /** {@code dev_valid_name()} of {@code net/core/dev.c}. */
    static boolean validInterfaceName(String name) {
        if (name.isEmpty() || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 15 || name.equals(".")
                || name.equals("..")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':' || Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }
}
