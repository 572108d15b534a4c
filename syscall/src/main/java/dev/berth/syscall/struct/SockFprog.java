package dev.berth.syscall.struct;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.util.List;

/** {@code struct sock_fprog} of {@code <linux/filter.h>}: a BPF program for {@code seccomp(2)} or {@code SO_ATTACH_FILTER}. */
public record SockFprog(int len, long filter) {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_SHORT.withName("len"),
            MemoryLayout.paddingLayout(6),
            ADDRESS.withName("filter")).withName("sock_fprog");

    public static SockFprog read(MemorySegment s) {
        return new SockFprog(Short.toUnsignedInt(s.get(JAVA_SHORT, 0)), s.get(ADDRESS, 8).address());
    }

    public MemorySegment write(MemorySegment s) {
        s.set(JAVA_SHORT, 0, (short) len);
        s.set(ADDRESS, 8, MemorySegment.ofAddress(filter));
        return s;
    }

    public MemorySegment allocate(SegmentAllocator a) {
        return write(a.allocate(LAYOUT));
    }

    /** A program and its header in native memory of {@code a}; returns the header. */
    public static MemorySegment of(SegmentAllocator a, List<SockFilter> program) {
        if (program.isEmpty() || program.size() > 0xffff) {
            throw new IllegalArgumentException("a BPF program has 1 to 65535 instructions, not " + program.size());
        }
        return new SockFprog(program.size(), SockFilter.array(a, program).address()).allocate(a);
    }
}
