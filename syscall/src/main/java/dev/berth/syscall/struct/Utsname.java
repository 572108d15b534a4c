package dev.berth.syscall.struct;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;

/** {@code struct new_utsname} of {@code <linux/utsname.h>} ({@code uname(2)}); glibc's {@code struct utsname}. */
public record Utsname(String sysname, String nodename, String release, String version, String machine,
        String domainname) {
    public static final int LENGTH = 65;
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(LENGTH, JAVA_BYTE).withName("sysname"),
            MemoryLayout.sequenceLayout(LENGTH, JAVA_BYTE).withName("nodename"),
            MemoryLayout.sequenceLayout(LENGTH, JAVA_BYTE).withName("release"),
            MemoryLayout.sequenceLayout(LENGTH, JAVA_BYTE).withName("version"),
            MemoryLayout.sequenceLayout(LENGTH, JAVA_BYTE).withName("machine"),
            MemoryLayout.sequenceLayout(LENGTH, JAVA_BYTE).withName("domainname")).withName("utsname");

    public static Utsname read(MemorySegment s) {
        String[] f = new String[6];
        for (int i = 0; i < 6; i++) {
            f[i] = Layouts.getChars(s, (long) i * LENGTH, LENGTH);
        }
        return new Utsname(f[0], f[1], f[2], f[3], f[4], f[5]);
    }

    public MemorySegment write(MemorySegment s) {
        String[] f = {sysname, nodename, release, version, machine, domainname};
        for (int i = 0; i < 6; i++) {
            Layouts.setChars(s, (long) i * LENGTH, LENGTH, f[i]);
        }
        return s;
    }

    public MemorySegment allocate(SegmentAllocator a) {
        return write(a.allocate(LAYOUT));
    }
}
