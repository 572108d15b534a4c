package dev.berth.netlink.ops;

import dev.berth.netlink.client.NetlinkClient;
import dev.berth.syscall.ErrnoException;

/**
 * The entry point of typed rtnetlink operations ({@code rtnetlink(7)}): one {@link NetlinkClient} and
 * the views over it — {@link #links()}, {@link #addresses()}, {@link #routes()}, {@link #neighbours()},
 * {@link #rules()}.
 *
 * <pre>{@code
 * try (Rtnl nl = Rtnl.open()) {
 *     nl.links().add(NewLink.veth("v0", "v1").up());
 *     nl.addresses().add("v0", "198.18.0.1/24");
 *     nl.routes().add(RouteSpec.defaultRoute(AF_INET).via("198.18.0.254"));
 * }
 * }</pre>
 *
 * <p>It works in the network namespace its client's socket was opened in (see
 * {@code dev.berth.netlink.netns.NetNs#rtnl()} for other namespaces). Not thread-safe, like its client.
 */
public final class Rtnl implements AutoCloseable {
    private final NetlinkClient client;
    private final Links links;
    private final Addresses addresses;
    private final Routes routes;
    private final Neighbours neighbours;
    private final Rules rules;

    private Rtnl(NetlinkClient client) {
        this.client = client;
        this.links = new Links(client);
        this.addresses = new Addresses(client, links);
        this.routes = new Routes(client, links);
        this.neighbours = new Neighbours(client, links);
        this.rules = new Rules(client);
    }

    /** Opens a client in the calling thread's network namespace. */
    public static Rtnl open() throws ErrnoException {
        return new Rtnl(NetlinkClient.open());
    }

    /** Operations over {@code client}, which this takes over (closing this closes it). */
    public static Rtnl of(NetlinkClient client) {
        return new Rtnl(client);
    }

    public NetlinkClient client() {
        return client;
    }

    public Links links() {
        return links;
    }

    public Addresses addresses() {
        return addresses;
    }

    public Routes routes() {
        return routes;
    }

    public Neighbours neighbours() {
        return neighbours;
    }

    public Rules rules() {
        return rules;
    }

    @Override
    public void close() throws ErrnoException {
        client.close();
    }
}
