package dev.berth.netlink.ip;

import static dev.berth.netlink.ip.Args.matches;

import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.ops.Link;
import dev.berth.netlink.ops.LinkChange;
import dev.berth.netlink.ops.NewLink;
import dev.berth.syscall.ErrnoException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code ip link}: add, delete, set, show. */
final class LinkCmd {
    private LinkCmd() {}

    static void run(Ctx c, Args a) throws ErrnoException {
        if (!a.more()) {
            show(c, a);
            return;
        }
        String verb = a.next();
        if (matches(verb, "add")) {
            add(c, a);
        } else if (matches(verb, "delete")) {
            delete(c, a);
        } else if (matches(verb, "set") || matches(verb, "change")) {
            set(c, a);
        } else if (matches(verb, "show") || matches(verb, "list") || matches(verb, "lst")) {
            show(c, a);
        } else {
            throw new UsageException("Command \"" + verb + "\" is unknown, try \"ip link help\".");
        }
    }

    private static void show(Ctx c, Args a) throws ErrnoException {
        String dev = null;
        String kind = null;
        boolean upOnly = false;
        while (a.more()) {
            String w = a.next();
            if (w.equals("dev")) {
                dev = a.value("dev");
            } else if (w.equals("up")) {
                upOnly = true;
            } else if (w.equals("type")) {
                kind = a.value("type");
            } else {
                dev = w;
            }
        }
        Print.LinkIndex idx = c.linkIndex();
        List<Link> links = new ArrayList<>(idx.byIndex().values());
        links.sort((x, y) -> Integer.compare(x.index(), y.index()));
        if (dev != null) {
            String d = dev;
            links.removeIf(l -> !d.equals(l.name()));
            if (links.isEmpty()) {
                throw new UsageException("Device \"" + dev + "\" does not exist.");
            }
        }
        Out o = new Out(c.json);
        o.beginArray(null);
        for (Link l : links) {
            if ((upOnly && !l.isUp()) || (kind != null && !kind.equals(l.kind()))) {
                continue;
            }
            Print.link(o, l, idx, false, null, true, Print.Style.LINK);
        }
        o.endArray();
        c.out.print(o.finish());
    }

    private static void delete(Ctx c, Args a) throws ErrnoException {
        String dev = null;
        while (a.more()) {
            String w = a.next();
            if (w.equals("dev")) {
                dev = a.value("dev");
            } else if (w.equals("type")) {
                a.value("type");
            } else {
                dev = w;
            }
        }
        if (dev == null) {
            throw new UsageException("Not enough information: \"dev\" argument is required.");
        }
        c.rtnl().links().delete(c.ifindex(dev));
    }

