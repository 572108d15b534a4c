package dev.berth.netlink.codec;

import java.nio.ByteBuffer;

/**
 * {@code struct ndmsg} of {@code <linux/neighbour.h>}: the header of neighbour messages
 * ({@code RTM_NEWNEIGH}, {@code RTM_DELNEIGH}, {@code RTM_GETNEIGH}).
 *
 * @param family {@code AF_INET}, {@code AF_INET6}, {@code AF_BRIDGE}
 * @param ifindex the link's index
 * @param state {@code NUD_*}
 * @param flags {@code NTF_*}
 * @param type {@code RTN_*}
 */
public record NdMsg(int family, int ifindex, int state, int flags, int type) implements Header {
    public static final int SIZE = 12;

    static NdMsg read(ByteBuffer b) {
        int family = b.get() & 0xff;
        b.get();
        b.getShort();
        int ifindex = b.getInt();
        int state = b.getShort() & 0xffff;
        return new NdMsg(family, ifindex, state, b.get() & 0xff, b.get() & 0xff);
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public void write(ByteBuffer b) {
        b.put((byte) family).put((byte) 0).putShort((short) 0).putInt(ifindex).putShort((short) state)
                .put((byte) flags).put((byte) type);
    }
}
