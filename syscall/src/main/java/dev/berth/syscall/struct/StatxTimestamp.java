package dev.berth.syscall.struct;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/** {@code struct statx_timestamp} of {@code <linux/stat.h>}. */
public record StatxTimestamp(long sec, int nsec) {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_LONG.withName("tv_sec"),
            JAVA_INT.withName("tv_nsec"),
            JAVA_INT.withName("__reserved")).withName("statx_timestamp");

    public static StatxTimestamp read(MemorySegment s) {
        return new StatxTimestamp(s.get(JAVA_LONG, 0), s.get(JAVA_INT, 8));
    }

    public MemorySegment write(MemorySegment s) {
        s.set(JAVA_LONG, 0, sec);
        s.set(JAVA_INT, 8, nsec);
        s.set(JAVA_INT, 12, 0);
        return s;
    }
}
