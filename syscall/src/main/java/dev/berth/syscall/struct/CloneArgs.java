package dev.berth.syscall.struct;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.berth.syscall.Clone;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;

/**
 * {@code struct clone_args} of {@code <linux/sched.h>} ({@code clone3(2)}), in its 88-byte version 2
 * ({@code CLONE_ARGS_SIZE_VER2}): every field, since the kernel rejects shorter sizes for the features
 * Berth uses. Pointer fields hold addresses.
 */
public record CloneArgs(long flags, long pidfd, long childTid, long parentTid, long exitSignal, long stack,
        long stackSize, long tls, long setTid, long setTidSize, long cgroup) {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_LONG.withName("flags"),
            JAVA_LONG.withName("pidfd"),
            JAVA_LONG.withName("child_tid"),
            JAVA_LONG.withName("parent_tid"),
            JAVA_LONG.withName("exit_signal"),
            JAVA_LONG.withName("stack"),
            JAVA_LONG.withName("stack_size"),
            JAVA_LONG.withName("tls"),
            JAVA_LONG.withName("set_tid"),
            JAVA_LONG.withName("set_tid_size"),
            JAVA_LONG.withName("cgroup")).withName("clone_args");

    public static CloneArgs read(MemorySegment s) {
        long[] v = new long[11];
        for (int i = 0; i < v.length; i++) {
            v[i] = s.get(JAVA_LONG, 8L * i);
        }
        return new CloneArgs(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]);
    }

    public MemorySegment write(MemorySegment s) {
        long[] v = {flags, pidfd, childTid, parentTid, exitSignal, stack, stackSize, tls, setTid, setTidSize, cgroup};
        for (int i = 0; i < v.length; i++) {
            s.set(JAVA_LONG, 8L * i, v[i]);
        }
        return s;
    }

    public MemorySegment allocate(SegmentAllocator a) {
        return write(a.allocate(LAYOUT));
    }

    @Override
    public String toString() {
        return "{flags=" + Clone.format(flags) + ", pidfd=0x" + Long.toHexString(pidfd) + ", exit_signal=" + exitSignal
                + (cgroup != 0 ? ", cgroup=" + cgroup : "") + "}";
    }
}
