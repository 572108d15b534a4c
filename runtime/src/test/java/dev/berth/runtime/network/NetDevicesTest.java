package dev.berth.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.netlink.netns.NetNs;
import dev.berth.netlink.ops.Address;
import dev.berth.netlink.ops.LinkChange;
import dev.berth.netlink.ops.NewAddress;
import dev.berth.netlink.ops.NewLink;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.specs.Linux;
import dev.berth.syscall.testing.RootTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code linux.netDevices}: host interfaces move into the container under new names with their addresses, and back. */
@RootTest
@ExtendWith(HostGuard.class)
class NetDevicesTest {
    @AfterEach
    void noHook() {
        Faults.hook = null;
    }

    /** dv0 (198.18.5.1/24, 2001:2:5::1/64, up) and its peer dv1 (198.18.5.2/24), and dw0 (down, 198.18.6.1/24). */
    private static void devices(Lab lab) throws Exception {
        try (Rtnl nl = lab.host.rtnl()) {
            nl.links().add(NewLink.veth("dv0", "dv1").up());
            nl.links().set("dv1", LinkChange.of().up());
            nl.addresses().add("dv0", Iface.address("198.18.5.1/24"));
            nl.addresses().add("dv0", NewAddress.of("2001:2:5::1/64").flags(dev.berth.netlink.codec.Ifa.IFA_F_NODAD));
            nl.addresses().add("dv1", "198.18.5.2/24");
            nl.links().add(NewLink.veth("dw0", "dw1"));
            nl.addresses().add("dw0", Iface.address("198.18.6.1/24"));
        }
    }

    private static List<String> addresses(NetNs ns, String dev) throws Exception {
        try (Rtnl nl = ns.rtnl()) {
            return nl.addresses().list(dev).stream().filter(a -> !(a.family() == 10 && a.scope() == 253))
                    .map(Address::prefix).map(Object::toString).sorted().toList();
        }
    }

    @Test
    void movedInRenamedWithAddressesAndBackAgain() throws Exception {
        try (Lab lab = Lab.create()) {
            devices(lab);
            NetNs c = lab.container();
            Map<String, Linux.NetDevice> want = new LinkedHashMap<>();
            want.put("dv0", new Linux.NetDevice("net0"));
            want.put("dw0", new Linux.NetDevice(null));
            List<NetDevices.Moved> moved = NetDevices.moveIn(want, c, lab.host);
            assertEquals(List.of(new NetDevices.Moved("dv0", "net0", List.of("198.18.5.1/24", "2001:2:5::1/64"), true),
                    new NetDevices.Moved("dw0", "dw0", List.of("198.18.6.1/24"), false)), moved);
            assertEquals(moved, NetDevices.fromJson(NetDevices.toJson(moved)));
            assertEquals(List.of("dw0", "lo", "net0"), Lab.links(c));
            assertEquals(List.of("198.18.5.1/24", "2001:2:5::1/64"), addresses(c, "net0"));
            assertTrue(Lab.link(c, "net0").isUp());
            assertEquals(false, Lab.link(c, "dw0").isUp());
            assertEquals(List.of("dv1", "dw1", "lo"), Lab.links(lab.host));
            assertTrue(Busybox.ping(c, "198.18.5.2"), "the moved device works from inside");

            NetDevices.moveBack(moved, c, lab.host);
            assertEquals(List.of("lo"), Lab.links(c));
            assertEquals(List.of("dv0", "dv1", "dw0", "dw1", "lo"), Lab.links(lab.host));
            assertEquals(List.of("198.18.5.1/24", "2001:2:5::1/64"), addresses(lab.host, "dv0"));
            assertTrue(Lab.link(lab.host, "dv0").isUp());
            assertEquals(false, Lab.link(lab.host, "dw0").isUp());
            NetDevices.moveBack(moved, c, lab.host); // nothing left to move: no error
        }
    }

    @Test
    void allOrNothing() throws Exception {
        try (Lab lab = Lab.create()) {
            devices(lab);
            NetNs c = lab.container();
            Map<String, Linux.NetDevice> want = new LinkedHashMap<>();
            want.put("dv0", new Linux.NetDevice("net0"));
            want.put("dw0", new Linux.NetDevice("net1"));
            Faults.hook = p -> {
                if (p.equals("netdevices:dw0")) {
                    throw new Faults.InjectedFault(p);
                }
            };
            NetworkException e = assertThrows(NetworkException.class, () -> NetDevices.moveIn(want, c, lab.host));
            assertEquals("linux.netDevices: cannot move dw0 into the container as net1: injected failure at "
                    + "netdevices:dw0", e.getMessage());
            assertEquals(List.of("lo"), Lab.links(c));
            assertEquals(List.of("198.18.5.1/24", "2001:2:5::1/64"), addresses(lab.host, "dv0"));
            assertEquals(List.of("198.18.6.1/24"), addresses(lab.host, "dw0"));
            Faults.hook = null;

            NetworkException missing = assertThrows(NetworkException.class,
                    () -> NetDevices.moveIn(Map.of("nosuch0", new Linux.NetDevice(null)), c, lab.host));
            assertTrue(missing.getMessage().startsWith("linux.netDevices: cannot move nosuch0 into the container as "
                    + "nosuch0: "), missing.getMessage());
            assertTrue(missing.getMessage().contains("ENODEV"), missing.getMessage());
        }
    }
}
