package dev.berth.syscall.struct;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;

/** {@code struct rlimit} of {@code <linux/resource.h>} ({@code prlimit(2)}); {@code -1} is {@code RLIM_INFINITY}. */
public record Rlimit(long cur, long max) {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_LONG.withName("rlim_cur"),
            JAVA_LONG.withName("rlim_max")).withName("rlimit");

    public static Rlimit read(MemorySegment s) {
        return new Rlimit(s.get(JAVA_LONG, 0), s.get(JAVA_LONG, 8));
    }

    public MemorySegment write(MemorySegment s) {
        s.set(JAVA_LONG, 0, cur);
        s.set(JAVA_LONG, 8, max);
        return s;
    }

    public MemorySegment allocate(SegmentAllocator a) {
        return write(a.allocate(LAYOUT));
    }

    @Override
    public String toString() {
        return "{rlim_cur=" + show(cur) + ", rlim_max=" + show(max) + "}";
    }

    private static String show(long v) {
        return v == -1 ? "RLIM_INFINITY" : Long.toUnsignedString(v);
    }
}
