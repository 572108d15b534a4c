package dev.berth.syscall.struct;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.berth.syscall.Arch;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;

/**
 * {@code struct epoll_event} of {@code <linux/eventpoll.h>}: packed (12 bytes) on x86_64, naturally
 * aligned (16 bytes) elsewhere, hence one layout per architecture.
 */
public record EpollEvent(int events, long data) {
    public static final StructLayout LAYOUT = layout(Arch.current());
    private static final long DATA = Layouts.offset(LAYOUT, "data");

    /** The layout on {@code arch}. */
    public static StructLayout layout(Arch arch) {
        return arch == Arch.X86_64
                ? MemoryLayout.structLayout(JAVA_INT.withName("events"),
                        JAVA_LONG.withByteAlignment(4).withName("data")).withByteAlignment(4).withName("epoll_event")
                : MemoryLayout.structLayout(JAVA_INT.withName("events"), MemoryLayout.paddingLayout(4),
                        JAVA_LONG.withName("data")).withName("epoll_event");
    }

    public static EpollEvent read(MemorySegment s) {
        return new EpollEvent(s.get(JAVA_INT, 0), s.get(JAVA_LONG.withByteAlignment(4), DATA));
    }

    public MemorySegment write(MemorySegment s) {
        s.set(JAVA_INT, 0, events);
        s.set(JAVA_LONG.withByteAlignment(4), DATA, data);
        return s;
    }

    public MemorySegment allocate(SegmentAllocator a) {
        return write(a.allocate(LAYOUT));
    }
}
