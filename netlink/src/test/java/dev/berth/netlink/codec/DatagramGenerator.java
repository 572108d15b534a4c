package dev.berth.netlink.codec;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Datagrams built the way the decoder reads them, from its own {@link Policies}: rtnetlink messages whose
 * attributes mostly have the id and payload size their policy expects (nests, IFLA_INFO_DATA selected by kind,
 * veth peers, multipath next hops), {@code NLMSG_ERROR} with an echoed request and extended-ACK attributes,
 * {@code NLMSG_DONE}; and then lengths that lie, headers cut short, payloads one byte off, stray flag bits. Raw
 * bytes rarely get past the first length field into those shapes; these start there. The choices come from
 * {@link Choices}: the fuzzer's data in the fuzz target, a seeded {@link Random} in the plain test.
 */
final class DatagramGenerator {
    /** Where the generator's decisions come from. */
    interface Choices {
        /** 0 to {@code n - 1}. */
        int pick(int n);

        /** Any int, often one at an edge. */
        int anyInt();

        byte[] bytes(int maxLength);

        static Choices of(FuzzedDataProvider data) {
            return new Choices() {
                @Override
                public int pick(int n) {
                    return n <= 1 ? 0 : data.consumeInt(0, n - 1);
                }

                @Override
                public int anyInt() {
                    return data.consumeBoolean() ? EDGES[data.consumeInt(0, EDGES.length - 1)] : data.consumeInt();
                }

                @Override
                public byte[] bytes(int maxLength) {
                    return data.consumeBytes(data.consumeInt(0, maxLength));
                }
            };
        }

        static Choices of(Random random) {
            return new Choices() {
                @Override
                public int pick(int n) {
                    return n <= 1 ? 0 : random.nextInt(n);
                }

                @Override
                public int anyInt() {
                    return random.nextBoolean() ? EDGES[random.nextInt(EDGES.length)] : random.nextInt();
                }

                @Override
                public byte[] bytes(int maxLength) {
                    byte[] b = new byte[random.nextInt(maxLength + 1)];
                    random.nextBytes(b);
                    return b;
                }
            };
        }
    }

    static final int[] EDGES = {0, 1, 3, 4, 15, 16, 17, 20, 36, 0xff, 0xffff, 0x10000, Integer.MAX_VALUE,
        Integer.MAX_VALUE - 15, Integer.MAX_VALUE - 35, Integer.MIN_VALUE, Integer.MIN_VALUE + 15, -1, -16, -22};
    private static final ByteOrder HOST = ByteOrder.nativeOrder();
    private static final int[] TYPES = {Nl.NLMSG_NOOP, Nl.NLMSG_ERROR, Nl.NLMSG_DONE, Nl.NLMSG_OVERRUN,
        Rtm.RTM_NEWLINK, Rtm.RTM_DELLINK, Rtm.RTM_GETLINK, Rtm.RTM_SETLINK, Rtm.RTM_NEWADDR, Rtm.RTM_DELADDR,
        Rtm.RTM_NEWROUTE, Rtm.RTM_DELROUTE, Rtm.RTM_NEWNEIGH, Rtm.RTM_NEWRULE, Rtm.RTM_DELRULE, Rtm.RTM_NEWQDISC, 0};
    private static final int[] FLAG_BITS = {Nl.NLM_F_REQUEST, Nl.NLM_F_MULTI, Nl.NLM_F_ACK, Nl.NLM_F_DUMP_INTR,
        Nl.NLM_F_CAPPED, Nl.NLM_F_ACK_TLVS, Nl.NLM_F_CREATE, Nl.NLM_F_APPEND};
    private static final String[] KINDS = {"veth", "bridge", "vlan", "macvlan", "macvtap", "ipvlan", "ipvtap", "vxlan",
        "dummy", "wireguard", ""};
    private static final int MAX_DEPTH = 4;

    private DatagramGenerator() {}

    /** One datagram: one to four messages, sometimes followed by zeros or stray bytes. */
    static byte[] datagram(Choices c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = 1 + c.pick(4);
        for (int i = 0; i < n; i++) {
            byte[] m = message(c);
            out.writeBytes(m);
            out.writeBytes(new byte[Nl.align(m.length) - m.length]);
        }
        switch (c.pick(8)) {
            case 0 -> out.writeBytes(new byte[4 * (1 + c.pick(8))]);
            case 1 -> out.writeBytes(c.bytes(20));
            default -> { }
        }
        return out.toByteArray();
    }

