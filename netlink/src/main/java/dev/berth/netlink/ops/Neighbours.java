package dev.berth.netlink.ops;

import dev.berth.netlink.client.NetlinkClient;
import dev.berth.netlink.codec.Attrs;
import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.codec.Message;
import dev.berth.netlink.codec.Nda;
import dev.berth.netlink.codec.NdMsg;
import dev.berth.netlink.codec.Nl;
import dev.berth.netlink.codec.Rtm;
import dev.berth.syscall.ErrnoException;
import java.util.ArrayList;
import java.util.List;

/** Neighbour (ARP/NDP) entries ({@code ip neigh}): add, replace, delete, list. */
public final class Neighbours {
    private final NetlinkClient nl;
    private final Links links;

    Neighbours(NetlinkClient nl, Links links) {
        this.nl = nl;
        this.links = links;
    }

    /** {@code ip neigh add ADDR lladdr MAC dev DEV nud STATE}; {@code state} is {@code NUD_*}. */
    public void add(String dev, byte[] address, byte[] lladdr, int state) throws ErrnoException {
        nl.request(request(Rtm.RTM_NEWNEIGH, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, links.index(dev), address, lladdr, state));
    }

    /** {@code ip neigh replace}. */
    public void replace(String dev, byte[] address, byte[] lladdr, int state) throws ErrnoException {
        nl.request(request(Rtm.RTM_NEWNEIGH, Nl.NLM_F_CREATE | Nl.NLM_F_REPLACE, links.index(dev), address, lladdr,
                state));
    }

    /** {@code ip neigh del ADDR dev DEV}. */
    public void delete(String dev, byte[] address) throws ErrnoException {
        nl.request(request(Rtm.RTM_DELNEIGH, 0, links.index(dev), address, null, 0));
    }

    /** The request, in iproute2's layout ({@code NDA_DST} then {@code NDA_LLADDR}). */
    public static Message request(int type, int nlFlags, int index, byte[] address, byte[] lladdr, int state) {
        Attrs.Builder b = Attrs.builder().bin(Nda.NDA_DST, address);
        if (lladdr != null) {
            b.bin(Nda.NDA_LLADDR, lladdr);
        }
        return Message.request(type, Nl.NLM_F_ACK | nlFlags, new NdMsg(Inet.family(address), index, state, 0, 0),
                b.build());
    }

    /**
     * Every entry of {@code family} (0 for all) on link {@code index} (0 for all). Under strict checking the
     * kernel filters by {@code NDA_IFINDEX} (the header's index must stay 0).
     */
    public List<Neighbour> list(int family, int index) throws ErrnoException {
        Attrs attrs = index != 0 && nl.strictChecking() ? Attrs.builder().u32(Nda.NDA_IFINDEX, index).build() : Attrs.of();
        Message req = Message.request(Rtm.RTM_GETNEIGH, 0, new NdMsg(family, 0, 0, 0, 0), attrs);
        List<Neighbour> out = new ArrayList<>();
        for (Message m : nl.dump(req)) {
            if (m.type() == Rtm.RTM_NEWNEIGH) {
                Neighbour n = Neighbour.of(m);
                if ((family == 0 || n.family() == family) && (index == 0 || n.index() == index)) {
                    out.add(n);
                }
            }
        }
        return out;
    }
}
