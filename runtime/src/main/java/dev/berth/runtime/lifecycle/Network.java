package dev.berth.runtime.lifecycle;

import dev.berth.netlink.netns.NetNs;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.syscall.ErrnoException;

/** The container's network, set up from the host while its init waits: for now, {@code lo} up in a new namespace. */
final class Network {
    private Network() {}

    /** Brings {@code lo} up in the network namespace of {@code pid}. */
    static void loopbackUp(int pid) throws Exception {
        try (NetNs ns = NetNs.pid(pid); Rtnl rtnl = ns.rtnl()) {
            rtnl.links().up("lo");
        } catch (ErrnoException e) {
            throw e.withContext("bringing up lo in the container's network namespace");
        }
    }
}