    private static byte[] message(Choices c) {
        int type = c.pick(10) == 0 ? c.anyInt() & 0xffff : TYPES[c.pick(TYPES.length)];
        int flags = 0;
        for (int bit : FLAG_BITS) {
            flags |= c.pick(3) == 0 ? bit : 0;
        }
        byte[] body = switch (type) {
            case Nl.NLMSG_ERROR -> error(c, flags);
            case Nl.NLMSG_DONE -> join(int32(c.pick(2) == 0 ? 0 : c.anyInt()), c.pick(2) == 0 ? new byte[0] : attrs(c, Policies.ACK, 0));
            default -> Policies.forType(type) != null ? rtnl(c, type) : c.bytes(40);
        };
        return frame(c, type, flags, body);
    }

    /** {@code struct nlmsghdr} and {@code body}; the length is right unless the choices say otherwise. */
    private static byte[] frame(Choices c, int type, int flags, byte[] body) {
        int len = Nl.NLMSG_HDRLEN + body.length;
        if (c.pick(12) == 0) {
            len = c.pick(2) == 0 ? len + c.pick(9) - 4 : c.anyInt();
        }
        ByteBuffer b = ByteBuffer.allocate(Nl.NLMSG_HDRLEN + body.length).order(HOST);
        b.putInt(len).putShort((short) type).putShort((short) flags).putInt(c.anyInt()).putInt(c.anyInt()).put(body);
        return b.array();
    }

    private static byte[] error(Choices c, int flags) {
        int requestType = TYPES[c.pick(TYPES.length)];
        byte[] requestBody = Policies.forType(requestType) != null ? rtnl(c, requestType) : c.bytes(24);
        boolean capped = (flags & Nl.NLM_F_CAPPED) != 0;
        int requestLen = Nl.NLMSG_HDRLEN + requestBody.length;
        if (c.pick(6) == 0) {
            requestLen = c.anyInt();
        }
        ByteBuffer h = ByteBuffer.allocate(4 + Nl.NLMSG_HDRLEN).order(HOST);
        h.putInt(c.pick(2) == 0 ? 0 : -1 - c.pick(133)).putInt(requestLen).putShort((short) requestType)
                .putShort((short) c.anyInt()).putInt(c.anyInt()).putInt(c.anyInt());
        byte[] payload = capped ? new byte[0] : requestBody;
        if ((flags & Nl.NLM_F_ACK_TLVS) == 0 || c.pick(4) == 0) {
            return join(h.array(), payload);
        }
        byte[] padded = join(payload, new byte[Nl.align(payload.length) - payload.length]);
        return join(h.array(), join(padded, attrs(c, Policies.ACK, 0)));
    }

    private static byte[] rtnl(Choices c, int type) {
        int size = switch (type & ~3) {
            case Rtm.RTM_NEWLINK -> IfInfoMsg.SIZE;
            case Rtm.RTM_NEWADDR -> IfAddrMsg.SIZE;
            case Rtm.RTM_NEWROUTE -> RtMsg.SIZE;
            case Rtm.RTM_NEWNEIGH -> NdMsg.SIZE;
            default -> FibRuleHdr.SIZE;
        };
        byte[] header = c.bytes(size);
        if (c.pick(8) != 0) {
            header = java.util.Arrays.copyOf(header, size);
        }
        return join(header, attrs(c, Policies.forType(type), 0));
    }

