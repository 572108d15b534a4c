package dev.berth.netlink.ops;

import dev.berth.netlink.codec.Attrs;
import dev.berth.netlink.codec.IfInfoMsg;
import dev.berth.netlink.codec.Iff;
import dev.berth.netlink.codec.Ifla;
import dev.berth.netlink.codec.Message;
import dev.berth.netlink.codec.Nl;
import dev.berth.netlink.codec.Rtm;

/**
 * Changes to an existing link for {@link Links#set(String, LinkChange)}, sent as one
 * {@code RTM_NEWLINK} without {@code NLM_F_CREATE} (as {@code ip link set} does): state in
 * {@code ifi_flags}/{@code ifi_change}, the rest as {@code IFLA_*} attributes. Mutable builder.
 */
public final class LinkChange {
    private Boolean up;
    private Boolean promisc;
    private Boolean hairpin;
    private String name;
    private Integer mtu;
    private byte[] address;
    private Integer txqlen;
    private Integer master;
    private NewLink.Netns netns;
    private String alias;

    /** An empty change. */
    public static LinkChange of() {
        return new LinkChange();
    }

    /** Set {@code IFF_UP}. */
    public LinkChange up() {
        this.up = true;
        return this;
    }

    /** Clear {@code IFF_UP}. */
    public LinkChange down() {
        this.up = false;
        return this;
    }

    /** Set or clear {@code IFF_PROMISC} ({@code ip link set DEV promisc on|off}). */
    public LinkChange promisc(boolean on) {
        this.promisc = on;
        return this;
    }

    /**
     * A bridge port's hairpin mode ({@code IFLA_BRPORT_MODE}), as {@code ip link set DEV type bridge_slave
     * hairpin on|off} sends it: {@code IFLA_LINKINFO} with kind {@code bridge_slave} and
     * {@code IFLA_INFO_SLAVE_DATA}. The link must be a port of a bridge.
     */
    public LinkChange hairpin(boolean on) {
        this.hairpin = on;
        return this;
    }

    /** Rename ({@code IFLA_IFNAME}); the link must be down. */
    public LinkChange name(String name) {
        this.name = name;
        return this;
    }

    String newName() {
        return name;
    }

    public LinkChange mtu(int mtu) {
        this.mtu = mtu;
        return this;
    }

    /** The link-layer address. */
    public LinkChange address(byte[] mac) {
        this.address = mac.clone();
        return this;
    }

    public LinkChange txqlen(int txqlen) {
        this.txqlen = txqlen;
        return this;
    }

    /** Make the link a port of bridge (or bond) {@code masterIndex} ({@code IFLA_MASTER}). */
    public LinkChange master(int masterIndex) {
        this.master = masterIndex;
        return this;
    }

    /** Release the link from its master ({@code IFLA_MASTER} 0). */
    public LinkChange noMaster() {
        this.master = 0;
        return this;
    }

    /** Move the link to another network namespace. */
    public LinkChange netns(NewLink.Netns netns) {
        this.netns = netns;
        return this;
    }

    public LinkChange alias(String alias) {
        this.alias = alias;
        return this;
    }

    /**
     * The request for the link with {@code index}, or, when {@code index} is 0, the link named
     * {@code currentName} (the kernel finds a link by {@code IFLA_IFNAME} when the index is 0, which
     * saves a lookup; a rename needs the index).
     */
    public Message toRequest(int index, String currentName) {
        if (index == 0 && name != null) {
            throw new IllegalArgumentException("renaming needs the link's index");
        }
        int flags = (up != null && up ? Iff.IFF_UP : 0) | (promisc != null && promisc ? Iff.IFF_PROMISC : 0);
        int change = (up == null ? 0 : Iff.IFF_UP) | (promisc == null ? 0 : Iff.IFF_PROMISC);
        Attrs.Builder b = Attrs.builder();
        if (index == 0) {
            b.str(Ifla.IFLA_IFNAME, currentName);
        } else if (name != null) {
            b.str(Ifla.IFLA_IFNAME, name);
        }
        if (mtu != null) {
            b.u32(Ifla.IFLA_MTU, mtu);
        }
        if (address != null) {
            b.bin(Ifla.IFLA_ADDRESS, address);
        }
        if (txqlen != null) {
            b.u32(Ifla.IFLA_TXQLEN, txqlen);
        }
        if (master != null) {
            b.u32(Ifla.IFLA_MASTER, master);
        }
        if (netns != null) {
            netns.put(b);
        }
        if (alias != null) {
            b.str(Ifla.IFLA_IFALIAS, alias);
        }
        if (hairpin != null) {
            b.nested(Ifla.IFLA_LINKINFO, info -> info.chars(Ifla.IFLA_INFO_KIND, "bridge_slave")
                    .nested(Ifla.IFLA_INFO_SLAVE_DATA, d -> d.u8(Ifla.IFLA_BRPORT_MODE, hairpin ? 1 : 0)));
        }
        return Message.request(Rtm.RTM_NEWLINK, Nl.NLM_F_ACK, new IfInfoMsg(0, 0, index, flags, change), b.build());
    }
}
