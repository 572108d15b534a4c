package dev.berth.syscall.struct;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;

/** {@code struct iovec} of {@code <sys/uio.h>} ({@code readv(2)}, {@code sendmsg(2)}). */
public record Iovec(long base, long len) {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            ADDRESS.withName("iov_base"),
            JAVA_LONG.withName("iov_len")).withName("iovec");

    public static Iovec of(MemorySegment buffer) {
        return new Iovec(buffer.address(), buffer.byteSize());
    }

    public static Iovec read(MemorySegment s) {
        return new Iovec(s.get(ADDRESS, 0).address(), s.get(JAVA_LONG, 8));
    }

    public MemorySegment write(MemorySegment s) {
        s.set(ADDRESS, 0, MemorySegment.ofAddress(base));
        s.set(JAVA_LONG, 8, len);
        return s;
    }

    public MemorySegment allocate(SegmentAllocator a) {
        return write(a.allocate(LAYOUT));
    }

    /** An array of iovecs, one per buffer. */
    public static MemorySegment array(SegmentAllocator a, MemorySegment... buffers) {
        MemorySegment s = a.allocate(LAYOUT, Math.max(1, buffers.length));
        for (int i = 0; i < buffers.length; i++) {
            of(buffers[i]).write(s.asSlice(i * LAYOUT.byteSize()));
        }
        return s;
    }
}
