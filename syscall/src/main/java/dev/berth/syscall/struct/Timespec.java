package dev.berth.syscall.struct;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.time.Duration;

/** {@code struct __kernel_timespec} of {@code <linux/time_types.h>} ({@code clock_gettime(2)}, {@code rt_sigtimedwait(2)}). */
public record Timespec(long sec, long nsec) {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_LONG.withName("tv_sec"),
            JAVA_LONG.withName("tv_nsec")).withName("timespec");

    public static Timespec of(Duration d) {
        return new Timespec(d.getSeconds(), d.getNano());
    }

    public Duration toDuration() {
        return Duration.ofSeconds(sec, nsec);
    }

    public static Timespec read(MemorySegment s) {
        return new Timespec(s.get(JAVA_LONG, 0), s.get(JAVA_LONG, 8));
    }

    public MemorySegment write(MemorySegment s) {
        s.set(JAVA_LONG, 0, sec);
        s.set(JAVA_LONG, 8, nsec);
        return s;
    }

    public MemorySegment allocate(SegmentAllocator a) {
        return write(a.allocate(LAYOUT));
    }
}
