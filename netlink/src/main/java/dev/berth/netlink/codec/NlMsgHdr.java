package dev.berth.netlink.codec;

import java.nio.ByteBuffer;

/**
 * {@code struct nlmsghdr} of {@code <linux/netlink.h>} as raw fields. {@link Message} computes the length
 * itself; this record appears where a header is data, as the copy of a request inside an error.
 *
 * @param len {@code nlmsg_len}, header included
 * @param type {@code nlmsg_type}
 * @param flags {@code nlmsg_flags}
 * @param seq {@code nlmsg_seq}
 * @param pid {@code nlmsg_pid}: the sender's port id
 */
public record NlMsgHdr(int len, int type, int flags, int seq, int pid) {
    public static final int SIZE = Nl.NLMSG_HDRLEN;

    static NlMsgHdr read(ByteBuffer b) {
        return new NlMsgHdr(b.getInt(), b.getShort() & 0xffff, b.getShort() & 0xffff, b.getInt(), b.getInt());
    }

    void write(ByteBuffer b) {
        b.putInt(len).putShort((short) type).putShort((short) flags).putInt(seq).putInt(pid);
    }
}
