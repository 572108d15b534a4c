package dev.berth.syscall.struct;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.berth.syscall.Sock;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;

/** {@code struct sockaddr_nl} of {@code <linux/netlink.h>} ({@code netlink(7)}): a netlink port id and groups. */
public record SockaddrNl(int pid, int groups) {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_SHORT.withName("nl_family"),
            JAVA_SHORT.withName("nl_pad"),
            JAVA_INT.withName("nl_pid"),
            JAVA_INT.withName("nl_groups")).withName("sockaddr_nl");

    public static SockaddrNl read(MemorySegment s) {
        return new SockaddrNl(s.get(JAVA_INT, 4), s.get(JAVA_INT, 8));
    }

    public MemorySegment write(MemorySegment s) {
        s.set(JAVA_SHORT, 0, (short) Sock.AF_NETLINK);
        s.set(JAVA_SHORT, 2, (short) 0);
        s.set(JAVA_INT, 4, pid);
        s.set(JAVA_INT, 8, groups);
        return s;
    }

    public MemorySegment allocate(SegmentAllocator a) {
        return write(a.allocate(LAYOUT));
    }
}
