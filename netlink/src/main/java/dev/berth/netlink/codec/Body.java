package dev.berth.netlink.codec;

import java.util.Arrays;
import java.util.HexFormat;

/** What follows {@code struct nlmsghdr} in a {@link Message}. */
public sealed interface Body {
    /** An rtnetlink message: a family header and attributes. */
    record Rtnl(Header header, Attrs attrs) implements Body {}

    /**
     * {@code NLMSG_ERROR}: {@code struct nlmsgerr} of {@code <linux/netlink.h>}. {@code error} 0 is an
     * acknowledgement. The kernel copies the request's header, and its payload unless the message has
     * {@link Nl#NLM_F_CAPPED}; extended-ACK attributes ({@code NLMSGERR_ATTR_*}) follow when it has
     * {@link Nl#NLM_F_ACK_TLVS}.
     *
     * @param error 0 or a negative errno
     * @param request the request's header as the kernel echoed it
     * @param requestPayload the echoed request payload (empty when capped)
     * @param ack {@code NLMSGERR_ATTR_MSG}, {@code NLMSGERR_ATTR_OFFS}, ...
     */
    record NlMsgErr(int error, NlMsgHdr request, byte[] requestPayload, Attrs ack) implements Body {
        public NlMsgErr {
            requestPayload = requestPayload.clone();
        }

        @Override
        public byte[] requestPayload() {
            return requestPayload.clone();
        }

        int payloadLength() {
            return requestPayload.length;
        }

        byte[] payloadRef() {
            return requestPayload;
        }

        /** The kernel's extended-ACK message ({@code NLMSGERR_ATTR_MSG}), or null. */
        public String message() {
            return ack.str(Nl.NLMSGERR_ATTR_MSG);
        }

        /** The byte offset in the request of the attribute the kernel blamed ({@code NLMSGERR_ATTR_OFFS}), or -1. */
        public int offset() {
            return (int) ack.num(Nl.NLMSGERR_ATTR_OFFS, -1);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof NlMsgErr e && e.error == error && e.request.equals(request)
                    && Arrays.equals(e.requestPayload, requestPayload) && e.ack.equals(ack);
        }

        @Override
        public int hashCode() {
            return (31 * error + request.hashCode()) * 31 + Arrays.hashCode(requestPayload) + ack.hashCode();
        }

        @Override
        public String toString() {
            return "NlMsgErr[error=" + error + ", request=" + request + ", requestPayload="
                    + HexFormat.of().formatHex(requestPayload) + ", ack=" + ack + "]";
        }
    }

    /**
     * {@code NLMSG_DONE}: the end of a dump. {@code status} is 0 or a negative errno for a dump that
     * failed part way; extended-ACK attributes may follow ({@link Nl#NLM_F_ACK_TLVS}).
     */
    record Done(int status, Attrs ack) implements Body {}

    /** Any other payload, kept as bytes (also a payload too short for its family header). */
    record Raw(byte[] bytes) implements Body {
        public Raw {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        byte[] ref() {
            return bytes;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Raw r && Arrays.equals(r.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Raw[" + HexFormat.of().formatHex(bytes) + "]";
        }
    }
}