    private static void set(Ctx c, Args a) throws ErrnoException {
        String dev = null;
        LinkChange ch = LinkChange.of();
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "dev" -> dev = a.value("dev");
                case "up" -> ch.up();
                case "down" -> ch.down();
                case "mtu" -> ch.mtu(IpNames.number(a.value("mtu"), 0xffffffffL, "mtu"));
                case "name" -> ch.name(a.value("name"));
                case "address" -> ch.address(mac(a.value("address")));
                case "master" -> ch.master(c.ifindex(a.value("master")));
                case "nomaster" -> ch.noMaster();
                case "netns" -> ch.netns(c.netnsTarget(a.value("netns")));
                case "txqueuelen", "qlen", "txqlen" -> ch.txqlen(IpNames.number(a.value(w), 0xffffffffL, "txqueuelen"));
                case "alias" -> ch.alias(a.value("alias"));
                default -> {
                    if (dev != null) {
                        throw new UsageException("Error: either \"dev\" is duplicate, or \"" + w + "\" is a garbage.");
                    }
                    dev = w;
                }
            }
        }
        if (dev == null) {
            throw new UsageException("Not enough of information: \"dev\" argument is required.");
        }
        c.rtnl().links().set(c.ifindex(dev), ch);
    }

    private static byte[] mac(String s) {
        try {
            return Inet.parseMac(s);
        } catch (IllegalArgumentException e) {
            throw new UsageException("\"" + s + "\" is invalid lladdr.");
        }
    }

    private static void add(Ctx c, Args a) throws ErrnoException {
        String name = null;
        String parent = null;
        Integer mtu = null;
        byte[] address = null;
        Integer txqlen = null;
        boolean up = false;
        NewLink.Netns netns = null;
        String type = null;
        while (a.more() && type == null) {
            String w = a.next();
            switch (w) {
                case "link" -> parent = a.value("link");
                case "name", "dev" -> name = a.value(w);
                case "mtu" -> mtu = IpNames.number(a.value("mtu"), 0xffffffffL, "mtu");
                case "address" -> address = mac(a.value("address"));
                case "txqueuelen", "qlen", "txqlen" -> txqlen = IpNames.number(a.value(w), 0xffffffffL, "txqueuelen");
                case "up" -> up = true;
                case "netns" -> netns = c.netnsTarget(a.value("netns"));
                case "type" -> type = a.value("type");
                default -> {
                    if (name != null) {
                        throw new UsageException("Error: either \"dev\" is duplicate, or \"" + w + "\" is a garbage.");
                    }
                    name = w;
                }
            }
        }
        if (type == null) {
            throw new UsageException("Not enough information: \"type\" argument is required");
        }
        if (name == null) {
            throw new UsageException("Not enough information: \"name\" argument is required");
        }
        NewLink spec = switch (type) {
            case "veth" -> veth(c, name, a);
            case "bridge", "dummy", "ifb" -> NewLink.ofKind(name, type);
            case "vlan" -> vlan(name, parent, a);
            case "macvlan", "macvtap" -> macvlan(name, parent, a);
            case "ipvlan" -> ipvlan(name, parent, a);
            case "vxlan" -> vxlan(c, name, a);
            default -> NewLink.ofKind(name, type);
        };
        if (a.more()) {
            throw new UsageException("Error: argument \"" + a.peek() + "\" is not understood for type " + type + ".");
        }
        if (parent != null && !type.equals("vlan") && !type.startsWith("macv") && !type.equals("ipvlan")) {
            spec.parent(parent);
        }
        if (mtu != null) {
            spec.mtu(mtu);
        }
        if (address != null) {
            spec.address(address);
        }
        if (txqlen != null) {
            spec.txqlen(txqlen);
        }
        if (up) {
            spec.up();
        }
        if (netns != null) {
            spec.netns(netns);
        }
        if (spec.kind().equals("vlan") || spec.kind().startsWith("macv") || spec.kind().equals("ipvlan")) {
            if (parent == null) {
                throw new UsageException("Not enough information: \"link\" argument is required");
            }
            spec.parent(c.ifindex(parent));
        }
        c.rtnl().links().create(spec);
    }

    private static NewLink veth(Ctx c, String name, Args a) throws ErrnoException {
        if (!a.more()) {
            throw new UsageException("Not enough information: veth needs \"peer name NAME\"");
        }
        if (!a.accept("peer")) {
            throw new UsageException("Error: argument \"" + a.peek() + "\" is not understood for type veth.");
        }
        String peer = null;
        NewLink.Netns peerNs = null;
        byte[] peerMac = null;
        Integer peerMtu = null;
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "name", "dev" -> peer = a.value(w);
                case "netns" -> peerNs = c.netnsTarget(a.value("netns"));
                case "address" -> peerMac = mac(a.value("address"));
                case "mtu" -> peerMtu = IpNames.number(a.value("mtu"), 0xffffffffL, "mtu");
                default -> peer = w;
            }
        }
        if (peer == null) {
            throw new UsageException("Not enough information: veth needs \"peer name NAME\"");
        }
        NewLink l = NewLink.veth(name, peer);
        if (peerNs != null) {
            l.peerNetns(peerNs);
        }
        if (peerMac != null) {
            l.peerAddress(peerMac);
        }
        if (peerMtu != null) {
            l.peerMtu(peerMtu);
        }
        return l;
    }

    private static NewLink vlan(String name, String parent, Args a) {
        Integer id = null;
        while (a.more()) {
            String w = a.next();
            if (w.equals("id")) {
                id = IpNames.number(a.value("id"), 4094, "id");
            } else {
                throw new UsageException("Error: argument \"" + w + "\" is not understood for type vlan.");
            }
        }
        if (id == null) {
            throw new UsageException("8021q: VLAN properties not specified.");
        }
        return NewLink.vlan(name, parent == null ? "" : parent, id);
    }

    private static NewLink macvlan(String name, String parent, Args a) {
        NewLink.MacvlanMode mode = NewLink.MacvlanMode.VEPA;
        while (a.more()) {
            String w = a.next();
            if (w.equals("mode")) {
                String m = a.value("mode");
                try {
                    mode = NewLink.MacvlanMode.valueOf(m.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("Error: argument of \"mode\" must be \"private\", \"vepa\", \"bridge\", "
                            + "\"passthru\" or \"source\"");
                }
            } else {
                throw new UsageException("Error: argument \"" + w + "\" is not understood for type macvlan.");
            }
        }
        return NewLink.macvlan(name, parent == null ? "" : parent, mode);
    }

    private static NewLink ipvlan(String name, String parent, Args a) {
        NewLink.IpvlanMode mode = NewLink.IpvlanMode.L3;
        int flags = 0;
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "mode" -> {
                    String m = a.value("mode");
                    try {
                        mode = NewLink.IpvlanMode.valueOf(m.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("Error: argument of \"mode\" must be either \"l2\", \"l3\" or \"l3s\"");
                    }
                }
                case "bridge" -> flags = 0;
                case "private" -> flags = dev.berth.netlink.codec.Ifla.IPVLAN_F_PRIVATE;
                case "vepa" -> flags = dev.berth.netlink.codec.Ifla.IPVLAN_F_VEPA;
                default -> throw new UsageException("Error: argument \"" + w + "\" is not understood for type ipvlan.");
            }
        }
        return NewLink.ipvlan(name, parent == null ? "" : parent, mode).ipvlanFlags(flags);
    }

    private static NewLink vxlan(Ctx c, String name, Args a) throws ErrnoException {
        Integer vni = null;
        NewLink l = NewLink.vxlan(name, 0);
        String dev = null;
        Integer port = null;
        byte[] remote = null;
        byte[] local = null;
        Integer ttl = null;
        boolean learning = true;
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "id", "vni" -> vni = IpNames.number(a.value(w), 0xffffff, "id");
                case "dev" -> dev = a.value("dev");
                case "dstport" -> port = IpNames.number(a.value("dstport"), 0xffff, "dstport");
                case "remote", "group" -> remote = addr(a.value(w));
                case "local" -> local = addr(a.value("local"));
                case "ttl", "hoplimit" -> ttl = IpNames.number(a.value(w), 255, "ttl");
                case "learning" -> learning = true;
                case "nolearning" -> learning = false;
                default -> throw new UsageException("Error: argument \"" + w + "\" is not understood for type vxlan.");
            }
        }
        if (vni == null) {
            throw new UsageException("vxlan: missing virtual network identifier");
        }
        l = NewLink.vxlan(name, vni);
        if (dev != null) {
            l.parent(c.ifindex(dev));
        }
        if (remote != null) {
            l.remote(remote);
        }
        if (local != null) {
            l.local(local);
        }
        if (ttl != null) {
            l.ttl(ttl);
        }
        l.learning(learning);
        if (port != null) {
            l.port(port);
        }
        return l;
    }

    static byte[] addr(String s) {
        try {
            return Inet.parse(s);
        } catch (IllegalArgumentException e) {
            throw new UsageException("Error: an inet address is expected rather than \"" + s + "\".");
        }
    }
}
