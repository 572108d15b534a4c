package dev.berth.syscall.struct;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.syscall.Caps;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** {@code capget(2)}/{@code capset(2)} version 3: a 64-bit set split over two {@code __user_cap_data_struct}s. */
class CapUserDataTest {
    @Test
    void pairPutsTheLowWordFirstAndReadPairJoinsThem() {
        long effective = (1L << Caps.CAP_SYS_ADMIN) | (1L << Caps.CAP_CHECKPOINT_RESTORE) | Long.MIN_VALUE;
        CapUserData.Sets sets = new CapUserData.Sets(effective, -1L, 1L << 32);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = CapUserData.pair(a, sets);
            assertEquals(2 * CapUserData.LAYOUT.byteSize(), s.byteSize());
            // data[0] holds capabilities 0..31, data[1] 32..63, as the kernel's cap_get_target_pid does.
            assertEquals(new CapUserData(1 << Caps.CAP_SYS_ADMIN, -1, 0), CapUserData.read(s));
            assertEquals(new CapUserData((1 << (Caps.CAP_CHECKPOINT_RESTORE - 32)) | Integer.MIN_VALUE, -1, 1),
                    CapUserData.read(s.asSlice(CapUserData.LAYOUT.byteSize())));
            assertEquals(sets, CapUserData.readPair(s));
        }
    }

    @Test
    void readPairDoesNotSignExtendTheLowWord() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(CapUserData.LAYOUT, 2);
            new CapUserData(Integer.MIN_VALUE, -1, 0).write(s);
            new CapUserData(0, 0, 0).write(s.asSlice(CapUserData.LAYOUT.byteSize()));
            assertEquals(new CapUserData.Sets(0x8000_0000L, 0xffff_ffffL, 0), CapUserData.readPair(s));
        }
    }

    @Test
    void emptySetsStayEmpty() {
        try (Arena a = Arena.ofConfined()) {
            CapUserData.Sets none = new CapUserData.Sets(0, 0, 0);
            assertEquals(none, CapUserData.readPair(CapUserData.pair(a, none)));
        }
    }
}
