package dev.berth.netlink.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes and decodes netlink messages: {@code struct nlmsghdr}, the family headers, attributes with
 * their four-byte alignment, {@code struct nlmsgerr} with extended-ACK attributes. Pure: no I/O, no
 * native memory, no state. Host byte order throughout except where the kernel uses network order.
 *
 * <p>Decode then encode gives back the input bytes for everything the kernel sends (padding is written
 * as zeros, which is what the kernel writes); anything the decoder cannot type exactly is kept raw.
 * Malformed input (a length that overruns its container) throws {@link IllegalArgumentException}.
 */
public final class Codec {
    private static final ByteOrder HOST = ByteOrder.nativeOrder();

    private Codec() {}

    // ---- decoding ----

    /**
     * Every message in one datagram (netlink packs several, each aligned to four bytes). Zeros after the
     * last message end the datagram, as they do for the kernel's {@code netlink_rcv_skb()}: iproute2
     * sends its whole request struct, unused tail included.
     */
    public static List<Message> decode(byte[] data) {
        return decode(data, 0, data.length);
    }

    /** Every message in {@code data[offset, offset+length)}. */
    public static List<Message> decode(byte[] data, int offset, int length) {
        ByteBuffer b = ByteBuffer.wrap(data, offset, length).slice().order(HOST);
        List<Message> out = new ArrayList<>();
        while (b.remaining() >= Nl.NLMSG_HDRLEN) {
            int start = b.position();
            int len = b.getInt(start);
            if (len == 0) {
                break;
            }
            if (len < Nl.NLMSG_HDRLEN || len > b.remaining()) {
                throw new IllegalArgumentException("netlink message at byte " + start + ": nlmsg_len " + len
                        + " outside 16.." + b.remaining());
            }
            out.add(decodeMessage(b, start, len));
            b.position(Math.min(b.limit(), start + Nl.align(len)));
        }
        return out;
    }

    /** The one message in {@code data}; fails when there are more or none. */
    public static Message decodeOne(byte[] data) {
        List<Message> all = decode(data);
        if (all.size() != 1) {
            throw new IllegalArgumentException("expected one netlink message, found " + all.size());
        }
        return all.getFirst();
    }

    private static Message decodeMessage(ByteBuffer b, int start, int len) {
        NlMsgHdr h = NlMsgHdr.read(b.position(start));
        int end = start + len;
        return new Message(h.type(), h.flags(), h.seq(), h.pid(), decodeBody(b, h, start + Nl.NLMSG_HDRLEN, end));
    }

    private static Body decodeBody(ByteBuffer b, NlMsgHdr h, int pos, int end) {
        int n = end - pos;
        switch (h.type()) {
            case Nl.NLMSG_ERROR -> {
                Body e = decodeError(b, h, pos, end);
                if (e != null) {
                    return e;
                }
            }
            case Nl.NLMSG_DONE -> {
                if (n >= 4) {
                    int status = b.getInt(pos);
                    Attrs ack = n == 4 ? Attrs.of() : decodeAttrs(b, pos + 4, end, Policies.ACK);
                    if (ack != null) {
                        return new Body.Done(status, ack);
                    }
                }
            }
            default -> {
                Policy p = Policies.forType(h.type());
                if (p != null) {
                    Header header = readHeader(b, h.type(), pos, n);
                    if (header != null) {
                        Attrs attrs = decodeAttrs(b, pos + header.size(), end, p);
                        if (attrs != null) {
                            return new Body.Rtnl(header, attrs);
                        }
                    }
                }
            }
        }
        return new Body.Raw(bytes(b, pos, n));
    }

    private static Header readHeader(ByteBuffer b, int type, int pos, int n) {
        b.position(pos);
        return switch (type & ~3) {
            case Rtm.RTM_NEWLINK -> n >= IfInfoMsg.SIZE ? IfInfoMsg.read(b) : null;
            case Rtm.RTM_NEWADDR -> n >= IfAddrMsg.SIZE ? IfAddrMsg.read(b) : null;
            case Rtm.RTM_NEWROUTE -> n >= RtMsg.SIZE ? RtMsg.read(b) : null;
            case Rtm.RTM_NEWNEIGH -> n >= NdMsg.SIZE ? NdMsg.read(b) : null;
            case Rtm.RTM_NEWRULE -> n >= FibRuleHdr.SIZE ? FibRuleHdr.read(b) : null;
            default -> null;
        };
    }

