package dev.berth.runtime.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelIpTest {
    @Test
    void parsesTheNfsrootSyntax() {
        KernelIp ip = KernelIp.fromCmdline("console=ttyS0 quiet ip=10.0.2.15::10.0.2.2:255.255.255.0:berthvm:eth0:off:10.0.2.3 x=1");
        assertEquals(new KernelIp("10.0.2.15", 24, "10.0.2.2", "berthvm", "eth0", List.of("10.0.2.3")), ip);
        assertEquals(new KernelIp("198.18.0.2", 24, null, null, null, List.of()), KernelIp.parse("198.18.0.2"));
        assertNull(KernelIp.fromCmdline("console=ttyS0"));
    }

    @Test
    void aBadNetmaskNamesTheWholeParameter() {
        // What the VM test showed: the console said only "netmask 255.0.255.0 is not contiguous".
        assertEquals("ip=10.0.2.15:::255.0.255.0: netmask 255.0.255.0 is not contiguous",
                assertThrows(IllegalArgumentException.class, () -> KernelIp.parse("10.0.2.15:::255.0.255.0")).getMessage());
        assertEquals("ip=10.0.2.15:::255.x.0.0: bad netmask 255.x.0.0",
                assertThrows(IllegalArgumentException.class, () -> KernelIp.parse("10.0.2.15:::255.x.0.0")).getMessage());
        assertEquals("ip=dhcp: berth init configures static addresses only",
                assertThrows(IllegalArgumentException.class, () -> KernelIp.parse("dhcp")).getMessage());
    }
}
