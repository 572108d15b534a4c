package dev.berth.specs.network;

import dev.berth.specs.internal.JsonPath;
import dev.berth.specs.internal.Syntax;
import dev.berth.specs.validate.Violation;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Validates a configuration list against the CNI spec and what the reference plugins that Berth's
 * built-in types imitate accept. Returns every violation, each with its JSON path in the list.
 */
public final class NetworkValidator {
    /** CNI spec versions. */
    public static final List<String> CNI_VERSIONS = List.of("0.1.0", "0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0");

    // CNI spec "Configuration format": the network name
    private static final Pattern NETWORK_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.\\-]*");
    // the type names an executable in CNI_PATH: no path separators
    private static final Pattern PLUGIN_TYPE = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.\\-]*");
    private static final List<String> MACVLAN_MODES = List.of("bridge", "private", "vepa", "passthru", "source");
    private static final List<String> IPVLAN_MODES = List.of("l2", "l3", "l3s");

    private final List<Violation> out = new ArrayList<>();

    private NetworkValidator() {}

    /** Every violation of {@code list}; empty when valid. */
    public static List<Violation> validate(NetworkConfigList list) {
        NetworkValidator v = new NetworkValidator();
        v.list(list);
        return List.copyOf(v.out);
    }

    private void add(String path, String message) {
        out.add(new Violation(path, message));
    }

    private static String q(String s) {
        return JsonPath.quote(s);
    }

    private void list(NetworkConfigList list) {
        if (list.cniVersion() == null) {
            add("cniVersion", "required");
        } else {
            version("cniVersion", list.cniVersion());
        }
        for (int i = 0; i < list.cniVersions().size(); i++) {
            version(JsonPath.index("cniVersions", i), list.cniVersions().get(i));
        }
        if (list.name() == null) {
            add("name", "required");
        } else if (!NETWORK_NAME.matcher(list.name()).matches()) {
            add("name", q(list.name()) + " is not a network name (letters, digits, \"_\", \".\" and \"-\", starting with a letter or digit)");
        }
        if (list.plugins().isEmpty()) {
            add("plugins", "must have at least one entry");
        }
        int interfacePlugin = -1;
        for (int i = 0; i < list.plugins().size(); i++) {
            CniPlugin p = list.plugins().get(i);
            String at = JsonPath.index("plugins", i);
            if (p.type() == null || p.type().isEmpty()) {
                add(JsonPath.field(at, "type"), "required");
                continue;
            }
            if (!PLUGIN_TYPE.matcher(p.type()).matches()) {
                add(JsonPath.field(at, "type"), q(p.type()) + " is not a plugin name (letters, digits, \"_\", \".\" and \"-\")");
            }
            // every plugin of a list gets the same CNI_IFNAME: two that create it would collide
            if (CniPlugin.INTERFACE_TYPES.contains(p.type())) {
                if (interfacePlugin >= 0) {
                    add(JsonPath.field(at, "type"), "a second interface plugin in one list: plugins[" + interfacePlugin
                            + "] (" + q(list.plugins().get(interfacePlugin).type()) + ") already creates the interface");
                } else {
                    interfacePlugin = i;
                }
            }
            if (p.builtIn()) {
                plugin(p, at);
            }
        }
    }

    private void version(String path, String version) {
        if (!Syntax.isSemver(version)) {
            add(path, q(version) + " is not a SemVer 2.0 version");
        } else if (!CNI_VERSIONS.contains(version)) {
            add(path, "unknown CNI version " + q(version) + " (known: " + String.join(", ", CNI_VERSIONS) + ")");
        }
    }

    private void plugin(CniPlugin p, String at) {
        interfaceName(JsonPath.field(at, "bridge"), p.bridge());
        interfaceName(JsonPath.field(at, "master"), p.master());
        if (p.mtu() != null && p.mtu() != 0 && (p.mtu() < 68 || p.mtu() > 65535)) {
            add(JsonPath.field(at, "mtu"), "must be 68 to 65535, or 0 for the default, got " + p.mtu());
        }
        if (p.vlan() != null && (p.vlan() < 0 || p.vlan() > 4094)) {
            add(JsonPath.field(at, "vlan"), "must be 0 to 4094, got " + p.vlan());
        }
        if (p.mode() != null) {
            List<String> modes = switch (p.type()) {
                case "macvlan" -> MACVLAN_MODES;
                case "ipvlan" -> IPVLAN_MODES;
                default -> null;
            };
            if (modes != null && !modes.contains(p.mode())) {
                add(JsonPath.field(at, "mode"), "unknown " + p.type() + " mode " + q(p.mode()) + " (expected " + String.join(", ", modes) + ")");
            }
        }
        if (p.ipam() != null) {
            ipam(p.ipam(), JsonPath.field(at, "ipam"));
        }
        if (p.dns() != null) {
            dns(p.dns(), JsonPath.field(at, "dns"));
        }
    }

    private void interfaceName(String path, String name) {
        if (name != null && !Syntax.isInterfaceName(name)) {
            add(path, Syntax.interfaceNameProblem(name));
        }
    }

    private void ipam(Ipam ipam, String at) {
        if (ipam.type() == null || ipam.type().isEmpty()) {
            add(JsonPath.field(at, "type"), "required");
            return;
        }
        if (!PLUGIN_TYPE.matcher(ipam.type()).matches()) {
            add(JsonPath.field(at, "type"), q(ipam.type()) + " is not a plugin name (letters, digits, \"_\", \".\" and \"-\")");
        }
        if (!ipam.builtIn()) {
            return;
        }
        if (ipam.type().equals("host-local")) {
            hostLocal(ipam, at);
        } else if (ipam.addresses().isEmpty()) {
            add(JsonPath.field(at, "addresses"), "must have at least one entry");
        }
        for (int i = 0; i < ipam.addresses().size(); i++) {
            staticAddress(ipam.addresses().get(i), JsonPath.index(JsonPath.field(at, "addresses"), i));
        }
        for (int i = 0; i < ipam.routes().size(); i++) {
            route(ipam.routes().get(i), JsonPath.index(JsonPath.field(at, "routes"), i));
        }
        if (ipam.dns() != null) {
            dns(ipam.dns(), JsonPath.field(at, "dns"));
        }
    }

    private record Span(String path, BigInteger first, BigInteger last, boolean ipv4) {}

    private void hostLocal(Ipam ipam, String at) {
        String rangesPath = JsonPath.field(at, "ranges");
        if (ipam.ranges().isEmpty()) {
            add(rangesPath, ipam.extra().containsKey("subnet")
                    ? "required: the legacy top-level \"subnet\" is not supported, put it in a range set"
                    : "must have at least one range set");
        }
        if (ipam.dataDir() != null && !Syntax.isAbsolute(ipam.dataDir())) {
            add(JsonPath.field(at, "dataDir"), "must be an absolute path");
        }
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < ipam.ranges().size(); i++) {
            List<Ipam.IpRange> set = ipam.ranges().get(i);
            String setPath = JsonPath.index(rangesPath, i);
            if (set.isEmpty()) {
                add(setPath, "must have at least one range");
            }
            Boolean family = null;
            for (int j = 0; j < set.size(); j++) {
                String rangePath = JsonPath.index(setPath, j);
                Span span = range(set.get(j), rangePath);
                if (span == null) {
                    continue;
                }
                if (family != null && family != span.ipv4()) {
                    add(JsonPath.field(rangePath, "subnet"), "a range set must be all IPv4 or all IPv6");
                }
                family = span.ipv4();
                for (Span other : spans) {
                    if (other.ipv4() == span.ipv4() && span.first().compareTo(other.last()) <= 0
                            && other.first().compareTo(span.last()) <= 0) {
                        add(rangePath, "overlaps " + other.path());
                    }
                }
                spans.add(span);
            }
        }
    }

    /** Checks a host-local range; returns the addresses it allocates from, or null when its subnet is unusable. */
    private Span range(Ipam.IpRange r, String at) {
        String subnetPath = JsonPath.field(at, "subnet");
        if (r.subnet() == null) {
            add(subnetPath, "required");
            return null;
        }
        IpPrefix subnet;
        try {
            subnet = IpPrefix.parse(r.subnet());
        } catch (IllegalArgumentException e) {
            add(subnetPath, q(r.subnet()) + " is not a subnet such as 198.18.0.0/24: it " + e.getMessage());
            return null;
        }
        boolean usable = true;
        if (subnet.hostBitsSet()) {
            add(subnetPath, q(r.subnet()) + " has host bits set (did you mean " + subnet.network() + "?)");
        }
        if (subnet.length() > subnet.bits() - 2) {
            add(subnetPath, q(r.subnet()) + " is too small to allocate from");
            usable = false;
        }
        InetAddress start = address(JsonPath.field(at, "rangeStart"), r.rangeStart(), subnet);
        InetAddress end = address(JsonPath.field(at, "rangeEnd"), r.rangeEnd(), subnet);
        address(JsonPath.field(at, "gateway"), r.gateway(), subnet);
        BigInteger first = start != null ? IpPrefix.toNumber(start) : subnet.first();
        BigInteger last = end != null ? IpPrefix.toNumber(end) : subnet.last();
        if (start != null && end != null && first.compareTo(last) > 0) {
            add(JsonPath.field(at, "rangeEnd"), q(r.rangeEnd()) + " is before rangeStart " + q(r.rangeStart()));
        }
        return usable ? new Span(at, first, last, subnet.isIpv4()) : null;
    }

    /** Parses an address that must lie in {@code subnet}; null when absent or invalid (reported). */
    private InetAddress address(String path, String text, IpPrefix subnet) {
        if (text == null) {
            return null;
        }
        InetAddress a;
        try {
            a = IpPrefix.parseAddress(text);
        } catch (IllegalArgumentException e) {
            add(path, q(text) + " is not an IP address");
            return null;
        }
        if (!subnet.contains(a)) {
            add(path, q(text) + " is not in " + subnet);
            return null;
        }
        return a;
    }

    private void staticAddress(Ipam.StaticAddress a, String at) {
        if (a.address() == null) {
            add(JsonPath.field(at, "address"), "required");
            return;
        }
        IpPrefix prefix;
        try {
            prefix = IpPrefix.parse(a.address());
        } catch (IllegalArgumentException e) {
            add(JsonPath.field(at, "address"), q(a.address()) + " is not an address with a prefix length such as 198.18.0.2/24: it " + e.getMessage());
            return;
        }
        address(JsonPath.field(at, "gateway"), a.gateway(), prefix);
    }

    private void route(Ipam.Route r, String at) {
        IpPrefix dst = null;
        if (r.dst() == null) {
            add(JsonPath.field(at, "dst"), "required");
        } else {
            try {
                dst = IpPrefix.parse(r.dst());
            } catch (IllegalArgumentException e) {
                add(JsonPath.field(at, "dst"), q(r.dst()) + " is not a destination such as 0.0.0.0/0: it " + e.getMessage());
            }
        }
        if (r.gw() != null) {
            try {
                InetAddress gw = IpPrefix.parseAddress(r.gw());
                if (dst != null && (gw instanceof java.net.Inet4Address) != dst.isIpv4()) {
                    add(JsonPath.field(at, "gw"), q(r.gw()) + " is not of the destination's address family");
                }
            } catch (IllegalArgumentException e) {
                add(JsonPath.field(at, "gw"), q(r.gw()) + " is not an IP address");
            }
        }
    }

    private void dns(Dns dns, String at) {
        for (int i = 0; i < dns.nameservers().size(); i++) {
            try {
                IpPrefix.parseAddress(dns.nameservers().get(i));
            } catch (IllegalArgumentException e) {
                add(JsonPath.index(JsonPath.field(at, "nameservers"), i), q(dns.nameservers().get(i)) + " is not an IP address");
            }
        }
    }
}
