package dev.berth.netlink.ops;

import dev.berth.netlink.codec.Attrs;
import dev.berth.netlink.codec.Ifa;
import dev.berth.netlink.codec.IfAddrMsg;
import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.codec.Message;
import dev.berth.netlink.codec.Nl;
import dev.berth.netlink.codec.Rtm;

/**
 * An address to add with {@link Addresses#add(String, NewAddress)}: {@code ip addr add PREFIX [peer P]
 * [broadcast B|+] [label L] [scope S] [nodad] [noprefixroute]}. Mutable builder; the request's attribute
 * order is iproute2's.
 */
public final class NewAddress {
    private final Inet.Prefix prefix;
    private byte[] peer;
    private byte[] broadcast;
    private boolean broadcastAuto;
    private String label;
    private int scope;
    private int flags;
    private Integer metric;

    private NewAddress(Inet.Prefix prefix) {
        this.prefix = prefix;
    }

    /** {@code 198.18.0.1/24}, {@code 2001:2::1/64}. */
    public static NewAddress of(String prefix) {
        return new NewAddress(Inet.Prefix.parse(prefix));
    }

    public static NewAddress of(Inet.Prefix prefix) {
        return new NewAddress(prefix);
    }

    public Inet.Prefix prefix() {
        return prefix;
    }

    /** The far end of a point-to-point link ({@code IFA_ADDRESS}). */
    public NewAddress peer(byte[] peer) {
        this.peer = peer.clone();
        return this;
    }

    /** An explicit IPv4 broadcast address. */
    public NewAddress broadcast(byte[] broadcast) {
        this.broadcast = broadcast.clone();
        this.broadcastAuto = false;
        return this;
    }

    /** The broadcast address made from the prefix ({@code ip addr add ... brd +}). */
    public NewAddress broadcastAuto() {
        this.broadcastAuto = true;
        this.broadcast = null;
        return this;
    }

    /** {@code IFA_LABEL}: IPv4 only, must start with the link's name ({@code v0:a}). */
    public NewAddress label(String label) {
        this.label = label;
        return this;
    }

    /** {@code RT_SCOPE_*}; universe (global) by default. */
    public NewAddress scope(int scope) {
        this.scope = scope;
        return this;
    }

    /** {@code IFA_F_*} flags, such as {@link Ifa#IFA_F_NODAD} or {@link Ifa#IFA_F_NOPREFIXROUTE}. */
    public NewAddress flags(int flags) {
        this.flags = flags;
        return this;
    }

    /** The metric of the prefix route ({@code IFA_RT_PRIORITY}). */
    public NewAddress metric(int metric) {
        this.metric = metric;
        return this;
    }

    /** {@code RTM_NEWADDR} for the link with {@code index}; {@code flags} {@code NLM_F_CREATE|NLM_F_EXCL} or {@code |NLM_F_REPLACE}. */
    public Message toRequest(int index, int nlFlags) {
        byte[] local = prefix.address();
        IfAddrMsg h = new IfAddrMsg(prefix.family(), prefix.length(), flags & 0xff, scope, index);
        Attrs.Builder b = Attrs.builder().bin(Ifa.IFA_LOCAL, local);
        if (label != null) {
            b.str(Ifa.IFA_LABEL, label);
        }
        b.bin(Ifa.IFA_ADDRESS, peer != null ? peer : local);
        if (broadcastAuto && prefix.family() == 2 && prefix.length() < 31) {
            b.bin(Ifa.IFA_BROADCAST, prefix.broadcast());
        } else if (broadcast != null) {
            b.bin(Ifa.IFA_BROADCAST, broadcast);
        }
        if ((flags & ~0xff) != 0) {
            b.u32(Ifa.IFA_FLAGS, flags);
        }
        if (metric != null) {
            b.u32(Ifa.IFA_RT_PRIORITY, metric);
        }
        return Message.request(Rtm.RTM_NEWADDR, Nl.NLM_F_ACK | nlFlags, h, b.build());
    }
}
