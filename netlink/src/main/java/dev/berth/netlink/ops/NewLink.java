package dev.berth.netlink.ops;

import dev.berth.netlink.codec.Attrs;
import dev.berth.netlink.codec.IfInfoMsg;
import dev.berth.netlink.codec.Iff;
import dev.berth.netlink.codec.Ifla;
import dev.berth.netlink.codec.Message;
import dev.berth.netlink.codec.Nl;
import dev.berth.netlink.codec.Rtm;
import java.util.Objects;

/**
 * What to create with {@link Links#add(NewLink)}: a link of one kind ({@code veth}, {@code bridge},
 * {@code dummy}, {@code vlan}, {@code macvlan}, {@code ipvlan}, {@code vxlan}) with its options, made
 * into one {@code RTM_NEWLINK} request with {@code NLM_F_CREATE|NLM_F_EXCL}. The attribute layout is
 * the one the kernel documents for each kind ({@code IFLA_INFO_DATA} of {@code drivers/net/veth.c},
 * {@code net/8021q/vlan_netlink.c}, {@code drivers/net/macvlan.c}, {@code drivers/net/ipvlan},
 * {@code drivers/net/vxlan}) and the order is iproute2's, which the golden tests compare byte for byte.
 *
 * <p>Builders are mutable and not thread-safe; each setter returns {@code this}.
 */
public final class NewLink {
    /** {@code MACVLAN_MODE_*}. */
    public enum MacvlanMode {
        PRIVATE(Ifla.MACVLAN_MODE_PRIVATE), VEPA(Ifla.MACVLAN_MODE_VEPA), BRIDGE(Ifla.MACVLAN_MODE_BRIDGE),
        PASSTHRU(Ifla.MACVLAN_MODE_PASSTHRU), SOURCE(Ifla.MACVLAN_MODE_SOURCE);

        final int value;

        MacvlanMode(int value) {
            this.value = value;
        }
    }

    /** {@code IPVLAN_MODE_*}. */
    public enum IpvlanMode {
        L2(Ifla.IPVLAN_MODE_L2), L3(Ifla.IPVLAN_MODE_L3), L3S(Ifla.IPVLAN_MODE_L3S);

        final int value;

        IpvlanMode(int value) {
            this.value = value;
        }
    }

    /** Where a new link (or a veth peer) is created: a namespace given by process id or by open fd. */
    public record Netns(boolean byFd, int value) {
        public static Netns pid(int pid) {
            return new Netns(false, pid);
        }

        public static Netns fd(int fd) {
            return new Netns(true, fd);
        }

        void put(Attrs.Builder b) {
            b.u32(byFd ? Ifla.IFLA_NET_NS_FD : Ifla.IFLA_NET_NS_PID, value);
        }
    }

    private final String name;
    private final String kind;
    private String parentName;
    private int parentIndex;
    private Integer mtu;
    private byte[] address;
    private Integer txqlen;
    private boolean up;
    private Netns netns;
    private String peerName;
    private byte[] peerAddress;
    private Integer peerMtu;
    private Integer peerTxqlen;
    private Netns peerNetns;
    private int vlanId;
    private MacvlanMode macvlanMode;
    private IpvlanMode ipvlanMode;
    private int ipvlanFlags;
    private int vni;
    private Integer port;
    private byte[] remote;
    private byte[] local;
    private Integer ttl;
    private boolean learning = true;

    private NewLink(String name, String kind) {
        this.name = Objects.requireNonNull(name, "name");
        this.kind = kind;
    }

    /** A veth pair: {@code name} here, {@code peer} at the other end (in {@link #peerNetns} if set). */
    public static NewLink veth(String name, String peer) {
        NewLink l = new NewLink(name, "veth");
        l.peerName = peer;
        return l;
    }

    /** A bridge. */
    public static NewLink bridge(String name) {
        return new NewLink(name, "bridge");
    }

    /** A dummy device (module {@code dummy}). */
    public static NewLink dummy(String name) {
        return new NewLink(name, "dummy");
    }

