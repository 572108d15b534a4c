package dev.berth.netlink.ip;

import static dev.berth.netlink.ip.Args.matches;

import dev.berth.netlink.codec.Ifa;
import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.ops.Address;
import dev.berth.netlink.ops.Link;
import dev.berth.netlink.ops.NewAddress;
import dev.berth.syscall.ErrnoException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code ip addr}: add, replace, delete, flush, show. */
final class AddrCmd {
    private AddrCmd() {}

    static void run(Ctx c, Args a) throws ErrnoException {
        if (!a.more()) {
            show(c, a);
            return;
        }
        String verb = a.next();
        if (matches(verb, "add")) {
            modify(c, a, false);
        } else if (matches(verb, "replace") || matches(verb, "change")) {
            modify(c, a, true);
        } else if (matches(verb, "delete")) {
            delete(c, a);
        } else if (matches(verb, "flush")) {
            flush(c, a);
        } else if (matches(verb, "show") || matches(verb, "list") || matches(verb, "lst")) {
            show(c, a);
        } else {
            throw new UsageException("Command \"" + verb + "\" is unknown, try \"ip address help\".");
        }
    }

    private static Inet.Prefix prefix(String s) {
        try {
            return Inet.Prefix.parse(s);
        } catch (IllegalArgumentException e) {
            throw new UsageException("Error: any valid prefix is expected rather than \"" + s + "\".");
        }
    }

    private static void modify(Ctx c, Args a, boolean replace) throws ErrnoException {
        String dev = null;
        NewAddress na = null;
        String label = null;
        byte[] peer = null;
        String brd = null;
        Integer scope = null;
        int flags = 0;
        Integer metric = null;
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "dev" -> dev = a.value("dev");
                case "peer", "remote" -> peer = LinkCmd.addr(a.value(w).split("/")[0]);
                case "broadcast", "brd" -> brd = a.value(w);
                case "label" -> label = a.value("label");
                case "scope" -> scope = IpNames.parseScope(a.value("scope"));
                case "nodad" -> flags |= Ifa.IFA_F_NODAD;
                case "noprefixroute" -> flags |= Ifa.IFA_F_NOPREFIXROUTE;
                case "home" -> flags |= Ifa.IFA_F_HOMEADDRESS;
                case "mngtmpaddr" -> flags |= Ifa.IFA_F_MANAGETEMPADDR;
                case "autojoin" -> flags |= Ifa.IFA_F_MCAUTOJOIN;
                case "metric", "priority", "preference" -> metric = IpNames.number(a.value(w), 0xffffffffL, "metric");
                case "valid_lft", "preferred_lft" -> {
                    if (!a.value(w).equals("forever")) {
                        throw new UsageException("berth ip: only \"" + w + " forever\" is supported");
                    }
                }
                case "local" -> na = NewAddress.of(prefix(a.value("local")));
                default -> {
                    if (na != null) {
                        throw new UsageException("Error: either \"local\" is duplicate, or \"" + w + "\" is a garbage.");
                    }
                    na = NewAddress.of(prefix(w));
                }
            }
        }
        if (dev == null) {
            throw new UsageException("Not enough information: \"dev\" argument is required.");
        }
        if (na == null) {
            throw new UsageException("Not enough information: an address is required.");
        }
        if (peer != null) {
            na.peer(peer);
        }
        if (brd != null) {
            if (brd.equals("+")) {
                na.broadcastAuto();
            } else if (!brd.equals("-")) {
                na.broadcast(LinkCmd.addr(brd));
            }
        }
        if (label != null) {
            na.label(label);
        }
        if (scope != null) {
            na.scope(scope);
        }
        if (metric != null) {
            na.metric(metric);
        }
        na.flags(flags);
        int index = c.ifindex(dev);
        if (replace) {
            c.rtnl().addresses().replace(index, na);
        } else {
            c.rtnl().addresses().add(index, na);
        }
    }

    private static void delete(Ctx c, Args a) throws ErrnoException {
        String dev = null;
        Inet.Prefix p = null;
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "dev" -> dev = a.value("dev");
                case "local" -> p = prefix(a.value("local"));
                default -> p = prefix(w);
            }
        }
        if (dev == null) {
            throw new UsageException("Not enough information: \"dev\" argument is required.");
        }
        if (p == null) {
            throw new UsageException("Not enough information: an address is required.");
        }
        c.rtnl().addresses().delete(c.ifindex(dev), p);
    }

    private static void flush(Ctx c, Args a) throws ErrnoException {
        String dev = null;
        while (a.more()) {
            String w = a.next();
            dev = w.equals("dev") ? a.value("dev") : w;
        }
        if (dev == null) {
            throw new UsageException("Flush requires arguments.");
        }
        int index = c.ifindex(dev);
        for (Address x : c.rtnl().addresses().list(c.family, index)) {
            c.rtnl().addresses().delete(index, x.prefix());
        }
    }

    private static void show(Ctx c, Args a) throws ErrnoException {
        String dev = null;
        boolean upOnly = false;
        while (a.more()) {
            String w = a.next();
            if (w.equals("dev")) {
                dev = a.value("dev");
            } else if (w.equals("up")) {
                upOnly = true;
            } else {
                dev = w;
            }
        }
        Print.LinkIndex idx = c.linkIndex();
        List<Link> links;
        if (dev != null) {
            // as ip: one device is fetched with RTM_GETLINK, which answers with every attribute
            String d = dev;
            links = new ArrayList<>(idx.byIndex().values());
            links.removeIf(l -> !d.equals(l.name()));
            if (links.isEmpty()) {
                throw new UsageException("Device \"" + dev + "\" does not exist.");
            }
        } else {
            links = new ArrayList<>(c.family == 0 ? idx.byIndex().values() : c.linkIndex(c.family).byIndex().values());
            links.sort((x, y) -> Integer.compare(x.index(), y.index()));
        }
        Map<Integer, List<Address>> byLink = new HashMap<>();
        for (Address x : c.rtnl().addresses().list(c.family, 0)) {
            byLink.computeIfAbsent(x.index(), k -> new ArrayList<>()).add(x);
        }
        Out o = new Out(c.json);
        o.beginArray(null);
        for (Link l : links) {
            List<Address> addrs = byLink.getOrDefault(l.index(), List.of());
            if ((upOnly && !l.isUp()) || (c.family != 0 && addrs.isEmpty())) {
                continue;
            }
            Print.link(o, l, idx, false, addrs, c.family == 0, Print.Style.ADDR);
        }
        o.endArray();
        c.out.print(o.finish());
    }
}
