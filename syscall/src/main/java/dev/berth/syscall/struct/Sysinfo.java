package dev.berth.syscall.struct;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;

/**
 * {@code struct sysinfo} of {@code <linux/sysinfo.h>} ({@code sysinfo(2)}), 64-bit layout. Memory sizes
 * are in units of {@link #memUnit()} bytes; loads are fixed point with 16 fraction bits.
 */
public record Sysinfo(long uptime, long load1, long load5, long load15, long totalram, long freeram,
        long sharedram, long bufferram, long totalswap, long freeswap, int procs, long totalhigh, long freehigh,
        int memUnit) {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_LONG.withName("uptime"),
            MemoryLayout.sequenceLayout(3, JAVA_LONG).withName("loads"),
            JAVA_LONG.withName("totalram"),
            JAVA_LONG.withName("freeram"),
            JAVA_LONG.withName("sharedram"),
            JAVA_LONG.withName("bufferram"),
            JAVA_LONG.withName("totalswap"),
            JAVA_LONG.withName("freeswap"),
            JAVA_SHORT.withName("procs"),
            JAVA_SHORT.withName("pad"),
            MemoryLayout.paddingLayout(4),
            JAVA_LONG.withName("totalhigh"),
            JAVA_LONG.withName("freehigh"),
            JAVA_INT.withName("mem_unit"),
            MemoryLayout.paddingLayout(4)).withName("sysinfo");

    private static final long UPTIME = Layouts.offset(LAYOUT, "uptime");
    private static final long LOADS = Layouts.offset(LAYOUT, "loads");
    private static final long TOTALRAM = Layouts.offset(LAYOUT, "totalram");
    private static final long PROCS = Layouts.offset(LAYOUT, "procs");
    private static final long TOTALHIGH = Layouts.offset(LAYOUT, "totalhigh");
    private static final long MEM_UNIT = Layouts.offset(LAYOUT, "mem_unit");

    public static Sysinfo read(MemorySegment s) {
        long[] ram = new long[6];
        for (int i = 0; i < 6; i++) {
            ram[i] = s.get(JAVA_LONG, TOTALRAM + 8L * i);
        }
        return new Sysinfo(s.get(JAVA_LONG, UPTIME), s.get(JAVA_LONG, LOADS), s.get(JAVA_LONG, LOADS + 8),
                s.get(JAVA_LONG, LOADS + 16), ram[0], ram[1], ram[2], ram[3], ram[4], ram[5],
                Short.toUnsignedInt(s.get(JAVA_SHORT, PROCS)), s.get(JAVA_LONG, TOTALHIGH),
                s.get(JAVA_LONG, TOTALHIGH + 8), s.get(JAVA_INT, MEM_UNIT));
    }

    public MemorySegment write(MemorySegment s) {
        s.asSlice(0, LAYOUT.byteSize()).fill((byte) 0);
        s.set(JAVA_LONG, UPTIME, uptime);
        s.set(JAVA_LONG, LOADS, load1);
        s.set(JAVA_LONG, LOADS + 8, load5);
        s.set(JAVA_LONG, LOADS + 16, load15);
        long[] ram = {totalram, freeram, sharedram, bufferram, totalswap, freeswap};
        for (int i = 0; i < 6; i++) {
            s.set(JAVA_LONG, TOTALRAM + 8L * i, ram[i]);
        }
        s.set(JAVA_SHORT, PROCS, (short) procs);
        s.set(JAVA_LONG, TOTALHIGH, totalhigh);
        s.set(JAVA_LONG, TOTALHIGH + 8, freehigh);
        s.set(JAVA_INT, MEM_UNIT, memUnit);
        return s;
    }

    public MemorySegment allocate(SegmentAllocator a) {
        return write(a.allocate(LAYOUT));
    }

    /** Total RAM in bytes. */
    public long totalRamBytes() {
        return totalram * memUnit;
    }

    /** Free RAM in bytes. */
    public long freeRamBytes() {
        return freeram * memUnit;
    }
}
