package dev.berth.netlink.ip;

import dev.berth.netlink.netns.NetNs;
import dev.berth.netlink.ops.Link;
import dev.berth.netlink.ops.NewLink;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.syscall.ErrnoException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What every {@code berth ip} command needs: options, output, and a netlink connection opened on first use. */
final class Ctx implements AutoCloseable {
    final boolean json;
    final int family;
    final String netns;
    final PrintStream out;
    private Rtnl rtnl;
    private final List<NetNs> handles = new ArrayList<>();

    Ctx(boolean json, int family, String netns, PrintStream out) {
        this.json = json;
        this.family = family;
        this.netns = netns;
        this.out = out;
    }

    /** The connection, in the namespace of {@code -n NAME} or the calling thread's. */
    Rtnl rtnl() throws ErrnoException {
        if (rtnl == null) {
            if (netns == null) {
                rtnl = Rtnl.open();
            } else {
                try (NetNs ns = openNetns(netns)) {
                    rtnl = ns.rtnl();
                }
            }
        }
        return rtnl;
    }

    private static NetNs openNetns(String name) throws ErrnoException {
        try {
            return NetNs.named(name);
        } catch (ErrnoException e) {
            throw new UsageException("Cannot open network namespace \"" + name + "\": " + dev.berth.syscall.Errno.message(
                    e.errno()));
        }
    }

    /** Every link by index. */
    Print.LinkIndex linkIndex() throws ErrnoException {
        return linkIndex(0);
    }

    /** Every link by index, dumped for address family {@code family} as {@code ip} does. */
    Print.LinkIndex linkIndex(int family) throws ErrnoException {
        Map<Integer, Link> m = new HashMap<>();
        for (Link l : rtnl().links().list(family)) {
            m.put(l.index(), l);
        }
        return new Print.LinkIndex(m);
    }

    /** The index of device {@code name}; a usage error as {@code ip} words it when there is none. */
    int ifindex(String name) throws ErrnoException {
        Optional<Link> l = rtnl().links().find(name);
        if (l.isEmpty()) {
            throw new UsageException("Cannot find device \"" + name + "\"");
        }
        return l.get().index();
    }

    /** {@code netns NAME|PID} as a target: a named namespace (held open until the command ends) or a pid. */
    NewLink.Netns netnsTarget(String word) throws ErrnoException {
        if (!word.isEmpty() && word.chars().allMatch(Character::isDigit)) {
            return NewLink.Netns.pid(Integer.parseInt(word));
        }
        NetNs ns = openNetns(word);
        handles.add(ns);
        return ns.target();
    }

    @Override
    public void close() throws ErrnoException {
        ErrnoException first = null;
        for (NetNs h : handles) {
            try {
                h.close();
            } catch (ErrnoException e) {
                first = first == null ? e : first;
            }
        }
        if (rtnl != null) {
            rtnl.close();
        }
        if (first != null) {
            throw first;
        }
    }
}
