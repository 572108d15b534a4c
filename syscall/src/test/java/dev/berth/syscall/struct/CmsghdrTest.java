package dev.berth.syscall.struct;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.syscall.Sock;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/**
 * The {@code CMSG_*} macros of {@code cmsg(3)}. The expected values are glibc's, printed by this C
 * program with gcc 12 and glibc 2.36 on x86_64 (aarch64 has the same 16-byte {@code cmsghdr} and 8-byte
 * {@code size_t} alignment):
 * <pre>
 * unsigned long n[] = {0, 1, 4, 8, 12, 13, 16, 255};
 * for (int i = 0; i &lt; 8; i++)
 *     printf("%zu %zu %zu\n", CMSG_ALIGN(n[i]), (size_t)CMSG_LEN(n[i]), (size_t)CMSG_SPACE(n[i]));
 * </pre>
 */
class CmsghdrTest {
    private static final long[] N = {0, 1, 4, 8, 12, 13, 16, 255};
    private static final long[] ALIGN = {0, 8, 8, 8, 16, 16, 16, 256};
    private static final long[] LEN = {16, 17, 20, 24, 28, 29, 32, 271};
    private static final long[] SPACE = {16, 24, 24, 24, 32, 32, 32, 272};

    @Test
    void macrosGiveGlibcsValues() {
        long[] align = new long[N.length];
        long[] len = new long[N.length];
        long[] space = new long[N.length];
        for (int i = 0; i < N.length; i++) {
            align[i] = Cmsghdr.CMSG_ALIGN(N[i]);
            len[i] = Cmsghdr.CMSG_LEN(N[i]);
            space[i] = Cmsghdr.CMSG_SPACE(N[i]);
        }
        assertArrayEquals(ALIGN, align, "CMSG_ALIGN");
        assertArrayEquals(LEN, len, "CMSG_LEN");
        assertArrayEquals(SPACE, space, "CMSG_SPACE");
    }

    @Test
    void dataIsThePayloadAfterTheAlignedHeader() {
        try (Arena a = Arena.ofConfined()) {
            // One SCM_RIGHTS message carrying two fds, as sendmsg(2) would get it.
            MemorySegment control = a.allocate(Cmsghdr.CMSG_SPACE(8), 8);
            new Cmsghdr(Cmsghdr.CMSG_LEN(8), Sock.SOL_SOCKET, Sock.SCM_RIGHTS).write(control);
            control.set(JAVA_INT, 16, 7);
            control.set(JAVA_INT, 20, 9);
            MemorySegment data = Cmsghdr.data(control);
            assertEquals(control.address() + 16, data.address());
            assertArrayEquals(new int[] {7, 9}, data.toArray(JAVA_INT));
        }
    }
}
