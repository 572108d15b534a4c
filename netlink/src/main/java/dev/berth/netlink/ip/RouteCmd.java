package dev.berth.netlink.ip;

import static dev.berth.netlink.ip.Args.matches;

import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.codec.Rta;
import dev.berth.netlink.ops.Route;
import dev.berth.netlink.ops.RouteSpec;
import dev.berth.syscall.ErrnoException;
import java.util.List;

/** {@code ip route}: add, replace, delete, show. */
final class RouteCmd {
    private RouteCmd() {}

    static void run(Ctx c, Args a) throws ErrnoException {
        if (!a.more()) {
            show(c, a);
            return;
        }
        String verb = a.next();
        if (matches(verb, "add")) {
            modify(c, a, 0);
        } else if (matches(verb, "replace")) {
            modify(c, a, 1);
        } else if (matches(verb, "delete")) {
            modify(c, a, 2);
        } else if (matches(verb, "show") || matches(verb, "list") || matches(verb, "lst")) {
            show(c, a);
        } else {
            throw new UsageException("Command \"" + verb + "\" is unknown, try \"ip route help\".");
        }
    }

    /** {@code how}: 0 add, 1 replace, 2 delete. */
    private static void modify(Ctx c, Args a, int how) throws ErrnoException {
        String dst = null;
        int type = -1;
        byte[] gateway = null;
        String dev = null;
        Integer table = null;
        Long metric = null;
        Integer scope = null;
        Integer proto = null;
        byte[] src = null;
        boolean onlink = false;
        Integer mtu = null;
        java.util.List<RouteSpec.Hop> hops = new java.util.ArrayList<>();
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "via" -> {
                    String g = a.value("via");
                    if (g.equals("inet") || g.equals("inet6")) {
                        g = a.value("via");
                    }
                    gateway = LinkCmd.addr(g);
                }
                case "dev", "oif" -> dev = a.value(w);
                case "table" -> table = IpNames.parseTable(a.value("table"));
                case "metric", "priority", "preference" -> metric = IpNames.numberLong(a.value(w), 0xffffffffL, "metric");
                case "scope" -> scope = IpNames.parseScope(a.value("scope"));
                case "proto", "protocol" -> proto = IpNames.parseProtocol(a.value(w));
                case "src" -> src = LinkCmd.addr(a.value("src"));
                case "onlink" -> onlink = true;
                case "mtu" -> mtu = IpNames.number(a.value("mtu"), 0xffffffffL, "mtu");
                case "nexthop" -> hops.add(hop(a));
                case "to" -> dst = a.value("to");
                case "type" -> type = routeType(a.value("type"));
                default -> {
                    int t = IpNames.parseRouteType(w);
                    if (t > 0 && dst == null && type < 0) {
                        type = t;
                    } else if (dst == null) {
                        dst = w;
                    } else {
                        throw new UsageException("Error: either \"to\" is duplicate, or \"" + w + "\" is a garbage.");
                    }
                }
            }
        }
        if (dst == null) {
            throw new UsageException("Not enough information: a destination (\"default\" or a prefix) is required.");
        }
        RouteSpec spec;
        if (dst.equals("default") || dst.equals("all") || dst.equals("any")) {
            int family = c.family != 0 ? c.family : gateway != null ? Inet.family(gateway)
                    : !hops.isEmpty() && hops.get(0).gateway() != null ? Inet.family(hops.get(0).gateway()) : 2;
            spec = RouteSpec.defaultRoute(family);
        } else {
            try {
                spec = RouteSpec.to(dst);
            } catch (IllegalArgumentException e) {
                throw new UsageException("Error: any valid prefix is expected rather than \"" + dst + "\".");
            }
        }
        if (gateway != null) {
            spec.via(gateway);
        }
        if (dev != null) {
            spec.dev(c.ifindex(dev));
        }
        if (table != null) {
            spec.table(table);
        }
        if (metric != null) {
            spec.metric(metric);
        }
        if (scope != null) {
            spec.scope(scope);
        }
        if (proto != null) {
            spec.protocol(proto);
        }
        if (src != null) {
            spec.source(src);
        }
        if (onlink) {
            spec.onlink();
        }
        if (mtu != null) {
            spec.mtu(mtu);
        }
        if (type > 0) {
            spec.type(type);
        }
        for (RouteSpec.Hop h : hops) {
            spec.nexthop(h.dev() == null ? h : new RouteSpec.Hop(h.gateway(), null, c.ifindex(h.dev()), h.weight(),
                    h.flags()));
        }
        switch (how) {
            case 0 -> c.rtnl().routes().add(spec);
            case 1 -> c.rtnl().routes().replace(spec);
            default -> c.rtnl().routes().delete(spec);
        }
    }

    private static int routeType(String s) {
        int t = IpNames.parseRouteType(s);
        if (t < 0) {
            throw new UsageException("Error: \"" + s + "\" is not a valid route type.");
        }
        return t;
    }

    /** One {@code nexthop via GW dev DEV weight W [onlink]} group. */
    private static RouteSpec.Hop hop(Args a) {
        byte[] gw = null;
        String dev = null;
        int weight = 1;
        int flags = 0;
        while (a.more() && !a.peek().equals("nexthop")) {
            String w = a.next();
            switch (w) {
                case "via" -> gw = LinkCmd.addr(a.value("via"));
                case "dev" -> dev = a.value("dev");
                case "weight" -> {
                    weight = IpNames.number(a.value("weight"), 256, "weight");
                    if (weight == 0) {
                        throw new UsageException("Error: argument \"0\" is wrong: \"weight\" is invalid");
                    }
                }
                case "onlink" -> flags |= Rta.RTNH_F_ONLINK;
                default -> throw new UsageException("Error: argument \"" + w + "\" is not understood in a nexthop.");
            }
        }
        return new RouteSpec.Hop(gw, dev, 0, weight, flags);
    }

    private static void show(Ctx c, Args a) throws ErrnoException {
        long table = Rta.RT_TABLE_MAIN;
        String dev = null;
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "table" -> {
                    String t = a.value("table");
                    table = t.equals("all") ? 0 : IpNames.parseTable(t) & 0xffffffffL;
                }
                case "dev", "oif" -> dev = a.value(w);
                default -> throw new UsageException("Error: argument \"" + w + "\" is not supported by berth ip route show.");
            }
        }
        // as ip: IPv4 only unless -6 or "table all"
        int family = c.family != 0 ? c.family : table == 0 ? 0 : 2;
        Print.LinkIndex idx = c.linkIndex();
        int oif = dev == null ? 0 : c.ifindex(dev);
        List<Route> routes = c.rtnl().routes().list(family, (int) table);
        Out o = new Out(c.json);
        o.beginArray(null);
        for (Route r : routes) {
            if (oif != 0 && r.outputIndex() != oif) {
                continue;
            }
            Print.route(o, r, idx, false, table, oif == 0);
        }
        o.endArray();
        c.out.print(o.finish());
    }
}
