/**
 * Network namespaces: named ones under {@code /run/netns} made and removed the way {@code ip netns} does,
 * and {@link dev.berth.netlink.netns.NetNs} handles that open netlink clients inside any namespace.
 */
package dev.berth.netlink.netns;
