package dev.berth.netlink.codec;

import java.nio.ByteBuffer;

/**
 * {@code struct ifaddrmsg} of {@code <linux/if_addr.h>}: the header of address messages
 * ({@code RTM_NEWADDR}, {@code RTM_DELADDR}, {@code RTM_GETADDR}).
 *
 * @param family {@code AF_INET} or {@code AF_INET6}
 * @param prefixlen the prefix length
 * @param flags {@code IFA_F_*} (the low eight bits; {@code IFA_FLAGS} carries all 32)
 * @param scope {@code RT_SCOPE_*}
 * @param index the link's index
 */
public record IfAddrMsg(int family, int prefixlen, int flags, int scope, int index) implements Header {
    public static final int SIZE = 8;

    static IfAddrMsg read(ByteBuffer b) {
        return new IfAddrMsg(b.get() & 0xff, b.get() & 0xff, b.get() & 0xff, b.get() & 0xff, b.getInt());
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public void write(ByteBuffer b) {
        b.put((byte) family).put((byte) prefixlen).put((byte) flags).put((byte) scope).putInt(index);
    }
}
