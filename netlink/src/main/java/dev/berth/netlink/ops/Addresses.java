package dev.berth.netlink.ops;

import dev.berth.netlink.client.NetlinkClient;
import dev.berth.netlink.codec.Attrs;
import dev.berth.netlink.codec.Ifa;
import dev.berth.netlink.codec.IfAddrMsg;
import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.codec.Message;
import dev.berth.netlink.codec.Nl;
import dev.berth.netlink.codec.Rtm;
import dev.berth.syscall.ErrnoException;
import java.util.ArrayList;
import java.util.List;

/** Interface addresses ({@code ip addr}): add, replace, delete, list; IPv4 and IPv6. */
public final class Addresses {
    private final NetlinkClient nl;
    private final Links links;

    Addresses(NetlinkClient nl, Links links) {
        this.nl = nl;
        this.links = links;
    }

    /** {@code ip addr add PREFIX dev DEV}. */
    public void add(String dev, String prefix) throws ErrnoException {
        add(links.index(dev), NewAddress.of(prefix));
    }

    /** Adds {@code address} to the link called {@code dev}. */
    public void add(String dev, NewAddress address) throws ErrnoException {
        add(links.index(dev), address);
    }

    /** Adds {@code address} to the link with {@code index}. */
    public void add(int index, NewAddress address) throws ErrnoException {
        nl.request(address.toRequest(index, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL));
    }

    /** Adds or updates ({@code ip addr replace}). */
    public void replace(int index, NewAddress address) throws ErrnoException {
        nl.request(address.toRequest(index, Nl.NLM_F_CREATE | Nl.NLM_F_REPLACE));
    }

    /** {@code ip addr del PREFIX dev DEV}. */
    public void delete(String dev, String prefix) throws ErrnoException {
        delete(links.index(dev), Inet.Prefix.parse(prefix));
    }

    /** Deletes {@code prefix} from the link with {@code index}. */
    public void delete(int index, Inet.Prefix prefix) throws ErrnoException {
        byte[] a = prefix.address();
        nl.request(Message.request(Rtm.RTM_DELADDR, 0, new IfAddrMsg(prefix.family(), prefix.length(), 0, 0, index),
                Attrs.builder().bin(Ifa.IFA_LOCAL, a).bin(Ifa.IFA_ADDRESS, a).build()));
    }

    /** Every address of every family. */
    public List<Address> list() throws ErrnoException {
        return list(0, 0);
    }

    /** The addresses of the link called {@code dev}. */
    public List<Address> list(String dev) throws ErrnoException {
        return list(0, links.index(dev));
    }

    /**
     * Addresses of {@code family} ({@code AF_UNSPEC} 0 for all) on link {@code index} (0 for all). The
     * kernel filters by link under strict checking; the result is filtered here as well.
     */
    public List<Address> list(int family, int index) throws ErrnoException {
        Message req = Message.request(Rtm.RTM_GETADDR, 0, new IfAddrMsg(family, 0, 0, 0, nl.strictChecking() ? index : 0),
                Attrs.of());
        List<Address> out = new ArrayList<>();
        for (Message m : nl.dump(req)) {
            if (m.type() == Rtm.RTM_NEWADDR) {
                Address a = Address.of(m);
                if ((family == 0 || a.family() == family) && (index == 0 || a.index() == index)) {
                    out.add(a);
                }
            }
        }
        return out;
    }
}
