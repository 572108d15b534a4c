package dev.berth.netlink.ops;

import dev.berth.netlink.codec.Attrs;
import dev.berth.netlink.codec.Message;
import dev.berth.netlink.codec.Nda;
import dev.berth.netlink.codec.NdMsg;

/** A neighbour (ARP/NDP) entry as {@code RTM_NEWNEIGH} describes it: {@code struct ndmsg} and {@code NDA_*}. */
public record Neighbour(NdMsg header, Attrs attrs) {
    public static Neighbour of(Message m) {
        return new Neighbour((NdMsg) m.header(), m.attrs());
    }

    public int family() {
        return header.family();
    }

    /** The link's index. */
    public int index() {
        return header.ifindex();
    }

    /** {@code NUD_*}. */
    public int state() {
        return header.state();
    }

    /** {@code NTF_*}. */
    public int flags() {
        return header.flags();
    }

    /** {@code NDA_DST}: the neighbour's IP address. */
    public byte[] destination() {
        return attrs.bytes(Nda.NDA_DST);
    }

    /** {@code NDA_LLADDR}: its link-layer address, or null while unresolved. */
    public byte[] lladdr() {
        return attrs.bytes(Nda.NDA_LLADDR);
    }
}