    private static Body decodeError(ByteBuffer b, NlMsgHdr h, int pos, int end) {
        if (end - pos < 4 + Nl.NLMSG_HDRLEN) {
            return null;
        }
        int error = b.getInt(pos);
        NlMsgHdr request = NlMsgHdr.read(b.position(pos + 4));
        int payloadStart = pos + 4 + Nl.NLMSG_HDRLEN;
        int payloadLen = (h.flags() & Nl.NLM_F_CAPPED) != 0 ? 0 : Math.max(0, request.len() - Nl.NLMSG_HDRLEN);
        if (payloadStart + payloadLen > end) {
            return null;
        }
        Attrs ack = Attrs.of();
        if (payloadStart + payloadLen != end) {
            int attrsStart = payloadStart + Nl.align(payloadLen);
            if ((h.flags() & Nl.NLM_F_ACK_TLVS) == 0 || attrsStart >= end) {
                return null;
            }
            ack = decodeAttrs(b, attrsStart, end, Policies.ACK);
            if (ack == null) {
                return null;
            }
        }
        return new Body.NlMsgErr(error, request, bytes(b, payloadStart, payloadLen), ack);
    }

    /** Decodes {@code [pos, end)} exactly into attributes, or returns null if it does not parse exactly. */
    static Attrs decodeAttrs(ByteBuffer b, int pos, int end, Policy policy) {
        List<Attr> out = new ArrayList<>();
        java.util.Map<Integer, String> selectors = null;
        while (pos < end) {
            if (end - pos < Nl.NLA_HDRLEN) {
                return null;
            }
            int len = b.getShort(pos) & 0xffff;
            int type = b.getShort(pos + 2) & 0xffff;
            if (len < Nl.NLA_HDRLEN || pos + len > end) {
                return null;
            }
            int aligned = Nl.align(len);
            if (pos + aligned > end) {
                return null;
            }
            Attr a = decodeAttr(b, type, pos + Nl.NLA_HDRLEN, pos + len, policy, selectors);
            if (policy != null && policy.isSelector(type & Nl.NLA_TYPE_MASK) && a instanceof Attr.Str s) {
                if (selectors == null) {
                    selectors = new java.util.HashMap<>(4);
                }
                selectors.put(type & Nl.NLA_TYPE_MASK, s.value());
            }
            out.add(a);
            pos += aligned;
        }
        return Attrs.of(out);
    }

    private static Attr decodeAttr(ByteBuffer b, int type, int pos, int end, Policy policy,
            java.util.Map<Integer, String> selectors) {
        int id = type & Nl.NLA_TYPE_MASK;
        int n = end - pos;
        Policy.Kind kind = policy == null ? null : policy.kind(id);
        Attr typed = kind == null ? null : switch (kind) {
            case U8 -> n == 1 ? new Attr.U8(type, b.get(pos) & 0xff) : null;
            case U16 -> n == 2 ? new Attr.U16(type, b.getShort(pos) & 0xffff) : null;
            case U32 -> n == 4 ? new Attr.U32(type, b.getInt(pos)) : null;
            case U64 -> n == 8 ? new Attr.U64(type, b.getLong(pos)) : null;
            case BE16 -> n == 2 ? new Attr.Be16(type, (b.get(pos) & 0xff) << 8 | b.get(pos + 1) & 0xff) : null;
            case BE32 -> n == 4 ? new Attr.Be32(type, (b.get(pos) & 0xff) << 24 | (b.get(pos + 1) & 0xff) << 16
                    | (b.get(pos + 2) & 0xff) << 8 | b.get(pos + 3) & 0xff) : null;
            case STR -> string(b, type, pos, n);
            case BIN -> new Attr.Bin(type, bytes(b, pos, n));
            case FLAG -> n == 0 ? new Attr.Flag(type) : null;
            case NESTED -> {
                Attrs children = decodeAttrs(b, pos, end, policy.child(id));
                yield children == null ? null : new Attr.Nested(type, children);
            }
            case BY_KIND -> {
                Policy child = policy.child(id, selectorOf(policy, id, selectors));
                Attrs children = child == null ? null : decodeAttrs(b, pos, end, child);
                yield children == null ? null : new Attr.Nested(type, children);
            }
            case PEER -> {
                if (n < IfInfoMsg.SIZE) {
                    yield null;
                }
                IfInfoMsg h = IfInfoMsg.read(b.position(pos));
                Attrs children = decodeAttrs(b, pos + IfInfoMsg.SIZE, end, policy.child(id));
                yield children == null ? null : new Attr.Peer(type, h, children);
            }
            case MULTIPATH -> multipath(b, type, pos, end, policy.child(id));
        };
        return typed != null ? typed : new Attr.Unknown(type, bytes(b, pos, n));
    }

