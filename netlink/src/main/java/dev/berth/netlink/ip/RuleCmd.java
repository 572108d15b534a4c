package dev.berth.netlink.ip;

import static dev.berth.netlink.ip.Args.matches;

import dev.berth.netlink.codec.Fra;
import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.codec.Rta;
import dev.berth.netlink.ops.Rule;
import dev.berth.netlink.ops.RuleSpec;
import dev.berth.syscall.ErrnoException;

/** {@code ip rule}: add, delete, show. */
final class RuleCmd {
    private RuleCmd() {}

    static void run(Ctx c, Args a) throws ErrnoException {
        if (!a.more()) {
            show(c);
            return;
        }
        String verb = a.next();
        if (matches(verb, "add")) {
            modify(c, a, true);
        } else if (matches(verb, "delete")) {
            modify(c, a, false);
        } else if (matches(verb, "show") || matches(verb, "list") || matches(verb, "lst")) {
            show(c);
        } else {
            throw new UsageException("Command \"" + verb + "\" is unknown, try \"ip rule help\".");
        }
    }

    private static Inet.Prefix prefix(String s) {
        try {
            return Inet.Prefix.parse(s);
        } catch (IllegalArgumentException e) {
            throw new UsageException("Error: an inet prefix is expected rather than \"" + s + "\".");
        }
    }

    private static void modify(Ctx c, Args a, boolean add) throws ErrnoException {
        if (!a.more()) {
            throw new UsageException("\"ip rule " + (add ? "add" : "del") + "\" requires arguments.");
        }
        int family = c.family == 0 ? 2 : c.family;
        Inet.Prefix from = null;
        Inet.Prefix to = null;
        RuleSpec spec = null;
        Integer table = null;
        Long pref = null;
        String iif = null;
        String oif = null;
        Integer fwmark = null;
        Integer action = null;
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "from" -> {
                    String v = a.value("from");
                    if (!v.equals("all")) {
                        from = prefix(v);
                        family = from.family();
                    }
                }
                case "to" -> {
                    String v = a.value("to");
                    if (!v.equals("all")) {
                        to = prefix(v);
                        family = to.family();
                    }
                }
                case "table", "lookup" -> table = IpNames.parseTable(a.value(w));
                case "pref", "preference", "priority", "order" -> pref = IpNames.numberLong(a.value(w), 0xffffffffL, "preference");
                case "iif", "dev" -> iif = a.value(w);
                case "oif" -> oif = a.value("oif");
                case "fwmark" -> fwmark = (int) IpNames.numberLong(a.value("fwmark"), 0xffffffffL, "fwmark");
                case "blackhole" -> action = Fra.FR_ACT_BLACKHOLE;
                case "unreachable" -> action = Fra.FR_ACT_UNREACHABLE;
                case "prohibit" -> action = Fra.FR_ACT_PROHIBIT;
                default -> throw new UsageException("Error: argument \"" + w + "\" is not understood by berth ip rule.");
            }
        }
        spec = RuleSpec.of(family);
        if (from != null) {
            spec.from(from);
        }
        if (to != null) {
            spec.to(to);
        }
        if (iif != null) {
            spec.iif(iif);
        }
        if (oif != null) {
            spec.oif(oif);
        }
        if (fwmark != null) {
            spec.fwmark(fwmark);
        }
        if (pref != null) {
            spec.priority(pref);
        }
        if (action != null) {
            spec.action(action);
        } else if (!add) {
            spec.action(Fra.FR_ACT_UNSPEC);
        }
        if (table != null) {
            spec.table(table);
        } else if (add && action == null) {
            spec.table(Rta.RT_TABLE_MAIN);
        }
        if (add) {
            c.rtnl().rules().add(spec);
        } else {
            c.rtnl().rules().delete(spec);
        }
    }

    private static void show(Ctx c) throws ErrnoException {
        Out o = new Out(c.json);
        o.beginArray(null);
        for (Rule r : c.rtnl().rules().list(c.family == 0 ? 2 : c.family)) {
            Print.rule(o, r, false);
        }
        o.endArray();
        c.out.print(o.finish());
    }
}
