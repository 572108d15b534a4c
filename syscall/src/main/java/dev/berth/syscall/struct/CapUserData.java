package dev.berth.syscall.struct;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;

/**
 * {@code struct __user_cap_data_struct} of {@code <linux/capability.h>}: one 32-bit word of each set.
 * Version 3 of the interface passes an array of two; {@link #pair} and {@link #readPair} handle that,
 * with bit {@code n} of a 64-bit set being capability {@code n}.
 */
public record CapUserData(int effective, int permitted, int inheritable) {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_INT.withName("effective"),
            JAVA_INT.withName("permitted"),
            JAVA_INT.withName("inheritable")).withName("__user_cap_data_struct");

    /** Three 64-bit capability sets, as {@code capget(2)} returns them in two data words. */
    public record Sets(long effective, long permitted, long inheritable) {}

    public static CapUserData read(MemorySegment s) {
        return new CapUserData(s.get(JAVA_INT, 0), s.get(JAVA_INT, 4), s.get(JAVA_INT, 8));
    }

    public MemorySegment write(MemorySegment s) {
        s.set(JAVA_INT, 0, effective);
        s.set(JAVA_INT, 4, permitted);
        s.set(JAVA_INT, 8, inheritable);
        return s;
    }

    public MemorySegment allocate(SegmentAllocator a) {
        return write(a.allocate(LAYOUT));
    }

    /** The two-element array for {@code sets}. */
    public static MemorySegment pair(SegmentAllocator a, Sets sets) {
        MemorySegment s = a.allocate(LAYOUT, 2);
        new CapUserData((int) sets.effective, (int) sets.permitted, (int) sets.inheritable).write(s);
        new CapUserData((int) (sets.effective >>> 32), (int) (sets.permitted >>> 32), (int) (sets.inheritable >>> 32))
                .write(s.asSlice(LAYOUT.byteSize()));
        return s;
    }

    /** The sets in a two-element array. */
    public static Sets readPair(MemorySegment s) {
        CapUserData lo = read(s);
        CapUserData hi = read(s.asSlice(LAYOUT.byteSize()));
        return new Sets(join(lo.effective, hi.effective), join(lo.permitted, hi.permitted),
                join(lo.inheritable, hi.inheritable));
    }

    private static long join(int lo, int hi) {
        return (Integer.toUnsignedLong(hi) << 32) | Integer.toUnsignedLong(lo);
    }
}
