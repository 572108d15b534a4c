package dev.berth.syscall.struct;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** {@code struct utsname}: six {@code char[65]} fields, NUL-terminated. */
class UtsnameTest {
    private static Utsname withNodename(String nodename) {
        return new Utsname("Linux", nodename, "6.1", "#1", "x86_64", "");
    }

    @Test
    void sixtyFourBytesFitAndSixtyFiveDoNot() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(Utsname.LAYOUT);
            withNodename("n".repeat(64)).write(s);
            assertEquals(0, s.get(JAVA_BYTE, Utsname.LENGTH + 64), "the 65th byte is the NUL");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> withNodename("n".repeat(65)).write(s));
            assertEquals("\"" + "n".repeat(65) + "\" is longer than 64 bytes", e.getMessage());
        }
    }

    @Test
    void theLimitIsInUtf8BytesNotCharacters() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(Utsname.LAYOUT);
            withNodename("é".repeat(32)).write(s); // 64 bytes
            assertThrows(IllegalArgumentException.class, () -> withNodename("é".repeat(33)).write(s));
        }
    }

    @Test
    void aShorterValueClearsTheRestOfItsField() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(Utsname.LAYOUT);
            withNodename("a-long-host-name").write(s);
            withNodename("b").write(s);
            assertEquals("b", Utsname.read(s).nodename());
            assertEquals(0, s.asSlice(Utsname.LENGTH + 1, Utsname.LENGTH - 1).elements(JAVA_BYTE)
                    .filter(b -> b.get(JAVA_BYTE, 0) != 0).count());
        }
    }
}
