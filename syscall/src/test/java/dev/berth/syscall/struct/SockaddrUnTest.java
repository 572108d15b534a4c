package dev.berth.syscall.struct;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.syscall.Sock;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** {@code sockaddr_un} ({@code unix(7)}): path, abstract and unnamed addresses, and their lengths. */
class SockaddrUnTest {
    @Test
    void aPathIsNulTerminatedAndItsLengthCountsTheNul() {
        SockaddrUn a = new SockaddrUn("/run/x.sock");
        assertEquals(2 + 11 + 1, a.length(), "offsetof(sun_path) + strlen + 1, as unix(7) advises");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = a.allocate(arena);
            assertEquals(Sock.AF_UNIX, s.get(JAVA_SHORT, 0));
            assertEquals(0, s.get(JAVA_BYTE, 2 + 11));
            assertEquals(a, SockaddrUn.read(s, a.length()));
            // getsockname(2) may report the full sizeof(struct sockaddr_un): the name ends at the NUL.
            assertEquals(a, SockaddrUn.read(s, (int) SockaddrUn.LAYOUT.byteSize()));
        }
    }

    @Test
    void anAbstractAddressStartsWithNulAndHasNoTerminator() {
        SockaddrUn a = new SockaddrUn("@berth");
        assertEquals(2 + 6, a.length(), "the length alone delimits an abstract name");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = a.allocate(arena);
            assertArrayEquals(new byte[] {0, 'b', 'e', 'r', 't', 'h'}, s.asSlice(2, 6).toArray(JAVA_BYTE));
            assertEquals(a, SockaddrUn.read(s, a.length()));
        }
    }

    @Test
    void anAbstractNameMayContainNulBytes() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(SockaddrUn.LAYOUT);
            s.set(JAVA_SHORT, 0, (short) Sock.AF_UNIX);
            MemorySegment.copy(new byte[] {0, 'a', 0, 'b'}, 0, s, JAVA_BYTE, 2, 4);
            assertEquals(new SockaddrUn("@a\0b"), SockaddrUn.read(s, 6));
        }
    }

    @Test
    void anUnnamedSocketReadsAsTheEmptyPath() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(SockaddrUn.LAYOUT);
            s.set(JAVA_SHORT, 0, (short) Sock.AF_UNIX);
            assertEquals(new SockaddrUn(""), SockaddrUn.read(s, 2));
        }
    }

    @Test
    void pathsOf108BytesOrMoreAreRejected() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(SockaddrUn.LAYOUT);
            String tooLong = "/" + "x".repeat(107);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SockaddrUn(tooLong).write(s));
            assertEquals("unix socket path longer than 107 bytes: " + tooLong, e.getMessage());
            assertEquals(110, new SockaddrUn("/" + "x".repeat(106)).length());
        }
    }
}
