package dev.berth.netlink.ip;

import dev.berth.netlink.codec.Nda;
import dev.berth.netlink.codec.Rta;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names {@code ip} prints and accepts for numbers: scopes, protocols and tables as in
 * {@code /etc/iproute2/rt_scopes}, {@code rt_protos}, {@code rt_tables}; route types; link types;
 * neighbour states. Only iproute2's built-in names: local additions to those files are not read.
 */
final class IpNames {
    private IpNames() {}

    private static final Map<Integer, String> SCOPES = Map.of(0, "global", 200, "site", 253, "link", 254, "host",
            255, "nowhere");
    private static final Map<Integer, String> PROTOS = Map.ofEntries(Map.entry(0, "unspec"), Map.entry(1, "redirect"),
            Map.entry(2, "kernel"), Map.entry(3, "boot"), Map.entry(4, "static"), Map.entry(8, "gated"),
            Map.entry(9, "ra"), Map.entry(10, "mrt"), Map.entry(11, "zebra"), Map.entry(12, "bird"),
            Map.entry(13, "dnrouted"), Map.entry(14, "xorp"), Map.entry(15, "ntk"), Map.entry(16, "dhcp"),
            Map.entry(18, "keepalived"), Map.entry(42, "babel"), Map.entry(99, "openr"), Map.entry(186, "bgp"),
            Map.entry(187, "isis"), Map.entry(188, "ospf"), Map.entry(189, "rip"), Map.entry(192, "eigrp"));
    private static final Map<Integer, String> TABLES = Map.of(0, "unspec", 253, "default", 254, "main", 255, "local");
    private static final String[] RTN = {"none", "unicast", "local", "broadcast", "anycast", "multicast", "blackhole",
        "unreachable", "prohibit", "throw", "nat", "xresolve"};
    private static final Map<Integer, String> LINK_TYPES = Map.ofEntries(Map.entry(0, "netrom"), Map.entry(1, "ether"),
            Map.entry(24, "ieee1394"), Map.entry(32, "infiniband"), Map.entry(256, "slip"), Map.entry(512, "ppp"),
            Map.entry(768, "ipip"), Map.entry(769, "tunnel6"), Map.entry(772, "loopback"), Map.entry(776, "sit"),
            Map.entry(778, "gre"), Map.entry(801, "ieee802.11"), Map.entry(823, "gre6"), Map.entry(824, "netlink"),
            Map.entry(825, "6lowpan"), Map.entry(65534, "none"), Map.entry(65535, "void"));

    static String scope(int scope) {
        return SCOPES.getOrDefault(scope, Integer.toString(scope));
    }

    static String protocol(int proto) {
        return PROTOS.getOrDefault(proto, Integer.toString(proto));
    }

    static String table(long table) {
        return TABLES.getOrDefault((int) table, Long.toString(table));
    }

    static String routeType(int type) {
        return type >= 0 && type < RTN.length ? RTN[type] : Integer.toString(type);
    }

    static String linkType(int type) {
        return LINK_TYPES.getOrDefault(type, "[" + type + "]");
    }

    static String family(int family) {
        return switch (family) {
            case 2 -> "inet";
            case 10 -> "inet6";
            case 7 -> "bridge";
            case 17 -> "link";
            default -> "?";
        };
    }

    static int parseScope(String s) {
        for (var e : SCOPES.entrySet()) {
            if (e.getValue().equals(s)) {
                return e.getKey();
            }
        }
        return number(s, 255, "scope");
    }

    static int parseProtocol(String s) {
        for (var e : PROTOS.entrySet()) {
            if (e.getValue().equals(s)) {
                return e.getKey();
            }
        }
        return number(s, 255, "protocol");
    }

    static int parseTable(String s) {
        for (var e : TABLES.entrySet()) {
            if (e.getValue().equals(s)) {
                return e.getKey();
            }
        }
        return (int) numberLong(s, 0xffffffffL, "table");
    }

    static int parseRouteType(String s) {
        for (int i = 1; i < RTN.length; i++) {
            if (RTN[i].equals(s)) {
                return i;
            }
        }
        return -1;
    }

    private static final int[] NUD_BITS = {Nda.NUD_INCOMPLETE, Nda.NUD_REACHABLE, Nda.NUD_STALE, Nda.NUD_DELAY,
        Nda.NUD_PROBE, Nda.NUD_FAILED, Nda.NUD_NOARP, Nda.NUD_PERMANENT};
    private static final String[] NUD_NAMES = {"INCOMPLETE", "REACHABLE", "STALE", "DELAY", "PROBE", "FAILED", "NOARP",
        "PERMANENT"};

    /** The names of the {@code NUD_*} bits in {@code state}, or {@code NONE}. */
    static List<String> nudStates(int state) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < NUD_BITS.length; i++) {
            if ((state & NUD_BITS[i]) != 0) {
                out.add(NUD_NAMES[i]);
            }
        }
        if (out.isEmpty()) {
            out.add("NONE");
        }
        return out;
    }

    static int parseNud(String s) {
        String u = s.toUpperCase(Locale.ROOT);
        if (u.equals("NONE")) {
            return Nda.NUD_NONE;
        }
        if (u.equals("ALL")) {
            return 0xff;
        }
        for (int i = 0; i < NUD_NAMES.length; i++) {
            if (NUD_NAMES[i].equals(u)) {
                return NUD_BITS[i];
            }
        }
        return number(s, 0xffff, "nud state");
    }

    static int number(String s, long max, String what) {
        return (int) numberLong(s, max, what);
    }

    static long numberLong(String s, long max, String what) {
        try {
            long v = s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
            if (v < 0 || v > max) {
                throw new UsageException("Error: argument \"" + s + "\" is wrong: invalid " + what);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("Error: argument \"" + s + "\" is wrong: invalid " + what);
        }
    }

    /** Table ids below 256 travel in the header; {@link Rta#RT_TABLE_MAIN} is the default. */
    static boolean isMain(long table) {
        return table == Rta.RT_TABLE_MAIN;
    }
}
