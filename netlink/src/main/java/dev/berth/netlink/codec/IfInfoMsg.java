package dev.berth.netlink.codec;

import java.nio.ByteBuffer;

/**
 * {@code struct ifinfomsg} of {@code <linux/rtnetlink.h>}: the header of link messages
 * ({@code RTM_NEWLINK}, {@code RTM_DELLINK}, {@code RTM_GETLINK}, {@code RTM_SETLINK}).
 *
 * @param family {@code ifi_family}, usually {@code AF_UNSPEC}
 * @param type {@code ifi_type}: an {@code ARPHRD_*} device type
 * @param index {@code ifi_index}, 0 when the request names the link otherwise
 * @param flags {@code ifi_flags}: {@code IFF_*}
 * @param change {@code ifi_change}: which flags a request changes
 */
public record IfInfoMsg(int family, int type, int index, int flags, int change) implements Header {
    public static final int SIZE = 16;

    /** All zero: a request that names the link by attributes. */
    public static final IfInfoMsg EMPTY = new IfInfoMsg(0, 0, 0, 0, 0);

    /** A request about link {@code index}. */
    public static IfInfoMsg ofIndex(int index) {
        return new IfInfoMsg(0, 0, index, 0, 0);
    }

    static IfInfoMsg read(ByteBuffer b) {
        int family = b.get() & 0xff;
        b.get();
        int type = b.getShort() & 0xffff;
        return new IfInfoMsg(family, type, b.getInt(), b.getInt(), b.getInt());
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public void write(ByteBuffer b) {
        b.put((byte) family).put((byte) 0).putShort((short) type).putInt(index).putInt(flags).putInt(change);
    }
}
