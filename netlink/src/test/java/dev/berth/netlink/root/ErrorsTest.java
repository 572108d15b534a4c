package dev.berth.netlink.root;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.netlink.client.NetlinkException;
import dev.berth.netlink.codec.Attrs;
import dev.berth.netlink.codec.Ifa;
import dev.berth.netlink.codec.IfAddrMsg;
import dev.berth.netlink.codec.Inet;
import dev.berth.netlink.codec.Message;
import dev.berth.netlink.codec.Nl;
import dev.berth.netlink.codec.Rta;
import dev.berth.netlink.codec.Rtm;
import dev.berth.netlink.codec.RtMsg;
import dev.berth.netlink.ops.NewAddress;
import dev.berth.netlink.ops.NewLink;
import dev.berth.netlink.ops.RouteSpec;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.netlink.testing.TestNs;
import dev.berth.syscall.Errno;
import dev.berth.syscall.testing.RootTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input comes back as {@link NetlinkException} with the errno and, where the kernel explains (it does
 * for most checks through extended ACK), its own words. Where kernel 6.18 sends no text (a duplicate
 * link name, an unknown link looked up by name) the exception carries the errno only, as {@code ip}
 * then prints {@code RTNETLINK answers: File exists}.
 */
@RootTest
class ErrorsTest {
    private TestNs ns;
    private Rtnl nl;
    private int v0;

    @BeforeEach
    void setUp() throws Exception {
        ns = TestNs.create("err");
        nl = ns.rtnl();
        v0 = nl.links().add(NewLink.veth("v0", "v1").up()).index();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            nl.close();
        } finally {
            ns.close();
        }
    }

    private static NetlinkException fails(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(NetlinkException.class, e);
    }

    @Test
    void unknownDeviceType() {
        NetlinkException e = fails(() -> nl.links().add(NewLink.ofKind("x0", "nosuchkind")));
        assertEquals(Errno.EOPNOTSUPP, e.errno());
        assertEquals("Unknown device type", e.kernelMessage());
        assertTrue(e.getMessage().startsWith("RTM_NEWLINK(NLM_F_REQUEST|NLM_F_ACK|NLM_F_ECHO|NLM_F_EXCL|NLM_F_CREATE, "
                + "ifname \"x0\", kind \"nosuchkind\") = -1 EOPNOTSUPP (Operation not supported)"), e.getMessage());
        assertTrue(e.getMessage().endsWith(": Error: Unknown device type."), e.getMessage());
    }

    @Test
    void unknownDevice() {
        NetlinkException addr = fails(() -> nl.addresses().add(99999, NewAddress.of("198.18.0.7/24")));
        assertEquals(Errno.ENODEV, addr.errno());
        assertEquals("ipv4: Device not found", addr.kernelMessage());
        NetlinkException get = fails(() -> nl.links().get("nope"));
        assertEquals(Errno.ENODEV, get.errno());
        assertNull(get.kernelMessage(), "kernel 6.18 explains nothing here");
        assertEquals(Errno.ENODEV, fails(() -> nl.links().delete("nope")).errno());
        assertEquals(Errno.ENODEV, fails(() -> nl.routes().add(RouteSpec.to("198.18.5.0/24").dev(99999))).errno());
    }

    @Test
    void duplicates() throws Exception {
        NetlinkException link = fails(() -> nl.links().add(NewLink.veth("v0", "v9")));
        assertEquals(Errno.EEXIST, link.errno());
        assertTrue(link.getMessage().contains("= -1 EEXIST (File exists)"), link.getMessage());
        assertEquals("RTNETLINK answers: File exists", link.iprouteMessage());
        nl.addresses().add(v0, NewAddress.of("198.18.0.1/24"));
        NetlinkException addr = fails(() -> nl.addresses().add(v0, NewAddress.of("198.18.0.1/24")));
        assertEquals(Errno.EEXIST, addr.errno());
        assertEquals("ipv4: Address already assigned", addr.kernelMessage());
    }

    @Test
    void badPrefixes() {
        // Berth refuses them before the kernel sees them; the raw requests show the kernel's own checks
        assertThrows(IllegalArgumentException.class, () -> NewAddress.of("198.18.0.1/33"));
        NetlinkException addr = fails(() -> nl.client().request(Message.request(Rtm.RTM_NEWADDR,
                Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, new IfAddrMsg(2, 33, 0, 0, v0),
                Attrs.builder().bin(Ifa.IFA_LOCAL, Inet.parse("198.18.0.7")).build())));
        assertEquals(Errno.EINVAL, addr.errno());
        assertEquals("ipv4: Invalid prefix length", addr.kernelMessage());
        NetlinkException route = fails(() -> nl.client().request(Message.request(Rtm.RTM_NEWROUTE,
                Nl.NLM_F_CREATE | Nl.NLM_F_EXCL, new RtMsg(2, 33, 0, 0, Rta.RT_TABLE_MAIN, Rta.RTPROT_BOOT, 0,
                        Rta.RTN_UNICAST, 0),
                Attrs.builder().bin(Rta.RTA_DST, Inet.parse("198.18.0.0")).u32(Rta.RTA_OIF, v0).build())));
        assertEquals("Invalid prefix length", route.kernelMessage());
    }

    @Test
    void kernelPointsAtTheBadAttribute() {
        NetlinkException e = fails(() -> nl.links().add(NewLink.veth("a-name-longer-than-ifnamsiz", "v9")));
        assertEquals(Errno.ERANGE, e.errno());
        assertEquals("Attribute failed policy validation", e.kernelMessage());
        // NLMSGERR_ATTR_OFFS: the IFLA_IFNAME attribute right after nlmsghdr (16) and ifinfomsg (16)
        assertEquals(32, e.offset());
    }

    @Test
    void unreachableGatewayAndMtu() {
        NetlinkException gw = fails(() -> nl.routes().add(RouteSpec.to("198.18.9.0/24").via("198.18.7.1")));
        assertEquals(Errno.ENETUNREACH, gw.errno());
        assertEquals("Nexthop has invalid gateway", gw.kernelMessage());
        NetlinkException mtu = fails(() -> nl.links().set("v0", dev.berth.netlink.ops.LinkChange.of().mtu(100000)));
        assertEquals("mtu greater than device maximum", mtu.kernelMessage());
    }

    @Test
    void batchReportsEveryFailure() throws Exception {
        NetlinkException e = fails(() -> nl.client().requestAll(java.util.List.of(
                NewAddress.of("198.18.3.1/24").toRequest(v0, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL),
                NewAddress.of("198.18.3.2/24").toRequest(99999, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL),
                NewAddress.of("198.18.3.3/24").toRequest(v0, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL),
                NewAddress.of("198.18.3.3/24").toRequest(v0, Nl.NLM_F_CREATE | Nl.NLM_F_EXCL))));
        assertEquals(Errno.ENODEV, e.errno());
        assertEquals(1, e.getSuppressed().length);
        // the good ones were applied: the kernel handles each message of a batch on its own
        assertEquals(2, nl.addresses().list(2, v0).size());
    }
}
