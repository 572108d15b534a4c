package dev.berth.syscall.struct;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;

/** {@code struct msghdr} of {@code <sys/socket.h>} ({@code sendmsg(2)}, {@code recvmsg(2)}). Pointers as addresses. */
public record Msghdr(long name, int namelen, long iov, long iovlen, long control, long controllen, int flags) {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            ADDRESS.withName("msg_name"),
            JAVA_INT.withName("msg_namelen"),
            MemoryLayout.paddingLayout(4),
            ADDRESS.withName("msg_iov"),
            JAVA_LONG.withName("msg_iovlen"),
            ADDRESS.withName("msg_control"),
            JAVA_LONG.withName("msg_controllen"),
            JAVA_INT.withName("msg_flags"),
            MemoryLayout.paddingLayout(4)).withName("msghdr");

    private static final long NAME = Layouts.offset(LAYOUT, "msg_name");
    private static final long NAMELEN = Layouts.offset(LAYOUT, "msg_namelen");
    private static final long IOV = Layouts.offset(LAYOUT, "msg_iov");
    private static final long IOVLEN = Layouts.offset(LAYOUT, "msg_iovlen");
    private static final long CONTROL = Layouts.offset(LAYOUT, "msg_control");
    private static final long CONTROLLEN = Layouts.offset(LAYOUT, "msg_controllen");
    private static final long FLAGS = Layouts.offset(LAYOUT, "msg_flags");

    public static Msghdr read(MemorySegment s) {
        return new Msghdr(s.get(ADDRESS, NAME).address(), s.get(JAVA_INT, NAMELEN), s.get(ADDRESS, IOV).address(),
                s.get(JAVA_LONG, IOVLEN), s.get(ADDRESS, CONTROL).address(), s.get(JAVA_LONG, CONTROLLEN),
                s.get(JAVA_INT, FLAGS));
    }

    public MemorySegment write(MemorySegment s) {
        s.asSlice(0, LAYOUT.byteSize()).fill((byte) 0);
        s.set(ADDRESS, NAME, MemorySegment.ofAddress(name));
        s.set(JAVA_INT, NAMELEN, namelen);
        s.set(ADDRESS, IOV, MemorySegment.ofAddress(iov));
        s.set(JAVA_LONG, IOVLEN, iovlen);
        s.set(ADDRESS, CONTROL, MemorySegment.ofAddress(control));
        s.set(JAVA_LONG, CONTROLLEN, controllen);
        s.set(JAVA_INT, FLAGS, flags);
        return s;
    }

    public MemorySegment allocate(SegmentAllocator a) {
        return write(a.allocate(LAYOUT));
    }

    /** The {@code msg_flags} field of a header the kernel filled in. */
    public static int flags(MemorySegment s) {
        return s.get(JAVA_INT, FLAGS);
    }

    /** The {@code msg_namelen} field of a header the kernel filled in. */
    public static int namelen(MemorySegment s) {
        return s.get(JAVA_INT, NAMELEN);
    }

    /** The {@code msg_controllen} field of a header the kernel filled in. */
    public static long controllen(MemorySegment s) {
        return s.get(JAVA_LONG, CONTROLLEN);
    }
}
