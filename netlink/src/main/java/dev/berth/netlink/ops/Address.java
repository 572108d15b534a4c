package dev.berth.netlink.ops;

import dev.berth.netlink.codec.Attrs;
import dev.berth.netlink.codec.Ifa;
import dev.berth.netlink.codec.IfAddrMsg;
import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.codec.Message;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** An interface address as {@code RTM_NEWADDR} describes it: {@code struct ifaddrmsg} and {@code IFA_*}. */
public record Address(IfAddrMsg header, Attrs attrs) {
    /** "Forever", as {@code IFA_CACHEINFO} lifetimes say it. */
    public static final long INFINITY_LIFE_TIME = 0xffffffffL;

    public static Address of(Message m) {
        return new Address((IfAddrMsg) m.header(), m.attrs());
    }

    /** {@code AF_INET} or {@code AF_INET6}. */
    public int family() {
        return header.family();
    }

    /** The link's index. */
    public int index() {
        return header.index();
    }

    public int prefixLength() {
        return header.prefixlen();
    }

    /** {@code RT_SCOPE_*}. */
    public int scope() {
        return header.scope();
    }

    /** All {@code IFA_F_*} flags ({@code IFA_FLAGS} when present, which has more bits than the header). */
    public int flags() {
        return attrs.u32(Ifa.IFA_FLAGS, header.flags());
    }

    /** The local address ({@code IFA_LOCAL}, or {@code IFA_ADDRESS} where there is no local, as in IPv6). */
    public byte[] local() {
        byte[] l = attrs.bytes(Ifa.IFA_LOCAL);
        return l != null ? l : attrs.bytes(Ifa.IFA_ADDRESS);
    }

    /** {@code IFA_ADDRESS}: the peer on point-to-point links, else the same as {@link #local()}. */
    public byte[] address() {
        return attrs.bytes(Ifa.IFA_ADDRESS);
    }

    /** The local address with its prefix length, {@code 198.18.0.1/24}. */
    public Inet.Prefix prefix() {
        return new Inet.Prefix(local(), prefixLength());
    }

    /** {@code IFA_BROADCAST}, or null. */
    public byte[] broadcast() {
        return attrs.bytes(Ifa.IFA_BROADCAST);
    }

    /** {@code IFA_LABEL}, or null (IPv6 addresses have none). */
    public String label() {
        return attrs.str(Ifa.IFA_LABEL);
    }

    /** The valid lifetime in seconds from {@code IFA_CACHEINFO}, {@link #INFINITY_LIFE_TIME} for forever. */
    public long validLifetime() {
        return cacheinfo(4);
    }

    /** The preferred lifetime in seconds from {@code IFA_CACHEINFO}. */
    public long preferredLifetime() {
        return cacheinfo(0);
    }

    private long cacheinfo(int offset) {
        byte[] ci = attrs.bytes(Ifa.IFA_CACHEINFO);
        if (ci == null || ci.length < 16) {
            return INFINITY_LIFE_TIME;
        }
        return Integer.toUnsignedLong(ByteBuffer.wrap(ci).order(ByteOrder.nativeOrder()).getInt(offset));
    }
}
