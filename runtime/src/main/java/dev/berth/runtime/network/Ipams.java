package dev.berth.runtime.network;

import dev.berth.specs.network.Ipam;
import dev.berth.specs.network.NetworkWriter;

/**
 * The {@code ipam} of a built-in plugin: {@code host-local} and {@code static} in-process, any other type
 * run as an external IPAM plugin with the main plugin's configuration, as the reference plugins'
 * {@code ipam.ExecAdd} does.
 */
final class Ipams {
    private Ipams() {}

    /** Addresses, routes and DNS for the session's container; {@code undo} gives them back. */
    static Result add(Session s, int index, Ipam ipam, Undo undo) throws Exception {
        Faults.at("ipam");
        return switch (ipam.type()) {
            case "host-local" -> HostLocal.add(s, ipam, undo);
            case "static" -> StaticIpam.add(s, ipam);
            default -> {
                byte[] config = NetworkWriter.pluginConfig(s.list, index);
                undo.add("releasing the addresses of IPAM plugin " + ipam.type(),
                        () -> ExternalPlugin.invoke(s, "DEL", ipam.type(), config));
                yield Result.fromJson(ExternalPlugin.invoke(s, "ADD", ipam.type(), config)).withVersion(s.version());
            }
        };
    }

    /** Gives the container's addresses back; idempotent. */
    static void del(Session s, int index, Ipam ipam) throws Exception {
        switch (ipam.type()) {
            case "host-local" -> HostLocal.release(s, ipam);
            case "static" -> {}
            default -> ExternalPlugin.invoke(s, "DEL", ipam.type(), NetworkWriter.pluginConfig(s.list, index));
        }
    }

    /** Whether the allocation is still there (CHECK). */
    static void check(Session s, int index, Ipam ipam) throws Exception {
        switch (ipam.type()) {
            case "host-local" -> {
                if (!HostLocal.holds(s, ipam)) {
                    throw new NetworkException("host-local: failed to find address added by container " + s.containerId());
                }
            }
            case "static" -> {}
            default -> ExternalPlugin.invoke(s, "CHECK", ipam.type(), NetworkWriter.pluginConfig(s.list, index));
        }
    }
}
