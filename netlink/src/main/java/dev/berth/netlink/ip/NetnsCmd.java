package dev.berth.netlink.ip;

import static dev.berth.netlink.ip.Args.matches;

import dev.berth.netlink.netns.NetNs;
import dev.berth.syscall.ErrnoException;

/**
 * {@code ip netns}: add, delete, list. {@code exec} is not offered: {@code ip netns exec} also enters a
 * new mount namespace, remounts {@code /sys} and binds {@code /etc/netns/NAME} files, which belongs to the
 * runtime's spawn engine, not to a netlink tool. ids ({@code (id: N)}) are not shown.
 */
final class NetnsCmd {
    private NetnsCmd() {}

    static void run(Ctx c, Args a) throws ErrnoException {
        if (!a.more()) {
            list(c);
            return;
        }
        String verb = a.next();
        if (matches(verb, "add")) {
            String name = a.value("add");
            try {
                NetNs.add(name);
            } catch (ErrnoException e) {
                throw new UsageException("Cannot create namespace \"" + name + "\": " + e.getMessage());
            }
        } else if (matches(verb, "delete")) {
            String name = a.value("delete");
            try {
                NetNs.delete(name);
            } catch (ErrnoException e) {
                throw new UsageException("Cannot remove namespace \"" + name + "\": " + e.getMessage());
            }
        } else if (matches(verb, "list") || matches(verb, "show")) {
            list(c);
        } else if (verb.equals("exec")) {
            throw new UsageException("berth ip netns exec is not supported; use berth sandbox or nsenter --net=/run/netns/NAME");
        } else {
            throw new UsageException("Command \"" + verb + "\" is unknown, try \"ip netns help\".");
        }
    }

    private static void list(Ctx c) throws ErrnoException {
        Out o = new Out(c.json);
        o.beginArray(null);
        for (String name : NetNs.list()) {
            o.beginObject();
            o.str("name", "%s\n", name);
            o.endObject();
        }
        o.endArray();
        c.out.print(o.finish());
    }
}
