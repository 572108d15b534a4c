/**
 * Typed rtnetlink operations: {@link dev.berth.netlink.ops.Rtnl} gives links, addresses, routes,
 * neighbours and rules, and {@link dev.berth.netlink.ops.Monitor} delivers change events.
 */
package dev.berth.netlink.ops;
