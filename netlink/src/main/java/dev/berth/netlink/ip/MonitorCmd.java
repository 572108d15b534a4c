package dev.berth.netlink.ip;

import dev.berth.netlink.netns.NetNs;
import dev.berth.netlink.ops.Event;
import dev.berth.netlink.ops.Link;
import dev.berth.netlink.ops.Monitor;
import dev.berth.syscall.ErrnoException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code ip monitor [all|link|address|route|neigh|rule]...}: prints each event as {@code ip monitor}
 * does, the object's show line with {@code Deleted } in front of removals, until stopped.
 */
final class MonitorCmd {
    private MonitorCmd() {}

    static void run(Ctx c, Args a, long maxEvents) throws ErrnoException {
        Set<Monitor.Group> groups = EnumSet.noneOf(Monitor.Group.class);
        while (a.more()) {
            String w = a.next();
            if (w.equals("all")) {
                groups.addAll(EnumSet.allOf(Monitor.Group.class));
            } else if (Args.matches(w, "link")) {
                groups.add(Monitor.Group.LINK);
            } else if (Args.matches(w, "address")) {
                groups.add(Monitor.Group.ADDRESS);
            } else if (Args.matches(w, "route")) {
                groups.add(Monitor.Group.ROUTE);
            } else if (Args.matches(w, "neigh")) {
                groups.add(Monitor.Group.NEIGHBOUR);
            } else if (Args.matches(w, "rule")) {
                groups.add(Monitor.Group.RULE);
            } else {
                throw new UsageException("Argument \"" + w + "\" is unknown, try \"ip monitor help\".");
            }
        }
        if (groups.isEmpty()) {
            groups.addAll(EnumSet.allOf(Monitor.Group.class));
        }
        Monitor m;
        if (c.netns == null) {
            m = Monitor.open(groups);
        } else {
            try (NetNs ns = NetNs.named(c.netns)) {
                m = ns.monitor(groups);
            }
        }
        try (m) {
            Map<Integer, Link> names = new HashMap<>();
            for (Link l : c.rtnl().links().list()) {
                names.put(l.index(), l);
            }
            long seen = 0;
            while (seen < maxEvents) {
                for (Event e : m.next(-1)) {
                    print(c, e, names);
                    seen++;
                }
                c.out.flush();
            }
        }
    }

    private static void print(Ctx c, Event e, Map<Integer, Link> names) {
        Out o = new Out(c.json);
        Print.LinkIndex idx = new Print.LinkIndex(names);
        switch (e) {
            case Event.LinkEvent le -> {
                if (le.deleted()) {
                    names.remove(le.link().index());
                } else {
                    names.put(le.link().index(), le.link());
                }
                Print.link(o, le.link(), idx, le.deleted(), null, true, Print.Style.MONITOR);
            }
            case Event.AddressEvent ae -> {
                o.beginObject();
                if (ae.deleted()) {
                    o.flag("deleted", "Deleted ");
                }
                o.num("ifindex", "%s: ", ae.address().index());
                o.str("dev", "%s", idx.name(ae.address().index()));
                Print.address(o, ae.address());
                o.endObject();
            }
            case Event.RouteEvent re -> Print.route(o, re.route(), idx, re.deleted(), 0, true);
            case Event.NeighbourEvent ne -> Print.neighbour(o, ne.neighbour(), idx, ne.deleted(), true);
            case Event.RuleEvent ru -> Print.rule(o, ru.rule(), ru.deleted());
            case Event.Overrun ov -> o.text("berth ip monitor: events lost (ENOBUFS)\n");
            case Event.Other ot -> {
                return;
            }
        }
        String s = o.drain();
        c.out.print(c.json ? s + "\n" : s);
    }
}
