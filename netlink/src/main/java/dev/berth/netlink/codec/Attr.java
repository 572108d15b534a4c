package dev.berth.netlink.codec;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * One netlink attribute ({@code struct nlattr} of {@code <linux/netlink.h>}): a 16-bit type, a length
 * and a payload padded to four bytes. {@link #type()} is the type exactly as on the wire, including the
 * {@link Nl#NLA_F_NESTED} and {@link Nl#NLA_F_NET_BYTEORDER} bits when a sender set them; {@link #id()}
 * is the type without them, the number the {@code IFLA_*}, {@code RTA_*}... constants name.
 *
 * <p>The decoder makes a typed attribute only when the payload has exactly the shape its policy
 * expects (a {@code u32} of four bytes, a string with one terminating NUL); anything else, and every
 * attribute the policy does not know, becomes {@link Unknown} with its raw bytes, so that
 * decode-then-encode gives back the same bytes.
 *
 * <p>Integers are in host byte order, as the kernel sends them, except {@link Be16} and {@link Be32}
 * (network order, such as {@code IFLA_VXLAN_PORT}). Addresses (IP and link-layer) are raw bytes in
 * {@link Bin}, in network order as always.
 */
public sealed interface Attr {
    /** The wire type, including the {@code NLA_F_*} flag bits. */
    int type();

    /** The type without the {@code NLA_F_*} flag bits. */
    default int id() {
        return type() & Nl.NLA_TYPE_MASK & 0xffff;
    }

    /** An 8-bit unsigned integer. */
    record U8(int type, int value) implements Attr {}

    /** A 16-bit unsigned integer in host order. */
    record U16(int type, int value) implements Attr {}

    /** A 32-bit integer in host order (unsigned for most attributes, signed for a few such as fds). */
    record U32(int type, int value) implements Attr {}

    /** A 64-bit integer in host order. */
    record U64(int type, long value) implements Attr {}

    /** A 16-bit unsigned integer in network byte order (ports, protocol numbers). */
    record Be16(int type, int value) implements Attr {}

    /** A 32-bit integer in network byte order. */
    record Be32(int type, int value) implements Attr {}

    /**
     * A string; {@code value} excludes the NUL. The kernel writes strings NUL-terminated; some senders
     * (iproute2 for {@code IFLA_INFO_KIND}) leave the NUL out, which {@code terminated} remembers so the
     * bytes survive a round trip.
     */
    record Str(int type, String value, boolean terminated) implements Attr {
        /** A NUL-terminated string, the way the kernel writes them. */
        public Str(int type, String value) {
            this(type, value, true);
        }
    }

    /** A flag: present or absent, no payload. */
    record Flag(int type) implements Attr {}

    /** Binary data of a known attribute: an address, a MAC, a struct. */
    record Bin(int type, byte[] value) implements Attr {
        public Bin {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bin b && b.type == type && Arrays.equals(b.value, value);
        }

        @Override
        public int hashCode() {
            return 31 * type + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bin[type=" + type + ", value=" + HexFormat.of().formatHex(value) + "]";
        }
    }

    /** Nested attributes. */
    record Nested(int type, Attrs attrs) implements Attr {}

    /**
     * A fixed header followed by attributes, as {@code VETH_INFO_PEER} carries a whole
     * {@code struct ifinfomsg} and {@code IFLA_*} attributes for the peer.
     */
    record Peer(int type, IfInfoMsg header, Attrs attrs) implements Attr {}

    /** {@code RTA_MULTIPATH}: an array of {@code struct rtnexthop}, each followed by its attributes. */
    record Multipath(int type, List<NextHop> hops) implements Attr {
        public Multipath {
            hops = List.copyOf(hops);
        }
    }

    /** An attribute the policy does not know (or whose payload had an unexpected shape), kept raw. */
    record Unknown(int type, byte[] payload) implements Attr {
        public Unknown {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u && u.type == type && Arrays.equals(u.payload, payload);
        }

        @Override
        public int hashCode() {
            return 31 * type + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Unknown[type=" + type + ", payload=" + HexFormat.of().formatHex(payload) + "]";
        }
    }
}
