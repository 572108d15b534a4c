package dev.berth.netlink.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The codec's rules on hand-made messages: alignment, unknown attributes, shapes that do not fit a policy. */
class CodecTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void unknownAttributesAndFlagsSurviveRoundTrip() {
        Message m = Message.request(Rtm.RTM_NEWLINK, Nl.NLM_F_ACK, IfInfoMsg.ofIndex(7), Attrs.of(
                new Attr.Unknown(200, new byte[] {1, 2, 3}),
                new Attr.Unknown(Nl.NLA_F_NESTED | 201, new byte[] {4, 0, 1, 0}),
                new Attr.Str(Ifla.IFLA_IFNAME, "v0")));
        byte[] bytes = Codec.encode(m);
        // 16 + 16 + 8 (3 bytes padded) + 8 + 8
        assertEquals(56, bytes.length);
        assertEquals(m, Codec.decodeOne(bytes));
        assertArrayEquals(bytes, Codec.encode(Codec.decodeOne(bytes)));
    }

    @Test
    void payloadOfTheWrongShapeStaysRaw() {
        // IFLA_MTU (4) with 2 bytes, IFLA_IFNAME (3) with an inner NUL: both kept as Unknown
        byte[] msg = hex("30000000 1000 0500 01000000 00000000"
                + "00000000 00000000 00000000 00000000"
                + "0600 0400 dc05 0000"
                + "0800 0300 61006200");
        Message m = Codec.decodeOne(msg);
        assertInstanceOf(Attr.Unknown.class, m.attrs().get(Ifla.IFLA_MTU));
        assertInstanceOf(Attr.Unknown.class, m.attrs().get(Ifla.IFLA_IFNAME));
        assertArrayEquals(msg, Codec.encode(m));
    }

    @Test
    void stringWithoutNulIsRemembered() {
        Attrs a = Attrs.builder().chars(Ifla.IFLA_INFO_KIND, "veth").build();
        Message m = Message.request(Rtm.RTM_NEWLINK, 0, IfInfoMsg.EMPTY,
                Attrs.builder().nested(Ifla.IFLA_LINKINFO, b -> b.addAll(a)).build());
        Message back = Codec.decodeOne(Codec.encode(m));
        assertEquals(new Attr.Str(Ifla.IFLA_INFO_KIND, "veth", false),
                back.attrs().nested(Ifla.IFLA_LINKINFO).get(Ifla.IFLA_INFO_KIND));
        assertEquals("veth", back.attrs().nested(Ifla.IFLA_LINKINFO).str(Ifla.IFLA_INFO_KIND));
    }

    @Test
    void infoDataOfAnUnknownKindStaysRaw() {
        Message m = Message.request(Rtm.RTM_NEWLINK, 0, IfInfoMsg.EMPTY, Attrs.builder()
                .nested(Ifla.IFLA_LINKINFO, i -> i.str(Ifla.IFLA_INFO_KIND, "wireguard")
                        .nested(Ifla.IFLA_INFO_DATA, d -> d.u32(1, 5)))
                .build());
        Message back = Codec.decodeOne(Codec.encode(m));
        assertInstanceOf(Attr.Unknown.class, back.attrs().nested(Ifla.IFLA_LINKINFO).get(Ifla.IFLA_INFO_DATA));
        assertArrayEquals(Codec.encode(m), Codec.encode(back));
    }

    @Test
    void severalMessagesPerDatagramAndTrailingZeros() {
        Message a = Message.request(Rtm.RTM_DELLINK, 0, IfInfoMsg.ofIndex(1), Attrs.of());
        Message b = Message.request(Rtm.RTM_DELLINK, 0, IfInfoMsg.ofIndex(2), Attrs.of()).withSeq(9);
        byte[] both = Codec.encode(List.of(a, b));
        byte[] padded = java.util.Arrays.copyOf(both, both.length + 40);
        assertEquals(List.of(a, b), Codec.decode(padded));
    }

    @Test
    void lengthsThatOverrunAreRefused() {
        byte[] bad = hex("40000000 1000 0500 01000000 00000000");
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> Codec.decode(bad));
        assertEquals("netlink message at byte 0: nlmsg_len 64 outside 16..16", e.getMessage());
        byte[] tooShort = hex("10000000 0300 0000 01000000 00000000 08000000 1000 0500 01000000 00000000");
        e = assertThrows(MalformedMessageException.class, () -> Codec.decode(tooShort));
        assertEquals(16, e.offset());
    }

    /**
     * The echoed request's nlmsg_len is a __u32 the request's sender chose: one past the end of the error
     * message leaves the message raw, whatever its size (no sum of it wraps around, no 4 GiB length reads as
     * an empty payload).
     */
    @Test
    void echoedRequestLengthsPastTheMessageStayRaw() {
        for (String len : List.of("30000000", "ffffff7f", "f0ffffff", "00000080")) {
            // NLMSG_ERROR with NLM_F_ACK_TLVS: error -22, the echoed header claiming len bytes, NLMSGERR_ATTR_OFFS
            byte[] msg = hex("2c000000 0200 0002 01000000 00000000 eaffffff" + len + "1000 0500 01000000 00000000"
                    + "0800 0200 14000000");
            Message m = Codec.decodeOne(msg);
            assertInstanceOf(Body.Raw.class, m.body(), len);
            assertArrayEquals(msg, Codec.encode(m));
        }
        // the same with the request header alone echoed: typed
        byte[] ok = hex("2c000000 0200 0002 01000000 00000000 eaffffff 10000000 1000 0500 01000000 00000000"
                + "0800 0200 14000000");
        Body.NlMsgErr e = assertInstanceOf(Body.NlMsgErr.class, Codec.decodeOne(ok).body());
        assertEquals(20, e.offset());
    }

    @Test
    void integersInHostOrderPortsInNetworkOrder() {
        Attrs a = Attrs.builder().u16(Ifla.IFLA_VLAN_ID, 0x0102).be16(Ifla.IFLA_VXLAN_PORT, 0x0102).build();
        byte[] out = new byte[Codec.attrsSize(a)];
        Codec.writeAttrs(a, java.nio.ByteBuffer.wrap(out).order(java.nio.ByteOrder.nativeOrder()));
        assertEquals("060001000201000006000f0001020000", HexFormat.of().formatHex(out));
    }

    @Test
    void namesForErrorMessages() {
        assertEquals("RTM_NEWLINK", Names.messageType(Rtm.RTM_NEWLINK));
        assertEquals("RTM_GETROUTE", Names.messageType(Rtm.RTM_GETROUTE));
        assertEquals("NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE", Names.flags(Rtm.RTM_NEWLINK, 0x605));
        assertEquals("NLM_F_REQUEST|NLM_F_DUMP", Names.flags(Rtm.RTM_GETLINK, 0x301));
        assertEquals("NLM_F_CAPPED", Names.flags(Nl.NLMSG_ERROR, 0x100));
        assertEquals(List.of("UP", "BROADCAST", "LOWER_UP"), Names.interfaceFlags(0x10003));
    }
}