    /** Up to eight attributes of {@code policy}, each padded; a {@code null} policy gives unknown ids. */
    private static byte[] attrs(Choices c, Policy policy, int depth) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> known = new ArrayList<>();
        for (int id = 0; policy != null && id < 128; id++) {
            if (policy.kind(id) != null) {
                known.add(id);
            }
        }
        String selected = null;
        int n = c.pick(9);
        for (int i = 0; i < n; i++) {
            int id = known.isEmpty() || c.pick(8) == 0 ? c.anyInt() & 0xffff & Nl.NLA_TYPE_MASK : known.get(c.pick(known.size()));
            if (policy != null && policy.isSelector(id) && selected == null) {
                selected = KINDS[c.pick(KINDS.length)];
            }
            byte[] payload = payload(c, policy, id, selected, depth);
            int type = id | (c.pick(6) == 0 ? Nl.NLA_F_NESTED : 0) | (c.pick(12) == 0 ? Nl.NLA_F_NET_BYTEORDER : 0);
            out.writeBytes(attr(c, type, payload));
        }
        return out.toByteArray();
    }

    private static byte[] attr(Choices c, int type, byte[] payload) {
        int len = Nl.NLA_HDRLEN + payload.length;
        if (c.pick(16) == 0) {
            len = c.pick(2) == 0 ? len + c.pick(9) - 4 : c.anyInt();
        }
        ByteBuffer b = ByteBuffer.allocate(Nl.align(Nl.NLA_HDRLEN + payload.length)).order(HOST);
        b.putShort((short) len).putShort((short) type).put(payload);
        return b.array();
    }

    private static byte[] payload(Choices c, Policy policy, int id, String selected, int depth) {
        Policy.Kind kind = policy == null ? null : policy.kind(id);
        if (kind == null || c.pick(10) == 0) {
            return c.bytes(12);
        }
        boolean deeper = depth < MAX_DEPTH;
        return switch (kind) {
            case U8 -> sized(c, 1);
            case U16, BE16 -> sized(c, 2);
            case U32, BE32 -> sized(c, 4);
            case U64 -> sized(c, 8);
            case STR -> policy.isSelector(id) && selected != null ? string(c, selected) : string(c, null);
            case BIN -> c.bytes(20);
            case FLAG -> c.pick(6) == 0 ? c.bytes(4) : new byte[0];
            case NESTED -> deeper ? attrs(c, policy.child(id), depth + 1) : new byte[0];
            case BY_KIND -> deeper ? attrs(c, policy.child(id, selected), depth + 1) : new byte[0];
            case PEER -> deeper ? join(sized(c, IfInfoMsg.SIZE), attrs(c, policy.child(id), depth + 1)) : new byte[0];
            case MULTIPATH -> deeper ? nextHops(c, policy.child(id), depth + 1) : new byte[0];
        };
    }

    /** {@code size} bytes, now and then one more or one less. */
    private static byte[] sized(Choices c, int size) {
        ByteBuffer b = ByteBuffer.allocate(8).order(HOST).putInt(c.anyInt()).putInt(c.anyInt());
        int n = c.pick(8) == 0 ? Math.max(0, size + c.pick(3) - 1) : size;
        return java.util.Arrays.copyOf(b.array(), n);
    }

    /** A NUL-terminated string, or one without the NUL, with an inner NUL, or not UTF-8. */
    private static byte[] string(Choices c, String value) {
        byte[] text = value != null ? value.getBytes(StandardCharsets.UTF_8)
                : switch (c.pick(5)) {
                    case 0 -> "eth0".getBytes(StandardCharsets.UTF_8);
                    case 1 -> "caf\u00e9".getBytes(StandardCharsets.UTF_8);
                    case 2 -> new byte[] {'a', 0, 'b'};
                    case 3 -> new byte[] {(byte) 0xc3};
                    default -> c.bytes(16);
                };
        return c.pick(4) == 0 ? text : join(text, new byte[] {0});
    }

    private static byte[] nextHops(Choices c, Policy policy, int depth) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = c.pick(4);
        for (int i = 0; i < n; i++) {
            byte[] attrs = attrs(c, policy, depth);
            int len = NextHop.SIZE + attrs.length;
            if (c.pick(10) == 0) {
                len = c.pick(2) == 0 ? len + c.pick(9) - 4 : c.anyInt();
            }
            ByteBuffer b = ByteBuffer.allocate(NextHop.SIZE).order(HOST);
            b.putShort((short) len).put((byte) c.pick(256)).put((byte) c.pick(256)).putInt(c.anyInt());
            out.writeBytes(b.array());
            out.writeBytes(attrs);
        }
        return out.toByteArray();
    }

    private static byte[] int32(int v) {
        return ByteBuffer.allocate(4).order(HOST).putInt(v).array();
    }

    private static byte[] join(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
