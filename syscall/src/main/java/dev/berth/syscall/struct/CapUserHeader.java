package dev.berth.syscall.struct;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;

/** {@code struct __user_cap_header_struct} of {@code <linux/capability.h>} ({@code capget(2)}, {@code capset(2)}). */
public record CapUserHeader(int version, int pid) {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_INT.withName("version"),
            JAVA_INT.withName("pid")).withName("__user_cap_header_struct");

    public static CapUserHeader read(MemorySegment s) {
        return new CapUserHeader(s.get(JAVA_INT, 0), s.get(JAVA_INT, 4));
    }

    public MemorySegment write(MemorySegment s) {
        s.set(JAVA_INT, 0, version);
        s.set(JAVA_INT, 4, pid);
        return s;
    }

    public MemorySegment allocate(SegmentAllocator a) {
        return write(a.allocate(LAYOUT));
    }
}
