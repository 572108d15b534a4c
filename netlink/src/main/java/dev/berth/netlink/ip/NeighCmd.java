package dev.berth.netlink.ip;

import static dev.berth.netlink.ip.Args.matches;

import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.codec.Nda;
import dev.berth.netlink.ops.Neighbour;
import dev.berth.syscall.ErrnoException;

/** {@code ip neigh}: add, replace, delete, show. */
final class NeighCmd {
    private NeighCmd() {}

    static void run(Ctx c, Args a) throws ErrnoException {
        if (!a.more()) {
            show(c, a);
            return;
        }
        String verb = a.next();
        if (matches(verb, "add")) {
            modify(c, a, 0);
        } else if (matches(verb, "replace") || matches(verb, "change")) {
            modify(c, a, 1);
        } else if (matches(verb, "delete")) {
            modify(c, a, 2);
        } else if (matches(verb, "show") || matches(verb, "list") || matches(verb, "lst")) {
            show(c, a);
        } else {
            throw new UsageException("Command \"" + verb + "\" is unknown, try \"ip neigh help\".");
        }
    }

    private static void modify(Ctx c, Args a, int how) throws ErrnoException {
        byte[] dst = null;
        byte[] lladdr = null;
        String dev = null;
        int state = Nda.NUD_PERMANENT;
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "lladdr" -> {
                    String m = a.value("lladdr");
                    try {
                        lladdr = Inet.parseMac(m);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("\"" + m + "\" is invalid lladdr.");
                    }
                }
                case "nud" -> state = IpNames.parseNud(a.value("nud"));
                case "dev" -> dev = a.value("dev");
                case "to" -> dst = LinkCmd.addr(a.value("to"));
                default -> dst = LinkCmd.addr(w);
            }
        }
        if (dst == null || dev == null) {
            throw new UsageException("Device and destination are required arguments.");
        }
        var ops = c.rtnl().neighbours();
        c.ifindex(dev);
        switch (how) {
            case 0 -> ops.add(dev, dst, lladdr, state);
            case 1 -> ops.replace(dev, dst, lladdr, state);
            default -> ops.delete(dev, dst);
        }
    }

    private static void show(Ctx c, Args a) throws ErrnoException {
        String dev = null;
        while (a.more()) {
            String w = a.next();
            dev = w.equals("dev") ? a.value("dev") : w;
        }
        Print.LinkIndex idx = c.linkIndex();
        int index = dev == null ? 0 : c.ifindex(dev);
        Out o = new Out(c.json);
        o.beginArray(null);
        for (Neighbour n : c.rtnl().neighbours().list(c.family, index)) {
            // ip's default filter leaves out NOARP entries (multicast, loopback)
            if ((n.state() & Nda.NUD_NOARP) != 0) {
                continue;
            }
            Print.neighbour(o, n, idx, false, index == 0);
        }
        o.endArray();
        c.out.print(o.finish());
    }
}
