package dev.berth.syscall.struct;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;

/** {@code struct ucred} of {@code <sys/socket.h>} ({@code SO_PEERCRED}, {@code SCM_CREDENTIALS}). */
public record Ucred(int pid, int uid, int gid) {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_INT.withName("pid"),
            JAVA_INT.withName("uid"),
            JAVA_INT.withName("gid")).withName("ucred");

    public static Ucred read(MemorySegment s) {
        return new Ucred(s.get(JAVA_INT, 0), s.get(JAVA_INT, 4), s.get(JAVA_INT, 8));
    }

    public MemorySegment write(MemorySegment s) {
        s.set(JAVA_INT, 0, pid);
        s.set(JAVA_INT, 4, uid);
        s.set(JAVA_INT, 8, gid);
        return s;
    }

    public MemorySegment allocate(SegmentAllocator a) {
        return write(a.allocate(LAYOUT));
    }
}
