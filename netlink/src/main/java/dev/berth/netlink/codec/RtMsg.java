package dev.berth.netlink.codec;

import java.nio.ByteBuffer;

/**
 * {@code struct rtmsg} of {@code <linux/rtnetlink.h>}: the header of route messages
 * ({@code RTM_NEWROUTE}, {@code RTM_DELROUTE}, {@code RTM_GETROUTE}).
 *
 * @param family {@code AF_INET}, {@code AF_INET6}, ...
 * @param dstLen destination prefix length
 * @param srcLen source prefix length
 * @param tos TOS filter
 * @param table {@code RT_TABLE_*}; tables above 255 travel in {@code RTA_TABLE} with this field
 *     {@link Rta#RT_TABLE_UNSPEC}
 * @param protocol {@code RTPROT_*}
 * @param scope {@code RT_SCOPE_*}
 * @param type {@code RTN_*}
 * @param flags {@code RTM_F_*}
 */
public record RtMsg(int family, int dstLen, int srcLen, int tos, int table, int protocol, int scope, int type,
        int flags) implements Header {
    public static final int SIZE = 12;

    static RtMsg read(ByteBuffer b) {
        return new RtMsg(b.get() & 0xff, b.get() & 0xff, b.get() & 0xff, b.get() & 0xff, b.get() & 0xff,
                b.get() & 0xff, b.get() & 0xff, b.get() & 0xff, b.getInt());
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public void write(ByteBuffer b) {
        b.put((byte) family).put((byte) dstLen).put((byte) srcLen).put((byte) tos).put((byte) table)
                .put((byte) protocol).put((byte) scope).put((byte) type).putInt(flags);
    }
}
