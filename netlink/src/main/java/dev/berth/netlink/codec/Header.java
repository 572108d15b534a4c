package dev.berth.netlink.codec;

import java.nio.ByteBuffer;

/**
 * The fixed family header an rtnetlink message carries after {@code struct nlmsghdr} and before its
 * attributes. Each is a record named after the C struct, with its size and field order.
 */
public sealed interface Header permits IfInfoMsg, IfAddrMsg, RtMsg, NdMsg, FibRuleHdr {
    /** {@code sizeof} the C struct. */
    int size();

    /** The address family field. */
    int family();

    /** Writes the struct at the buffer's position (host byte order). */
    void write(ByteBuffer b);
}
