package dev.berth.syscall.struct;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;

/** {@code struct signalfd_siginfo} of {@code <linux/signalfd.h>} ({@code signalfd(2)}): 128 bytes per signal read. */
public record SignalfdSiginfo(int signo, int errno, int code, int pid, int uid, int fd, int tid, int status,
        int ssiInt, long ptr, long utime, long stime) {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_INT.withName("ssi_signo"),
            JAVA_INT.withName("ssi_errno"),
            JAVA_INT.withName("ssi_code"),
            JAVA_INT.withName("ssi_pid"),
            JAVA_INT.withName("ssi_uid"),
            JAVA_INT.withName("ssi_fd"),
            JAVA_INT.withName("ssi_tid"),
            JAVA_INT.withName("ssi_band"),
            JAVA_INT.withName("ssi_overrun"),
            JAVA_INT.withName("ssi_trapno"),
            JAVA_INT.withName("ssi_status"),
            JAVA_INT.withName("ssi_int"),
            JAVA_LONG.withName("ssi_ptr"),
            JAVA_LONG.withName("ssi_utime"),
            JAVA_LONG.withName("ssi_stime"),
            JAVA_LONG.withName("ssi_addr"),
            JAVA_SHORT.withName("ssi_addr_lsb"),
            MemoryLayout.paddingLayout(2),
            JAVA_INT.withName("ssi_syscall"),
            JAVA_LONG.withName("ssi_call_addr"),
            JAVA_INT.withName("ssi_arch"),
            MemoryLayout.paddingLayout(28)).withName("signalfd_siginfo");

    private static final long PTR = Layouts.offset(LAYOUT, "ssi_ptr");
    private static final long UTIME = Layouts.offset(LAYOUT, "ssi_utime");
    private static final long STIME = Layouts.offset(LAYOUT, "ssi_stime");
    private static final long STATUS = Layouts.offset(LAYOUT, "ssi_status");
    private static final long INT = Layouts.offset(LAYOUT, "ssi_int");

    public static SignalfdSiginfo read(MemorySegment s) {
        return new SignalfdSiginfo(s.get(JAVA_INT, 0), s.get(JAVA_INT, 4), s.get(JAVA_INT, 8), s.get(JAVA_INT, 12),
                s.get(JAVA_INT, 16), s.get(JAVA_INT, 20), s.get(JAVA_INT, 24), s.get(JAVA_INT, STATUS),
                s.get(JAVA_INT, INT), s.get(JAVA_LONG, PTR), s.get(JAVA_LONG, UTIME), s.get(JAVA_LONG, STIME));
    }

    public MemorySegment write(MemorySegment s) {
        s.asSlice(0, LAYOUT.byteSize()).fill((byte) 0);
        int[] head = {signo, errno, code, pid, uid, fd, tid};
        for (int i = 0; i < head.length; i++) {
            s.set(JAVA_INT, 4L * i, head[i]);
        }
        s.set(JAVA_INT, STATUS, status);
        s.set(JAVA_INT, INT, ssiInt);
        s.set(JAVA_LONG, PTR, ptr);
        s.set(JAVA_LONG, UTIME, utime);
        s.set(JAVA_LONG, STIME, stime);
        return s;
    }

    public MemorySegment allocate(SegmentAllocator a) {
        return write(a.allocate(LAYOUT));
    }
}