    /** The value of the first of {@code id}'s selectors seen before it, or null. */
    private static String selectorOf(Policy policy, int id, java.util.Map<Integer, String> seen) {
        if (seen == null) {
            return null;
        }
        for (int s : policy.selectors(id)) {
            String v = seen.get(s);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static Attr string(ByteBuffer b, int type, int pos, int n) {
        boolean terminated = n > 0 && b.get(pos + n - 1) == 0;
        int chars = terminated ? n - 1 : n;
        if (chars == 0 && !terminated) {
            return null;
        }
        boolean ascii = true;
        for (int i = pos; i < pos + chars; i++) {
            byte c = b.get(i);
            if (c == 0) {
                return null;
            }
            ascii &= c > 0;
        }
        byte[] raw = bytes(b, pos, chars);
        if (ascii) {
            return new Attr.Str(type, new String(raw, StandardCharsets.ISO_8859_1), terminated);
        }
        String s = new String(raw, StandardCharsets.UTF_8);
        return Arrays.equals(s.getBytes(StandardCharsets.UTF_8), raw) ? new Attr.Str(type, s, terminated) : null;
    }

    private static Attr multipath(ByteBuffer b, int type, int pos, int end, Policy policy) {
        List<NextHop> hops = new ArrayList<>();
        while (pos < end) {
            if (end - pos < NextHop.SIZE) {
                return null;
            }
            int len = b.getShort(pos) & 0xffff;
            if (len < NextHop.SIZE || pos + Nl.align(len) > end) {
                return null;
            }
            Attrs attrs = decodeAttrs(b, pos + NextHop.SIZE, pos + len, policy);
            if (attrs == null) {
                return null;
            }
            hops.add(new NextHop(b.get(pos + 2) & 0xff, b.get(pos + 3) & 0xff, b.getInt(pos + 4), attrs));
            pos += Nl.align(len);
        }
        return new Attr.Multipath(type, hops);
    }

    private static byte[] bytes(ByteBuffer b, int pos, int n) {
        byte[] out = new byte[n];
        b.get(pos, out);
        return out;
    }

    // ---- encoding ----

    /** The message as bytes, {@code nlmsg_len} computed. */
    public static byte[] encode(Message m) {
        byte[] out = new byte[size(m)];
        encode(m, ByteBuffer.wrap(out).order(HOST));
        return out;
    }

    /** Several messages back to back, as one datagram (a batch). */
    public static byte[] encode(List<Message> messages) {
        int n = 0;
        for (Message m : messages) {
            n += Nl.align(size(m));
        }
        byte[] out = new byte[n];
        ByteBuffer b = ByteBuffer.wrap(out).order(HOST);
        for (Message m : messages) {
            encode(m, b);
            b.position(Nl.align(b.position()));
        }
        return out;
    }

    /** Writes {@code m} at {@code out}'s position, which must be in host order. */
    public static void encode(Message m, ByteBuffer out) {
        int len = size(m);
        out.putInt(len).putShort((short) m.type()).putShort((short) m.flags()).putInt(m.seq()).putInt(m.pid());
        switch (m.body()) {
            case Body.Rtnl r -> {
                r.header().write(out);
                writeAttrs(r.attrs(), out);
            }
            case Body.NlMsgErr e -> {
                out.putInt(e.error());
                e.request().write(out);
                out.put(e.payloadRef());
                if (!e.ack().isEmpty()) {
                    pad(out, e.payloadLength());
                }
                writeAttrs(e.ack(), out);
            }
            case Body.Done d -> {
                out.putInt(d.status());
                writeAttrs(d.ack(), out);
            }
            case Body.Raw r -> {
                out.put(r.ref());
            }
        }
    }

    /** {@code nlmsg_len} of {@code m}. */
    public static int size(Message m) {
        return Nl.NLMSG_HDRLEN + switch (m.body()) {
            case Body.Rtnl r -> r.header().size() + attrsSize(r.attrs());
            case Body.NlMsgErr e -> 4 + Nl.NLMSG_HDRLEN + (e.ack().isEmpty() ? e.payloadLength()
                    : Nl.align(e.payloadLength())) + attrsSize(e.ack());
            case Body.Done d -> 4 + attrsSize(d.ack());
            case Body.Raw r -> r.ref().length;
        };
    }

    /** The encoded size of an attribute list: each attribute padded to four bytes. */
    public static int attrsSize(Attrs attrs) {
        int n = 0;
        for (Attr a : attrs.list()) {
            n += Nl.align(Nl.NLA_HDRLEN + payloadSize(a));
        }
        return n;
    }

    private static int payloadSize(Attr a) {
        return switch (a) {
            case Attr.U8 x -> 1;
            case Attr.U16 x -> 2;
            case Attr.U32 x -> 4;
            case Attr.U64 x -> 8;
            case Attr.Be16 x -> 2;
            case Attr.Be32 x -> 4;
            case Attr.Str s -> utf8Length(s.value()) + (s.terminated() ? 1 : 0);
            case Attr.Flag f -> 0;
            case Attr.Bin x -> x.value().length;
            case Attr.Nested x -> attrsSize(x.attrs());
            case Attr.Peer p -> IfInfoMsg.SIZE + attrsSize(p.attrs());
            case Attr.Multipath mp -> {
                int n = 0;
                for (NextHop h : mp.hops()) {
                    n += Nl.align(NextHop.SIZE + attrsSize(h.attrs()));
                }
                yield n;
            }
            case Attr.Unknown u -> u.payload().length;
        };
    }

    /** Writes an attribute list at the buffer's position. */
    public static void writeAttrs(Attrs attrs, ByteBuffer out) {
        for (Attr a : attrs.list()) {
            writeAttr(a, out);
        }
    }

    private static void writeAttr(Attr a, ByteBuffer out) {
        int len = Nl.NLA_HDRLEN + payloadSize(a);
        out.putShort((short) len).putShort((short) a.type());
        switch (a) {
            case Attr.U8 x -> out.put((byte) x.value());
            case Attr.U16 x -> out.putShort((short) x.value());
            case Attr.U32 x -> out.putInt(x.value());
            case Attr.U64 x -> out.putLong(x.value());
            case Attr.Be16 x -> out.put((byte) (x.value() >> 8)).put((byte) x.value());
            case Attr.Be32 x -> out.put((byte) (x.value() >> 24)).put((byte) (x.value() >> 16))
                    .put((byte) (x.value() >> 8)).put((byte) x.value());
            case Attr.Str s -> {
                out.put(s.value().getBytes(StandardCharsets.UTF_8));
                if (s.terminated()) {
                    out.put((byte) 0);
                }
            }
            case Attr.Flag f -> {}
            case Attr.Bin x -> out.put(x.value());
            case Attr.Nested x -> writeAttrs(x.attrs(), out);
            case Attr.Peer p -> {
                p.header().write(out);
                writeAttrs(p.attrs(), out);
            }
            case Attr.Multipath mp -> {
                for (NextHop h : mp.hops()) {
                    out.putShort((short) (NextHop.SIZE + attrsSize(h.attrs()))).put((byte) h.flags())
                            .put((byte) h.hops()).putInt(h.ifindex());
                    writeAttrs(h.attrs(), out);
                }
            }
            case Attr.Unknown u -> out.put(u.payload());
        }
        pad(out, len);
    }

    private static void pad(ByteBuffer out, int len) {
        for (int i = len; i < Nl.align(len); i++) {
            out.put((byte) 0);
        }
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return n;
    }
}
