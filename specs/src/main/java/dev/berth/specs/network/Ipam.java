package dev.berth.specs.network;

import dev.berth.specs.internal.Immutable;
import java.util.List;
import java.util.Map;

/**
 * The {@code ipam} section of a plugin. For {@code host-local} and {@code static} the typed fields are
 * read; for any other type only {@code type} is, and everything else stays in {@code extra} for the
 * external IPAM plugin.
 *
 * @param type IPAM plugin type, null when absent
 * @param ranges host-local: range sets, each a list of ranges of one address family
 * @param routes routes to add in the container
 * @param dataDir host-local: where allocations are stored, null for the default
 * @param addresses static: addresses to assign
 * @param dns static: DNS settings, null when absent
 * @param extra keys Berth does not interpret, as written
 */
public record Ipam(String type, List<List<IpRange>> ranges, List<Route> routes, String dataDir,
        List<StaticAddress> addresses, Dns dns, Map<String, RawJson> extra) {

    /** IPAM types Berth executes itself. */
    public static final List<String> BUILT_IN = List.of("host-local", "static");

    public Ipam {
        ranges = ranges == null ? List.of() : ranges.stream().map(Immutable::list).toList();
        routes = Immutable.list(routes);
        addresses = Immutable.list(addresses);
        extra = Immutable.map(extra);
    }

    /** Whether Berth executes this IPAM type itself. */
    public boolean builtIn() {
        return type != null && BUILT_IN.contains(type);
    }

    /**
     * A host-local range.
     *
     * @param subnet CIDR the addresses come from
     * @param rangeStart first address to allocate, null for the subnet's first host
     * @param rangeEnd last address to allocate, null for the subnet's last host
     * @param gateway gateway address, null for the subnet's first host
     * @param extra keys Berth does not interpret
     */
    public record IpRange(String subnet, String rangeStart, String rangeEnd, String gateway, Map<String, RawJson> extra) {
        public IpRange {
            extra = Immutable.map(extra);
        }
    }

    /**
     * A route.
     *
     * @param dst destination CIDR
     * @param gw next hop, null for the default gateway
     * @param extra keys Berth does not interpret ({@code mtu}, {@code priority}...)
     */
    public record Route(String dst, String gw, Map<String, RawJson> extra) {
        public Route {
            extra = Immutable.map(extra);
        }
    }

    /**
     * A static address.
     *
     * @param address address with prefix length, such as {@code 198.18.0.2/24}
     * @param gateway gateway, null when absent
     * @param extra keys Berth does not interpret
     */
    public record StaticAddress(String address, String gateway, Map<String, RawJson> extra) {
        public StaticAddress {
            extra = Immutable.map(extra);
        }
    }
}
