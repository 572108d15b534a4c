package dev.berth.syscall.struct;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.berth.syscall.Mount;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;

/** {@code struct mount_attr} of {@code <linux/mount.h>} ({@code mount_setattr(2)}). */
public record MountAttr(long attrSet, long attrClr, long propagation, long usernsFd) {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_LONG.withName("attr_set"),
            JAVA_LONG.withName("attr_clr"),
            JAVA_LONG.withName("propagation"),
            JAVA_LONG.withName("userns_fd")).withName("mount_attr");

    public static MountAttr read(MemorySegment s) {
        return new MountAttr(s.get(JAVA_LONG, 0), s.get(JAVA_LONG, 8), s.get(JAVA_LONG, 16), s.get(JAVA_LONG, 24));
    }

    public MemorySegment write(MemorySegment s) {
        s.set(JAVA_LONG, 0, attrSet);
        s.set(JAVA_LONG, 8, attrClr);
        s.set(JAVA_LONG, 16, propagation);
        s.set(JAVA_LONG, 24, usernsFd);
        return s;
    }

    public MemorySegment allocate(SegmentAllocator a) {
        return write(a.allocate(LAYOUT));
    }

    @Override
    public String toString() {
        return "{attr_set=" + Mount.formatAttr(attrSet) + ", attr_clr=" + Mount.formatAttr(attrClr) + ", propagation="
                + (propagation == 0 ? "0" : Mount.formatMs(propagation)) + ", userns_fd=" + usernsFd + "}";
    }
}
