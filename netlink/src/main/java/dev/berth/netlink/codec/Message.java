package dev.berth.netlink.codec;

/**
 * One netlink message: the fields of {@code struct nlmsghdr} ({@code <linux/netlink.h>}) except the
 * length, which {@link Codec} computes, and a {@link Body}. Requests are made with
 * {@link #request(int, int, Header, Attrs)}; the client fills in the sequence number.
 *
 * @param type {@code nlmsg_type}: {@code RTM_*} or {@code NLMSG_*}
 * @param flags {@code nlmsg_flags}: {@code NLM_F_*}
 * @param seq {@code nlmsg_seq}
 * @param pid {@code nlmsg_pid}: the sender's port id (0 from the kernel's side in requests)
 * @param body the payload
 */
public record Message(int type, int flags, int seq, int pid, Body body) {
    /** A request to the kernel: {@link Nl#NLM_F_REQUEST} is added to {@code flags}; seq and pid are 0. */
    public static Message request(int type, int flags, Header header, Attrs attrs) {
        return new Message(type, flags | Nl.NLM_F_REQUEST, 0, 0, new Body.Rtnl(header, attrs));
    }

    /** The same message with another sequence number. */
    public Message withSeq(int seq) {
        return new Message(type, flags, seq, pid, body);
    }

    /** The same message with other flags. */
    public Message withFlags(int flags) {
        return new Message(type, flags, seq, pid, body);
    }

    /** The family header of an rtnetlink message, or null. */
    public Header header() {
        return body instanceof Body.Rtnl r ? r.header() : null;
    }

    /** The attributes of an rtnetlink message, or an empty list. */
    public Attrs attrs() {
        return body instanceof Body.Rtnl r ? r.attrs() : Attrs.of();
    }

    /** Whether {@code flags} has all of {@code flag}'s bits. */
    public boolean has(int flag) {
        return (flags & flag) == flag;
    }
}