    /** An 802.1Q VLAN device with id {@code id} on {@code parent} (module {@code 8021q}). */
    public static NewLink vlan(String name, String parent, int id) {
        NewLink l = new NewLink(name, "vlan");
        l.parentName = parent;
        l.vlanId = id;
        return l;
    }

    /** A macvlan device on {@code parent}. */
    public static NewLink macvlan(String name, String parent, MacvlanMode mode) {
        NewLink l = new NewLink(name, "macvlan");
        l.parentName = parent;
        l.macvlanMode = mode;
        return l;
    }

    /** An ipvlan device on {@code parent} (module {@code ipvlan}). */
    public static NewLink ipvlan(String name, String parent, IpvlanMode mode) {
        NewLink l = new NewLink(name, "ipvlan");
        l.parentName = parent;
        l.ipvlanMode = mode;
        return l;
    }

    /** A VXLAN device with network identifier {@code vni}. */
    public static NewLink vxlan(String name, int vni) {
        NewLink l = new NewLink(name, "vxlan");
        l.vni = vni;
        return l;
    }

    /** Any other kind, with no kind-specific data. */
    public static NewLink ofKind(String name, String kind) {
        return new NewLink(name, kind);
    }

    public String name() {
        return name;
    }

    public String kind() {
        return kind;
    }

    /** The lower device: {@code IFLA_LINK} (vlan, macvlan, ipvlan) or {@code IFLA_VXLAN_LINK} (vxlan). */
    public NewLink parent(String parent) {
        this.parentName = parent;
        this.parentIndex = 0;
        return this;
    }

    /** The lower device by index. */
    public NewLink parent(int index) {
        this.parentIndex = index;
        this.parentName = null;
        return this;
    }

    String parentName() {
        return parentName;
    }

    public NewLink mtu(int mtu) {
        this.mtu = mtu;
        return this;
    }

    /** The link-layer address ({@code IFLA_ADDRESS}). */
    public NewLink address(byte[] mac) {
        this.address = mac.clone();
        return this;
    }

    public NewLink txqlen(int txqlen) {
        this.txqlen = txqlen;
        return this;
    }

    /** Bring the link up as it is created. */
    public NewLink up() {
        this.up = true;
        return this;
    }

    /** Create the link directly in another namespace ({@code IFLA_NET_NS_PID}/{@code IFLA_NET_NS_FD}). */
    public NewLink netns(Netns netns) {
        this.netns = netns;
        return this;
    }

    /** veth: create the peer directly in another namespace. */
    public NewLink peerNetns(Netns netns) {
        this.peerNetns = netns;
        return this;
    }

    /** veth: the peer's link-layer address. */
    public NewLink peerAddress(byte[] mac) {
        this.peerAddress = mac.clone();
        return this;
    }

    /** veth: the peer's MTU. */
    public NewLink peerMtu(int mtu) {
        this.peerMtu = mtu;
        return this;
    }

    /** veth: the peer's transmit queue length ({@code IFLA_TXQLEN} of the peer). */
    public NewLink peerTxqlen(int txqlen) {
        this.peerTxqlen = txqlen;
        return this;
    }

    /** ipvlan: {@code IPVLAN_F_PRIVATE}, {@code IPVLAN_F_VEPA}. */
    public NewLink ipvlanFlags(int flags) {
        this.ipvlanFlags = flags;
        return this;
    }

    /** vxlan: the UDP destination port ({@code IFLA_VXLAN_PORT}; the kernel's default is 8472, IANA's 4789). */
    public NewLink port(int port) {
        this.port = port;
        return this;
    }

    /** vxlan: the remote end or multicast group ({@code IFLA_VXLAN_GROUP}/{@code GROUP6}). */
    public NewLink remote(byte[] address) {
        this.remote = address.clone();
        return this;
    }

    /** vxlan: the local address ({@code IFLA_VXLAN_LOCAL}/{@code LOCAL6}). */
    public NewLink local(byte[] address) {
        this.local = address.clone();
        return this;
    }

    /** vxlan: the TTL of outer packets. */
    public NewLink ttl(int ttl) {
        this.ttl = ttl;
        return this;
    }

