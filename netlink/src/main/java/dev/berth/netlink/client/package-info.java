/**
 * A client for {@code NETLINK_ROUTE} sockets ({@code netlink(7)}, {@code rtnetlink(7)}):
 * {@link dev.berth.netlink.client.NetlinkClient} sends requests and collects ACKs and dumps, and
 * kernel errors arrive as {@link dev.berth.netlink.client.NetlinkException} with the kernel's
 * extended-ACK message.
 */
package dev.berth.netlink.client;
