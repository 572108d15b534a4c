package dev.berth.syscall.struct;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct cmsghdr} of {@code <sys/socket.h>} ({@code cmsg(3)}): the header of one ancillary
 * message; its data follows at {@link #CMSG_ALIGN}ed offset {@link #LAYOUT}{@code .byteSize()}.
 */
public record Cmsghdr(long len, int level, int type) {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_LONG.withName("cmsg_len"),
            JAVA_INT.withName("cmsg_level"),
            JAVA_INT.withName("cmsg_type")).withName("cmsghdr");

    /** {@code CMSG_ALIGN(n)}: round up to the size of a {@code size_t}. */
    public static long CMSG_ALIGN(long n) {
        return (n + 7) & ~7L;
    }

    /** {@code CMSG_SPACE(n)}: bytes one message with {@code n} bytes of data occupies. */
    public static long CMSG_SPACE(long n) {
        return CMSG_ALIGN(LAYOUT.byteSize()) + CMSG_ALIGN(n);
    }

    /** {@code CMSG_LEN(n)}: the {@code cmsg_len} of a message with {@code n} bytes of data. */
    public static long CMSG_LEN(long n) {
        return CMSG_ALIGN(LAYOUT.byteSize()) + n;
    }

    public static Cmsghdr read(MemorySegment s) {
        return new Cmsghdr(s.get(JAVA_LONG, 0), s.get(JAVA_INT, 8), s.get(JAVA_INT, 12));
    }

    public MemorySegment write(MemorySegment s) {
        s.set(JAVA_LONG, 0, len);
        s.set(JAVA_INT, 8, level);
        s.set(JAVA_INT, 12, type);
        return s;
    }

    /** The data of the message whose header starts {@code s}. */
    public static MemorySegment data(MemorySegment s) {
        Cmsghdr h = read(s);
        long start = CMSG_ALIGN(LAYOUT.byteSize());
        return s.asSlice(start, h.len - start);
    }
}