    /** vxlan: whether to learn remote MACs (default on, as with {@code ip}). */
    public NewLink learning(boolean on) {
        this.learning = on;
        return this;
    }

    /**
     * The request. {@code parent} is the resolved index of the lower device ({@link #parent(String)} is
     * resolved by {@link Links#add}), 0 for none.
     */
    public Message toRequest(int parent) {
        int p = parentIndex != 0 ? parentIndex : parent;
        if (parentName != null && p == 0) {
            throw new IllegalStateException("parent " + parentName + " not resolved");
        }
        Attrs.Builder b = Attrs.builder();
        if (p != 0 && !kind.equals("vxlan")) {
            b.u32(Ifla.IFLA_LINK, p);
        }
        b.str(Ifla.IFLA_IFNAME, name);
        if (mtu != null) {
            b.u32(Ifla.IFLA_MTU, mtu);
        }
        if (address != null) {
            b.bin(Ifla.IFLA_ADDRESS, address);
        }
        if (txqlen != null) {
            b.u32(Ifla.IFLA_TXQLEN, txqlen);
        }
        if (netns != null) {
            netns.put(b);
        }
        b.nested(Ifla.IFLA_LINKINFO, info -> {
            // iproute2 sends the kind without its NUL; the kernel accepts both.
            info.chars(Ifla.IFLA_INFO_KIND, kind);
            kindData(info, p);
        });
        IfInfoMsg h = up ? new IfInfoMsg(0, 0, 0, Iff.IFF_UP, Iff.IFF_UP) : IfInfoMsg.EMPTY;
        return Message.request(Rtm.RTM_NEWLINK, Nl.NLM_F_ACK | Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, h, b.build());
    }

    private void kindData(Attrs.Builder info, int parent) {
        switch (kind) {
            case "veth" -> info.nested(Ifla.IFLA_INFO_DATA, d -> d.peer(Ifla.VETH_INFO_PEER, IfInfoMsg.EMPTY, peer -> {
                peer.str(Ifla.IFLA_IFNAME, peerName);
                if (peerMtu != null) {
                    peer.u32(Ifla.IFLA_MTU, peerMtu);
                }
                if (peerAddress != null) {
                    peer.bin(Ifla.IFLA_ADDRESS, peerAddress);
                }
                if (peerTxqlen != null) {
                    peer.u32(Ifla.IFLA_TXQLEN, peerTxqlen);
                }
                if (peerNetns != null) {
                    peerNetns.put(peer);
                }
            }));
            case "vlan" -> info.nested(Ifla.IFLA_INFO_DATA, d -> d.u16(Ifla.IFLA_VLAN_ID, vlanId));
            case "macvlan" -> info.nested(Ifla.IFLA_INFO_DATA, d -> d.u32(Ifla.IFLA_MACVLAN_MODE, macvlanMode.value));
            case "ipvlan" -> info.nested(Ifla.IFLA_INFO_DATA, d -> d.u16(Ifla.IFLA_IPVLAN_MODE, ipvlanMode.value)
                    .u16(Ifla.IFLA_IPVLAN_FLAGS, ipvlanFlags));
            case "vxlan" -> info.nested(Ifla.IFLA_INFO_DATA, d -> {
                if (parent != 0) {
                    d.u32(Ifla.IFLA_VXLAN_LINK, parent);
                }
                d.u32(Ifla.IFLA_VXLAN_ID, vni);
                if (remote != null) {
                    d.bin(remote.length == 16 ? Ifla.IFLA_VXLAN_GROUP6 : Ifla.IFLA_VXLAN_GROUP, remote);
                }
                if (local != null) {
                    d.bin(local.length == 16 ? Ifla.IFLA_VXLAN_LOCAL6 : Ifla.IFLA_VXLAN_LOCAL, local);
                }
                if (ttl != null) {
                    d.u8(Ifla.IFLA_VXLAN_TTL, ttl);
                }
                d.u8(Ifla.IFLA_VXLAN_LEARNING, learning ? 1 : 0);
                if (port != null) {
                    d.be16(Ifla.IFLA_VXLAN_PORT, port);
                }
            });
            default -> {}
        }
    }
}
