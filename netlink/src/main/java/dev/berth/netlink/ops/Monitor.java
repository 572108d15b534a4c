package dev.berth.netlink.ops;

import dev.berth.netlink.client.NetlinkClient;
import dev.berth.netlink.codec.Message;
import dev.berth.netlink.codec.Rtm;
import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Change events from the kernel ({@code ip monitor}): a netlink socket subscribed to rtnetlink
 * multicast groups, whose notifications are delivered parsed as {@link Event}s. Not thread-safe.
 */
public final class Monitor implements AutoCloseable {
    /** What to watch; each is one or two {@code RTNLGRP_*} groups. */
    public enum Group {
        LINK(Rtm.RTNLGRP_LINK),
        ADDRESS(Rtm.RTNLGRP_IPV4_IFADDR, Rtm.RTNLGRP_IPV6_IFADDR),
        ROUTE(Rtm.RTNLGRP_IPV4_ROUTE, Rtm.RTNLGRP_IPV6_ROUTE),
        NEIGHBOUR(Rtm.RTNLGRP_NEIGH),
        RULE(Rtm.RTNLGRP_IPV4_RULE, Rtm.RTNLGRP_IPV6_RULE);

        final int[] groups;

        Group(int... groups) {
            this.groups = groups;
        }
    }

    private final NetlinkClient client;

    private Monitor(NetlinkClient client) {
        this.client = client;
    }

    /** Watches {@code groups} in the calling thread's network namespace. */
    public static Monitor open(Set<Group> groups) throws ErrnoException {
        NetlinkClient c = NetlinkClient.open();
        try {
            return over(c, groups);
        } catch (ErrnoException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Watches {@code groups} on {@code client} (opened in any namespace), which this takes over. */
    public static Monitor over(NetlinkClient client, Set<Group> groups) throws ErrnoException {
        for (Group g : groups) {
            client.subscribe(g.groups);
        }
        return new Monitor(client);
    }

    /**
     * The events of the next notification datagram, waiting at most {@code timeoutMillis} (-1 forever);
     * empty on timeout. A lost-events condition comes back as {@link Event.Overrun}.
     */
    public List<Event> next(int timeoutMillis) throws ErrnoException {
        List<Message> messages;
        try {
            messages = client.receive(timeoutMillis);
        } catch (ErrnoException e) {
            if (e.is(Errno.ENOBUFS)) {
                return List.of(new Event.Overrun());
            }
            throw e;
        }
        List<Event> out = new ArrayList<>(messages.size());
        for (Message m : messages) {
            out.add(Event.of(m));
        }
        return out;
    }

    public NetlinkClient client() {
        return client;
    }

    @Override
    public void close() throws ErrnoException {
        client.close();
    }
}
