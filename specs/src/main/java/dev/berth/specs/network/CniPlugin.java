package dev.berth.specs.network;

import dev.berth.specs.internal.Immutable;
import java.util.List;
import java.util.Map;

/**
 * One plugin of a configuration list. For the types Berth executes itself ({@link #BUILT_IN}) the typed
 * fields are read; for any other type only {@code type} is, and the rest stays in {@code extra} so the
 * external plugin gets its configuration verbatim. Typed fields are null when absent.
 *
 * @param type plugin type, which is also the external plugin's file name; null when absent
 * @param bridge bridge: name of the bridge ({@code cni0} when absent)
 * @param isGateway bridge: give the bridge the gateway address
 * @param isDefaultGateway bridge: also route the container's default route through it
 * @param forceAddress bridge: replace a different address on the bridge
 * @param ipMasq bridge, ptp: masquerade traffic leaving the subnet
 * @param hairpinMode bridge: let traffic leave and re-enter through the same port
 * @param promiscMode bridge: put the bridge in promiscuous mode
 * @param mtu link MTU, 0 or absent for the default
 * @param vlan bridge: VLAN id of the container's port
 * @param master macvlan, ipvlan: the parent interface
 * @param mode macvlan: {@code bridge}, {@code private}, {@code vepa}, {@code passthru}, {@code source};
 *     ipvlan: {@code l2}, {@code l3}, {@code l3s}
 * @param ipam address management, null when absent
 * @param dns DNS settings, null when absent
 * @param extra keys Berth does not interpret, as written
 */
public record CniPlugin(
        String type,
        String bridge,
        Boolean isGateway,
        Boolean isDefaultGateway,
        Boolean forceAddress,
        Boolean ipMasq,
        Boolean hairpinMode,
        Boolean promiscMode,
        Integer mtu,
        Integer vlan,
        String master,
        String mode,
        Ipam ipam,
        Dns dns,
        Map<String, RawJson> extra) {

    /** Plugin types Berth executes itself, like the reference CNI plugins of the same names. */
    public static final List<String> BUILT_IN = List.of("bridge", "ptp", "macvlan", "ipvlan", "loopback");

    /** Plugin types that create the container's interface: a list can have only one of them. */
    public static final List<String> INTERFACE_TYPES =
            List.of("bridge", "ptp", "macvlan", "ipvlan", "vlan", "host-device", "ipoib", "dummy", "tap");

    public CniPlugin {
        extra = Immutable.map(extra);
    }

    /** An external plugin: its type and everything else verbatim. */
    public static CniPlugin external(String type, Map<String, RawJson> config) {
        return new CniPlugin(type, null, null, null, null, null, null, null, null, null, null, null, null, null, config);
    }

    /** Whether Berth executes this type itself. */
    public boolean builtIn() {
        return type != null && BUILT_IN.contains(type);
    }
}
