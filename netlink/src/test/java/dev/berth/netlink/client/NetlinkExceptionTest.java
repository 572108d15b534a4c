package dev.berth.netlink.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.berth.syscall.Errno;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetlinkExceptionTest {
    @Test
    void readsLikeIproute2WithTheErrnoName() {
        NetlinkException e = new NetlinkException(Errno.EOPNOTSUPP, "RTM_NEWLINK",
                List.of("NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE", "ifname \"x0\"", "kind \"nosuch\""),
                "Unknown device type", 36);
        assertEquals("RTM_NEWLINK(NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE, ifname \"x0\", kind \"nosuch\") = -1 "
                + "EOPNOTSUPP (Operation not supported): Error: Unknown device type.", e.getMessage());
        assertEquals("Error: Unknown device type.", e.iprouteMessage());
        assertEquals(36, e.offset());
        NetlinkException c = e.withContext("creating x0");
        assertEquals("creating x0: " + e.getMessage(), c.getMessage());
        assertEquals("a: creating x0: " + e.getMessage(), c.withContext("a").getMessage());
        assertSame(e, c.getCause());
        assertEquals(Errno.EOPNOTSUPP, c.errno());
    }

    @Test
    void withoutKernelTextItIsTheErrno() {
        NetlinkException e = new NetlinkException(Errno.EEXIST, "RTM_NEWLINK", List.of("NLM_F_REQUEST"), null, -1);
        assertEquals("RTM_NEWLINK(NLM_F_REQUEST) = -1 EEXIST (File exists)", e.getMessage());
        assertEquals("RTNETLINK answers: File exists", e.iprouteMessage());
    }
}
