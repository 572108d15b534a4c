package dev.berth.runtime.network;

import dev.berth.netlink.client.NetlinkException;
import dev.berth.netlink.ops.Link;
import dev.berth.netlink.ops.NewLink;
import dev.berth.syscall.Errno;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A veth pair between the host and the container, as the reference plugins' {@code ip.SetupVeth} makes
 * it: the container end named {@code CNI_IFNAME} and left down, the host end named {@code veth} and eight
 * random hex digits, up. Berth makes it with one request from the host side, with the peer created
 * directly in the container's namespace ({@code IFLA_NET_NS_FD} of the peer), so nothing is moved.
 *
 * @param hostName the host end's name
 * @param hostIndex the host end's index (in the host's namespace)
 * @param containerIndex the container end's index (in the container's namespace)
 */
record Veth(String hostName, int hostIndex, int containerIndex) {
    private static final int ATTEMPTS = 10;

    /** Creates the pair ({@code mtu} 0 for the default); {@code undo} deletes it. */
    static Veth create(Session s, int mtu, Undo undo) throws Exception {
        Side host = s.host;
        Side container = s.container();
        for (int attempt = 0; ; attempt++) {
            String name = "veth" + String.format("%08x", ThreadLocalRandom.current().nextInt());
            // txqlen 0 on both ends: what the reference plugins' netlink library sends
            NewLink spec = NewLink.veth(name, s.ifName()).peerNetns(container.target()).txqlen(0).peerTxqlen(0).up();
            if (mtu > 0) {
                spec.mtu(mtu).peerMtu(mtu);
            }
            Link l;
            try {
                l = host.nl().links().add(spec);
            } catch (NetlinkException e) {
                if (e.is(Errno.EEXIST)) {
                    if (host.nl().links().find(name).isPresent() && attempt < ATTEMPTS) {
                        continue;
                    }
                    throw new NetworkException("cannot create the veth pair: the container already has an "
                            + "interface named " + s.ifName(), e);
                }
                throw e.withContext("creating the veth pair " + name + " (host) / " + s.ifName() + " (container)");
            }
            int hostIndex = l.index();
            undo.add("deleting veth " + name, () -> Iface.deleteQuietly(host.nl(), hostIndex));
            return new Veth(name, hostIndex, l.link());
        }
    }
}
