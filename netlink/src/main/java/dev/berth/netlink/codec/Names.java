package dev.berth.netlink.codec;

import java.util.StringJoiner;

/**
 * Kernel names for numbers that appear in messages, for error messages and printed output:
 * {@code RTM_NEWLINK}, {@code NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE}, {@code IFF_UP}.
 */
public final class Names {
    private Names() {}

    private static final String[] RTM = new String[128];

    static {
        String[] verbs = {"NEW", "DEL", "GET", "SET"};
        String[][] families = {{"LINK", "16"}, {"ADDR", "20"}, {"ROUTE", "24"}, {"NEIGH", "28"}, {"RULE", "32"},
            {"QDISC", "36"}, {"TCLASS", "40"}, {"TFILTER", "44"}, {"ACTION", "48"}, {"PREFIX", "52"},
            {"MULTICAST", "56"}, {"ANYCAST", "60"}, {"NEIGHTBL", "64"}, {"NDUSEROPT", "68"}, {"ADDRLABEL", "72"},
            {"DCB", "76"}, {"NETCONF", "80"}, {"MDB", "84"}, {"NSID", "88"}, {"STATS", "92"}, {"CACHEREPORT", "96"},
            {"CHAIN", "100"}, {"NEXTHOP", "104"}, {"LINKPROP", "108"}, {"VLAN", "112"}, {"NEXTHOPBUCKET", "116"},
            {"TUNNEL", "120"}};
        for (String[] f : families) {
            int base = Integer.parseInt(f[1]);
            for (int i = 0; i < 4; i++) {
                RTM[base + i] = "RTM_" + verbs[i] + f[0];
            }
        }
        RTM[Nl.NLMSG_NOOP] = "NLMSG_NOOP";
        RTM[Nl.NLMSG_ERROR] = "NLMSG_ERROR";
        RTM[Nl.NLMSG_DONE] = "NLMSG_DONE";
        RTM[Nl.NLMSG_OVERRUN] = "NLMSG_OVERRUN";
    }

    /** {@code RTM_NEWLINK}, {@code NLMSG_DONE}, or the number. */
    public static String messageType(int type) {
        String name = type >= 0 && type < RTM.length ? RTM[type] : null;
        return name != null ? name : Integer.toString(type);
    }

    /**
     * {@code nlmsg_flags} with the names that apply to the message type: the bits 0x100..0x800 mean
     * {@code NLM_F_ROOT|MATCH|ATOMIC} in GET requests, {@code REPLACE|EXCL|CREATE|APPEND} in NEW requests,
     * {@code NONREC|BULK} in DEL requests, and {@code CAPPED|ACK_TLVS} in errors.
     */
    public static String flags(int type, int flags) {
        StringJoiner j = new StringJoiner("|");
        int rest = flags;
        rest = bit(j, rest, Nl.NLM_F_REQUEST, "NLM_F_REQUEST");
        rest = bit(j, rest, Nl.NLM_F_MULTI, "NLM_F_MULTI");
        rest = bit(j, rest, Nl.NLM_F_ACK, "NLM_F_ACK");
        rest = bit(j, rest, Nl.NLM_F_ECHO, "NLM_F_ECHO");
        rest = bit(j, rest, Nl.NLM_F_DUMP_INTR, "NLM_F_DUMP_INTR");
        rest = bit(j, rest, Nl.NLM_F_DUMP_FILTERED, "NLM_F_DUMP_FILTERED");
        int verb = type >= Nl.NLMSG_MIN_TYPE ? type & 3 : -1;
        if (type == Nl.NLMSG_ERROR || type == Nl.NLMSG_DONE) {
            rest = bit(j, rest, Nl.NLM_F_CAPPED, "NLM_F_CAPPED");
            rest = bit(j, rest, Nl.NLM_F_ACK_TLVS, "NLM_F_ACK_TLVS");
        } else if (verb == 2) {
            rest = bit(j, rest, Nl.NLM_F_DUMP, "NLM_F_DUMP");
            rest = bit(j, rest, Nl.NLM_F_ROOT, "NLM_F_ROOT");
            rest = bit(j, rest, Nl.NLM_F_MATCH, "NLM_F_MATCH");
            rest = bit(j, rest, Nl.NLM_F_ATOMIC, "NLM_F_ATOMIC");
        } else if (verb == 1) {
            rest = bit(j, rest, Nl.NLM_F_NONREC, "NLM_F_NONREC");
            rest = bit(j, rest, Nl.NLM_F_BULK, "NLM_F_BULK");
        } else {
            rest = bit(j, rest, Nl.NLM_F_REPLACE, "NLM_F_REPLACE");
            rest = bit(j, rest, Nl.NLM_F_EXCL, "NLM_F_EXCL");
            rest = bit(j, rest, Nl.NLM_F_CREATE, "NLM_F_CREATE");
            rest = bit(j, rest, Nl.NLM_F_APPEND, "NLM_F_APPEND");
        }
        if (rest != 0) {
            j.add("0x" + Integer.toHexString(rest));
        }
        return j.length() == 0 ? "0" : j.toString();
    }

    private static int bit(StringJoiner j, int rest, int bit, String name) {
        if ((rest & bit) == bit) {
            j.add(name);
            return rest & ~bit;
        }
        return rest;
    }

    private static final int[] IFF_BITS = {Iff.IFF_UP, Iff.IFF_BROADCAST, Iff.IFF_DEBUG, Iff.IFF_LOOPBACK,
        Iff.IFF_POINTOPOINT, Iff.IFF_NOTRAILERS, Iff.IFF_RUNNING, Iff.IFF_NOARP, Iff.IFF_PROMISC, Iff.IFF_ALLMULTI,
        Iff.IFF_MASTER, Iff.IFF_SLAVE, Iff.IFF_MULTICAST, Iff.IFF_PORTSEL, Iff.IFF_AUTOMEDIA, Iff.IFF_DYNAMIC,
        Iff.IFF_LOWER_UP, Iff.IFF_DORMANT, Iff.IFF_ECHO};
    private static final String[] IFF_NAMES = {"UP", "BROADCAST", "DEBUG", "LOOPBACK", "POINTOPOINT", "NOTRAILERS",
        "RUNNING", "NOARP", "PROMISC", "ALLMULTI", "MASTER", "SLAVE", "MULTICAST", "PORTSEL", "AUTOMEDIA", "DYNAMIC",
        "LOWER_UP", "DORMANT", "ECHO"};

    /** The names of the {@code IFF_*} bits set in {@code flags}, without the prefix ({@code UP}), in bit order. */
    public static java.util.List<String> interfaceFlags(int flags) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < IFF_BITS.length; i++) {
            if ((flags & IFF_BITS[i]) != 0) {
                out.add(IFF_NAMES[i]);
            }
        }
        return out;
    }

    private static final String[] OPERSTATES = {"UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING",
        "DORMANT", "UP"};

    /** {@code IF_OPER_*} without the prefix, as {@code ip} prints it. */
    public static String operstate(int state) {
        return state >= 0 && state < OPERSTATES.length ? OPERSTATES[state] : Integer.toString(state);
    }
}
