package dev.berth.netlink.ops;

import dev.berth.netlink.client.NetlinkClient;
import dev.berth.netlink.codec.Attrs;
import dev.berth.netlink.codec.Message;
import dev.berth.netlink.codec.Nl;
import dev.berth.netlink.codec.Rta;
import dev.berth.netlink.codec.Rtm;
import dev.berth.netlink.codec.RtMsg;
import dev.berth.syscall.ErrnoException;
import java.util.ArrayList;
import java.util.List;

/** Routes ({@code ip route}): add, replace, delete, list by family and table. */
public final class Routes {
    private final NetlinkClient nl;
    private final Links links;

    Routes(NetlinkClient nl, Links links) {
        this.nl = nl;
        this.links = links;
    }

    /** {@code ip route add}: fails with {@code EEXIST} if the route exists. */
    public void add(RouteSpec route) throws ErrnoException {
        nl.request(request(route, Rtm.RTM_NEWROUTE, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL));
    }

    /** {@code ip route replace}: adds or replaces. */
    public void replace(RouteSpec route) throws ErrnoException {
        nl.request(request(route, Rtm.RTM_NEWROUTE, Nl.NLM_F_CREATE | Nl.NLM_F_REPLACE));
    }

    /** {@code ip route del}: unspecified fields match any route. */
    public void delete(RouteSpec route) throws ErrnoException {
        nl.request(request(route, Rtm.RTM_DELROUTE, 0));
    }

    /** The request {@link #add} sends, devices resolved; for batching with {@link NetlinkClient#requestAll}. */
    public Message request(RouteSpec route, int msgType, int nlFlags) throws ErrnoException {
        int oif = route.devName() == null ? 0 : links.index(route.devName());
        int[] hops = new int[route.hops().size()];
        for (int i = 0; i < hops.length; i++) {
            String dev = route.hops().get(i).dev();
            hops[i] = dev == null ? 0 : links.index(dev);
        }
        return route.toRequest(msgType, nlFlags, oif, hops);
    }

    /** The IPv4 routes of the main table, as {@code ip route show}. */
    public List<Route> list() throws ErrnoException {
        return list(2, Rta.RT_TABLE_MAIN);
    }

    /**
     * Routes of {@code family} ({@code AF_UNSPEC} 0 for all) in {@code table} ({@code RT_TABLE_UNSPEC} 0
     * for all tables). Cloned (cache) entries are left out, as {@code ip route show} does. Under strict
     * checking the kernel filters by table itself.
     */
    public List<Route> list(int family, int table) throws ErrnoException {
        Attrs attrs = table != 0 && nl.strictChecking() ? Attrs.builder().u32(Rta.RTA_TABLE, table).build() : Attrs.of();
        Message req = Message.request(Rtm.RTM_GETROUTE, 0, new RtMsg(family, 0, 0, 0, 0, 0, 0, 0, 0), attrs);
        List<Route> out = new ArrayList<>();
        for (Message m : nl.dump(req)) {
            if (m.type() != Rtm.RTM_NEWROUTE) {
                continue;
            }
            Route r = Route.of(m);
            if ((family == 0 || r.family() == family) && (table == 0 || r.table() == table)
                    && (r.header().flags() & Rta.RTM_F_CLONED) == 0) {
                out.add(r);
            }
        }
        return out;
    }
}
