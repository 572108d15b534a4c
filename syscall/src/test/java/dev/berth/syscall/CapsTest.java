package dev.berth.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Capability names and numbers ({@code capabilities(7)}), as OCI specs write them. */
class CapsTest {
    @Test
    void numbersFromEitherSpelling() {
        assertEquals(Caps.CAP_NET_ADMIN, Caps.number("CAP_NET_ADMIN"));
        assertEquals(Caps.CAP_NET_ADMIN, Caps.number("net_admin"));
        assertEquals(Caps.CAP_CHOWN, Caps.number("cap_chown"), "capability 0 is a capability");
        assertEquals(Caps.CAP_CHECKPOINT_RESTORE, Caps.number("CAP_CHECKPOINT_RESTORE"));
        assertEquals(-1, Caps.number("CAP_NOPE"));
        assertEquals(-1, Caps.number("CAP_LAST_CAP"), "an alias, not a capability");
    }

    @Test
    void everyCapabilityRoundTrips() {
        for (int c = 0; c <= Caps.CAP_LAST_CAP; c++) {
            assertEquals(c, Caps.number(Caps.name(c)), Caps.name(c));
        }
    }

    @Test
    void namesOfAMask() {
        assertEquals("CAP_CHOWN", Caps.name(0));
        assertEquals("CAP_41", Caps.name(41), "newer than this table");
        assertEquals(List.of("CAP_CHOWN", "CAP_SYS_ADMIN", "CAP_41"),
                Caps.names(1L | 1L << Caps.CAP_SYS_ADMIN | 1L << 41));
        assertEquals(List.of(), Caps.names(0));
    }
}
