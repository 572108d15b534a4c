package dev.berth.syscall.struct;

import static dev.berth.syscall.Seccomp.BPF_ABS;
import static dev.berth.syscall.Seccomp.BPF_JEQ;
import static dev.berth.syscall.Seccomp.BPF_JMP;
import static dev.berth.syscall.Seccomp.BPF_K;
import static dev.berth.syscall.Seccomp.BPF_LD;
import static dev.berth.syscall.Seccomp.BPF_RET;
import static dev.berth.syscall.Seccomp.BPF_W;
import static dev.berth.syscall.Seccomp.SECCOMP_DATA_ARCH;
import static dev.berth.syscall.Seccomp.SECCOMP_RET_ALLOW;
import static dev.berth.syscall.Seccomp.SECCOMP_RET_KILL_PROCESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A classic BPF program in native memory: {@link SockFprog#of} and {@link SockFilter}'s {@code BPF_STMT}/{@code BPF_JUMP}. */
class SockFprogTest {
    private static final List<SockFilter> ARCH_CHECK = List.of(
            SockFilter.stmt(BPF_LD | BPF_W | BPF_ABS, SECCOMP_DATA_ARCH),
            SockFilter.jump(BPF_JMP | BPF_JEQ | BPF_K, 0xC000003E, 1, 0),
            SockFilter.stmt(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
            SockFilter.stmt(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));

    @Test
    void ofWritesTheHeaderAndTheInstructions() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment header = SockFprog.of(a, ARCH_CHECK);
            SockFprog prog = SockFprog.read(header);
            assertEquals(ARCH_CHECK.size(), prog.len());
            MemorySegment code = MemorySegment.ofAddress(prog.filter()).reinterpret(prog.len() * SockFilter.LAYOUT.byteSize());
            List<SockFilter> back = new ArrayList<>();
            for (int i = 0; i < prog.len(); i++) {
                back.add(SockFilter.read(code.asSlice(i * SockFilter.LAYOUT.byteSize())));
            }
            assertEquals(ARCH_CHECK, back);
        }
    }

    @Test
    void instructionsEncodeAsTheKernelReadsThem() {
        // BPF_JUMP(BPF_JMP|BPF_JEQ|BPF_K, AUDIT_ARCH_X86_64, 1, 0) as <linux/filter.h> lays it out (little-endian).
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = ARCH_CHECK.get(1).write(a.allocate(SockFilter.LAYOUT));
            assertArrayEquals(new byte[] {0x15, 0x00, 0x01, 0x00, 0x3e, 0x00, 0x00, (byte) 0xc0}, s.toArray(JAVA_BYTE));
        }
    }

    @Test
    void stmtAndJumpPutTheirArgumentsWhereBpfWantsThem() {
        assertEquals(new SockFilter(BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW), SockFilter.stmt(BPF_RET | BPF_K,
                SECCOMP_RET_ALLOW));
        assertEquals(new SockFilter(BPF_JMP | BPF_JEQ | BPF_K, 3, 4, 59), SockFilter.jump(BPF_JMP | BPF_JEQ | BPF_K,
                59, 3, 4));
    }

    @Test
    void programsMustHaveOneTo65535Instructions() {
        try (Arena a = Arena.ofConfined()) {
            IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> SockFprog.of(a, List.of()));
            assertEquals("a BPF program has 1 to 65535 instructions, not 0", empty.getMessage());
            List<SockFilter> tooLong = Collections.nCopies(65536, ARCH_CHECK.get(3));
            assertThrows(IllegalArgumentException.class, () -> SockFprog.of(a, tooLong));
            List<SockFilter> longest = Collections.nCopies(65535, ARCH_CHECK.get(3));
            assertEquals(65535, SockFprog.read(SockFprog.of(a, longest)).len());
        }
    }
}
