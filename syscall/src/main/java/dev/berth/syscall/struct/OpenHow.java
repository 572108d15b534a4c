package dev.berth.syscall.struct;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.berth.syscall.Open;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;

/** {@code struct open_how} of {@code <linux/openat2.h>} ({@code openat2(2)}). */
public record OpenHow(long flags, long mode, long resolve) {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_LONG.withName("flags"),
            JAVA_LONG.withName("mode"),
            JAVA_LONG.withName("resolve")).withName("open_how");

    public static OpenHow read(MemorySegment s) {
        return new OpenHow(s.get(JAVA_LONG, 0), s.get(JAVA_LONG, 8), s.get(JAVA_LONG, 16));
    }

    public MemorySegment write(MemorySegment s) {
        s.set(JAVA_LONG, 0, flags);
        s.set(JAVA_LONG, 8, mode);
        s.set(JAVA_LONG, 16, resolve);
        return s;
    }

    public MemorySegment allocate(SegmentAllocator a) {
        return write(a.allocate(LAYOUT));
    }

    @Override
    public String toString() {
        return "{flags=" + Open.format((int) flags) + ", mode=0" + Long.toOctalString(mode) + ", resolve="
                + Open.formatResolve(resolve) + "}";
    }
}
