package dev.berth.syscall.struct;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.util.List;

/** {@code struct sock_filter} of {@code <linux/filter.h>}: one classic BPF instruction. */
public record SockFilter(int code, int jt, int jf, int k) {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_SHORT.withName("code"),
            JAVA_BYTE.withName("jt"),
            JAVA_BYTE.withName("jf"),
            JAVA_INT.withName("k")).withName("sock_filter");

    /** {@code BPF_STMT(code, k)}. */
    public static SockFilter stmt(int code, int k) {
        return new SockFilter(code, 0, 0, k);
    }

    /** {@code BPF_JUMP(code, k, jt, jf)}. */
    public static SockFilter jump(int code, int k, int jt, int jf) {
        return new SockFilter(code, jt, jf, k);
    }

    public static SockFilter read(MemorySegment s) {
        return new SockFilter(Short.toUnsignedInt(s.get(JAVA_SHORT, 0)), Byte.toUnsignedInt(s.get(JAVA_BYTE, 2)),
                Byte.toUnsignedInt(s.get(JAVA_BYTE, 3)), s.get(JAVA_INT, 4));
    }

    public MemorySegment write(MemorySegment s) {
        s.set(JAVA_SHORT, 0, (short) code);
        s.set(JAVA_BYTE, 2, (byte) jt);
        s.set(JAVA_BYTE, 3, (byte) jf);
        s.set(JAVA_INT, 4, k);
        return s;
    }

    /** A program: the instructions in one native array. */
    public static MemorySegment array(SegmentAllocator a, List<SockFilter> program) {
        MemorySegment s = a.allocate(LAYOUT, Math.max(1, program.size()));
        for (int i = 0; i < program.size(); i++) {
            program.get(i).write(s.asSlice(i * LAYOUT.byteSize()));
        }
        return s;
    }
}
