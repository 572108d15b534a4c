package dev.berth.netlink.ops;

import dev.berth.netlink.client.NetlinkClient;
import dev.berth.netlink.client.NetlinkException;
import dev.berth.netlink.codec.Attrs;
import dev.berth.netlink.codec.IfInfoMsg;
import dev.berth.netlink.codec.Ifla;
import dev.berth.netlink.codec.Message;
import dev.berth.netlink.codec.Nl;
import dev.berth.netlink.codec.Rtm;
import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Links ({@code ip link}): list, look up, create ({@link NewLink}), change ({@link LinkChange}), delete.
 * Requests go through one {@link NetlinkClient}, so the same thread-safety rules apply.
 */
public final class Links {
    private final NetlinkClient nl;

    Links(NetlinkClient nl) {
        this.nl = nl;
    }

    /** Every link ({@code RTM_GETLINK} dump, statistics left out). */
    public List<Link> list() throws ErrnoException {
        return list(0);
    }

    /**
     * Every link, as the address family {@code family} sees it: {@code AF_UNSPEC} (0) gives everything;
     * {@code AF_INET6} makes the kernel answer with IPv6's view ({@code inet6_fill_ifinfo}), as
     * {@code ip -6 addr} asks.
     */
    public List<Link> list(int family) throws ErrnoException {
        // Family dumps are answered by that family's handler, which (strictly checked) takes no attributes.
        Attrs attrs = family == 0 ? Attrs.builder().u32(Ifla.IFLA_EXT_MASK, Rtm.RTEXT_FILTER_SKIP_STATS).build()
                : Attrs.of();
        Message req = Message.request(Rtm.RTM_GETLINK, 0, new IfInfoMsg(family, 0, 0, 0, 0), attrs);
        List<Link> out = new ArrayList<>();
        for (Message m : nl.dump(req)) {
            if (m.type() == Rtm.RTM_NEWLINK) {
                out.add(Link.of(m));
            }
        }
        return out;
    }

    /** The link called {@code name}, if there is one. */
    public Optional<Link> find(String name) throws ErrnoException {
        return find(0, name);
    }

    /** The link with {@code index}, if there is one. */
    public Optional<Link> find(int index) throws ErrnoException {
        return find(index, null);
    }

    private Optional<Link> find(int index, String name) throws ErrnoException {
        Attrs.Builder b = Attrs.builder().u32(Ifla.IFLA_EXT_MASK, Rtm.RTEXT_FILTER_SKIP_STATS);
        if (name != null) {
            b.str(Ifla.IFLA_IFNAME, name);
        }
        try {
            return Optional.of(Link.of(nl.get(Message.request(Rtm.RTM_GETLINK, 0, IfInfoMsg.ofIndex(index), b.build()))));
        } catch (NetlinkException e) {
            if (e.is(Errno.ENODEV)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The link called {@code name}; a {@link NetlinkException} {@code ENODEV} if there is none. */
    public Link get(String name) throws ErrnoException {
        Attrs.Builder b = Attrs.builder().u32(Ifla.IFLA_EXT_MASK, Rtm.RTEXT_FILTER_SKIP_STATS).str(Ifla.IFLA_IFNAME, name);
        return Link.of(nl.get(Message.request(Rtm.RTM_GETLINK, 0, IfInfoMsg.EMPTY, b.build())));
    }

    /** The link with {@code index}; a {@link NetlinkException} {@code ENODEV} if there is none. */
    public Link get(int index) throws ErrnoException {
        Attrs b = Attrs.builder().u32(Ifla.IFLA_EXT_MASK, Rtm.RTEXT_FILTER_SKIP_STATS).build();
        return Link.of(nl.get(Message.request(Rtm.RTM_GETLINK, 0, IfInfoMsg.ofIndex(index), b)));
    }

    /** The index of the link called {@code name}. */
    public int index(String name) throws ErrnoException {
        return get(name).index();
    }

    /**
     * Creates a link. The request carries {@code NLM_F_ECHO}, so the kernel answers with the new link and
     * no second lookup is needed (kernels that do not echo get a lookup by name instead). A link created
     * in another namespace is not visible here: then null is returned.
     */
    public Link add(NewLink spec) throws ErrnoException {
        int parent = spec.parentName() == null ? 0 : index(spec.parentName());
        Message req = spec.toRequest(parent);
        List<Message> replies = nl.request(req.withFlags(req.flags() | Nl.NLM_F_ECHO));
        for (Message m : replies) {
            if (m.type() == Rtm.RTM_NEWLINK && spec.name().equals(m.attrs().str(Ifla.IFLA_IFNAME))) {
                return Link.of(m);
            }
        }
        return find(spec.name()).orElse(null);
    }

    /** Creates a link without waiting for anything but the ACK. */
    public void create(NewLink spec) throws ErrnoException {
        int parent = spec.parentName() == null ? 0 : index(spec.parentName());
        nl.request(spec.toRequest(parent));
    }

    /** Deletes the link called {@code name} (both ends of a veth pair go). */
    public void delete(String name) throws ErrnoException {
        nl.request(Message.request(Rtm.RTM_DELLINK, 0, IfInfoMsg.EMPTY,
                Attrs.builder().str(Ifla.IFLA_IFNAME, name).build()));
    }

    /** Deletes the link with {@code index}. */
    public void delete(int index) throws ErrnoException {
        nl.request(Message.request(Rtm.RTM_DELLINK, 0, IfInfoMsg.ofIndex(index), Attrs.of()));
    }

    /** Applies {@code change} to the link called {@code name}. */
    public void set(String name, LinkChange change) throws ErrnoException {
        int index = change.newName() != null ? index(name) : 0;
        nl.request(change.toRequest(index, name));
    }

    /** Applies {@code change} to the link with {@code index}. */
    public void set(int index, LinkChange change) throws ErrnoException {
        nl.request(change.toRequest(index, null));
    }

    /** {@code ip link set NAME up}. */
    public void up(String name) throws ErrnoException {
        set(name, LinkChange.of().up());
    }

    /** {@code ip link set NAME down}. */
    public void down(String name) throws ErrnoException {
        set(name, LinkChange.of().down());
    }

    /** {@code ip link set NAME master BRIDGE}. */
    public void setMaster(String name, String master) throws ErrnoException {
        set(name, LinkChange.of().master(index(master)));
    }

    /** {@code ip link set NAME nomaster}. */
    public void noMaster(String name) throws ErrnoException {
        set(name, LinkChange.of().noMaster());
    }

    /** {@code ip link set NAME netns PID|FD}. */
    public void moveTo(String name, NewLink.Netns netns) throws ErrnoException {
        set(name, LinkChange.of().netns(netns));
    }
}
