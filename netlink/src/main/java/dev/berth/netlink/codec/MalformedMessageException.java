package dev.berth.netlink.codec;

import java.io.Serial;

/**
 * Bytes that {@link Codec#decode} cannot split into netlink messages: an {@code nlmsg_len} shorter than
 * {@code struct nlmsghdr} or past the end of the datagram ({@code netlink(7)}). What is inside a well-framed
 * message never throws: a payload the decoder cannot type exactly is kept raw.
 *
 * <p>Unchecked, and an {@link IllegalArgumentException} as the codec documented before this type existed: the
 * kernel frames what it sends, so this means a bug or a foreign sender, not a condition to recover from.
 */
public final class MalformedMessageException extends IllegalArgumentException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int offset;

    /**
     * @param offset byte offset in the datagram of the message that does not fit
     * @param problem what is wrong with it
     */
    public MalformedMessageException(int offset, String problem) {
        super("netlink message at byte " + offset + ": " + problem);
        this.offset = offset;
    }

    /** Byte offset in the datagram of the message that does not fit. */
    public int offset() {
        return offset;
    }
}
