/**
 * rtnetlink for Java: a pure codec ({@link dev.berth.netlink.codec}), a client over an
 * {@code AF_NETLINK} socket ({@link dev.berth.netlink.client}), typed operations on links, addresses,
 * routes, neighbours and rules ({@link dev.berth.netlink.ops}), network-namespace handles
 * ({@link dev.berth.netlink.netns}) and the {@code berth ip} front end ({@link dev.berth.netlink.ip}).
 */
module dev.berth.netlink {
    requires transitive dev.berth.syscall;

    exports dev.berth.netlink.codec;
    exports dev.berth.netlink.client;
    exports dev.berth.netlink.ops;
    exports dev.berth.netlink.netns;
    exports dev.berth.netlink.ip;
}
