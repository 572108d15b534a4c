package dev.berth.netlink.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.netlink.codec.Codec;
import dev.berth.netlink.codec.Golden;
import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.codec.Message;
import dev.berth.netlink.codec.Nda;
import dev.berth.netlink.codec.Nl;
import dev.berth.netlink.codec.Rtm;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Berth's request builders produce, byte for byte, the requests iproute2 6.1.0 sent for the same
 * command (golden fixtures captured with strace against kernel 6.18.44; the sequence number is the
 * fixture's). This is how dummy, vlan and ipvlan, whose modules this kernel lacks, are still covered:
 * their requests are checked here against iproute2's, and live in the qemu VM harness.
 */
class RequestGoldenTest {
    private static void same(String fixture, Message berth) {
        byte[] want = Golden.load(fixture).lastSent();
        byte[] got = Codec.encode(berth.withSeq(Golden.seqOf(want)));
        byte[] used = Arrays.copyOf(want, got.length);
        assertArrayEquals(used, got, () -> fixture + "\nip    " + HexFormat.of().formatHex(used) + "\nberth "
                + HexFormat.of().formatHex(got));
        assertEquals(Codec.decode(want).getFirst(), berth.withSeq(Golden.seqOf(want)));
    }

    @Test
    void veth() {
        same("link-add-veth", NewLink.veth("v0", "v1").toRequest(0));
    }

    @Test
    void dummy() {
        same("link-add-dummy", NewLink.dummy("d0").toRequest(0));
    }

    @Test
    void bridge() {
        same("link-add-bridge", NewLink.bridge("br0").toRequest(0));
    }

    @Test
    void vlan() {
        same("link-add-vlan", NewLink.vlan("v0.10", "v0", 10).toRequest(3));
    }

    @Test
    void ipvlan() {
        same("link-add-ipvlan", NewLink.ipvlan("ipv0", "v0", NewLink.IpvlanMode.L2).toRequest(3));
    }

    @Test
    void macvlan() {
        same("link-add-macvlan", NewLink.macvlan("mv0", "v0", NewLink.MacvlanMode.BRIDGE).toRequest(3));
    }

    @Test
    void vxlan() {
        same("link-add-vxlan", NewLink.vxlan("vx0", 42).parent(3).port(4789).toRequest(0));
    }

    @Test
    void linkSetUpMtuAddress() {
        same("link-set", LinkChange.of().up().mtu(1400).address(Inet.parseMac("02:00:00:00:00:01")).toRequest(3, null));
    }

    @Test
    void linkSetMaster() {
        same("link-set-master", LinkChange.of().master(6).toRequest(2, null));
    }

    @Test
    void linkSetHairpin() {
        same("link-set-hairpin", LinkChange.of().hairpin(true).toRequest(2, null));
    }

    @Test
    void linkSetPromisc() {
        same("link-set-promisc", LinkChange.of().promisc(true).toRequest(4, null));
    }

    @Test
    void bridgePortDataOfAKernelDumpIsDecoded() {
        // the kernel's answer to ip's lookup of v1, a port of br0, before the hairpin change
        Link v1 = Link.of(Codec.decode(Golden.load("link-set-hairpin").received(1)).getFirst());
        assertEquals("bridge", v1.portKind());
        assertEquals(0, v1.portData().num(dev.berth.netlink.codec.Ifla.IFLA_BRPORT_MODE, -1));
        assertEquals(1, v1.portData().num(dev.berth.netlink.codec.Ifla.IFLA_BRPORT_LEARNING, -1));
    }

    @Test
    void linkDelete() {
        same("link-del", Message.request(Rtm.RTM_DELLINK, Nl.NLM_F_ACK, dev.berth.netlink.codec.IfInfoMsg.ofIndex(3),
                dev.berth.netlink.codec.Attrs.of()));
    }

    @Test
    void addressWithBroadcastAndLabel() {
        same("addr-add", NewAddress.of("198.18.0.1/24").broadcastAuto().label("v0:a")
                .toRequest(3, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL));
    }

    @Test
    void ipv6AddressWithoutDad() {
        same("addr-add6", NewAddress.of("2001:2::1/64").flags(dev.berth.netlink.codec.Ifa.IFA_F_NODAD)
                .toRequest(3, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL));
    }

    @Test
    void routeInBigTable() {
        same("route-add", RouteSpec.to("198.18.1.0/24").via("198.18.0.2").table(1000).metric(5)
                .protocol(dev.berth.netlink.codec.Rta.RTPROT_STATIC)
                .toRequest(Rtm.RTM_NEWROUTE, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, 3, null));
    }

    @Test
    void defaultRoute() {
        same("route-add-default", RouteSpec.defaultRoute(2).via("198.18.0.254")
                .toRequest(Rtm.RTM_NEWROUTE, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, 0, null));
    }

    @Test
    void multipathRoute() {
        RouteSpec r = RouteSpec.to("198.18.2.0/24")
                .nexthop(RouteSpec.Hop.via(Inet.parse("198.18.0.2"), "v0", 1))
                .nexthop(RouteSpec.Hop.via(Inet.parse("198.18.0.3"), "v0", 2));
        same("route-add-multipath", r.toRequest(Rtm.RTM_NEWROUTE, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, 0, new int[] {3, 3}));
    }

    @Test
    void neighbour() {
        same("neigh-add", Neighbours.request(Rtm.RTM_NEWNEIGH, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, 3,
                Inet.parse("198.18.0.9"), Inet.parseMac("02:00:00:00:00:09"), Nda.NUD_PERMANENT));
    }

    @Test
    void rule() {
        same("rule-add", RuleSpec.of(2).from(Inet.Prefix.parse("198.18.0.0/24")).table(100).priority(1000)
                .toRequest(Rtm.RTM_NEWRULE, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL));
    }
}
