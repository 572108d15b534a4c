package dev.berth.syscall.struct;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.berth.syscall.Signal;
import dev.berth.syscall.Wait;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;

/**
 * {@code siginfo_t} of {@code <asm-generic/siginfo.h>} (128 bytes), with the members of the
 * {@code _kill} and {@code _sigchld} union arms, which is what {@code waitid(2)} and
 * {@code rt_sigtimedwait(2)} report to Berth.
 */
public record Siginfo(int signo, int errno, int code, int pid, int uid, int status, long utime, long stime) {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_INT.withName("si_signo"),
            JAVA_INT.withName("si_errno"),
            JAVA_INT.withName("si_code"),
            MemoryLayout.paddingLayout(4),
            JAVA_INT.withName("si_pid"),
            JAVA_INT.withName("si_uid"),
            JAVA_INT.withName("si_status"),
            MemoryLayout.paddingLayout(4),
            JAVA_LONG.withName("si_utime"),
            JAVA_LONG.withName("si_stime"),
            MemoryLayout.paddingLayout(80)).withName("siginfo_t");

    private static final long SIGNO = Layouts.offset(LAYOUT, "si_signo");
    private static final long ERRNO = Layouts.offset(LAYOUT, "si_errno");
    private static final long CODE = Layouts.offset(LAYOUT, "si_code");
    private static final long PID = Layouts.offset(LAYOUT, "si_pid");
    private static final long UID = Layouts.offset(LAYOUT, "si_uid");
    private static final long STATUS = Layouts.offset(LAYOUT, "si_status");
    private static final long UTIME = Layouts.offset(LAYOUT, "si_utime");
    private static final long STIME = Layouts.offset(LAYOUT, "si_stime");

    public static Siginfo read(MemorySegment s) {
        return new Siginfo(s.get(JAVA_INT, SIGNO), s.get(JAVA_INT, ERRNO), s.get(JAVA_INT, CODE), s.get(JAVA_INT, PID),
                s.get(JAVA_INT, UID), s.get(JAVA_INT, STATUS), s.get(JAVA_LONG, UTIME), s.get(JAVA_LONG, STIME));
    }

    public MemorySegment write(MemorySegment s) {
        s.asSlice(0, LAYOUT.byteSize()).fill((byte) 0);
        s.set(JAVA_INT, SIGNO, signo);
        s.set(JAVA_INT, ERRNO, errno);
        s.set(JAVA_INT, CODE, code);
        s.set(JAVA_INT, PID, pid);
        s.set(JAVA_INT, UID, uid);
        s.set(JAVA_INT, STATUS, status);
        s.set(JAVA_LONG, UTIME, utime);
        s.set(JAVA_LONG, STIME, stime);
        return s;
    }

    public MemorySegment allocate(SegmentAllocator a) {
        return write(a.allocate(LAYOUT));
    }

    /** For a {@code SIGCHLD}/{@code waitid} report: whether the child exited normally. */
    public boolean exited() {
        return code == Wait.CLD_EXITED;
    }

    /** For a {@code SIGCHLD}/{@code waitid} report: whether the child was killed by a signal. */
    public boolean killed() {
        return code == Wait.CLD_KILLED || code == Wait.CLD_DUMPED;
    }

    /** The shell's view of a child's end: its exit code, or 128 + the signal that killed it. */
    public int shellStatus() {
        return killed() ? 128 + status : status;
    }

    @Override
    public String toString() {
        String sig = Signal.name(signo);
        if (signo == Signal.SIGCHLD) {
            String how = switch (code) {
                case Wait.CLD_EXITED -> "CLD_EXITED";
                case Wait.CLD_KILLED -> "CLD_KILLED";
                case Wait.CLD_DUMPED -> "CLD_DUMPED";
                case Wait.CLD_STOPPED -> "CLD_STOPPED";
                case Wait.CLD_CONTINUED -> "CLD_CONTINUED";
                case Wait.CLD_TRAPPED -> "CLD_TRAPPED";
                default -> Integer.toString(code);
            };
            String st = code == Wait.CLD_EXITED ? Integer.toString(status) : Signal.name(status);
            return "{si_signo=" + sig + ", si_code=" + how + ", si_pid=" + pid + ", si_uid=" + uid + ", si_status=" + st
                    + "}";
        }
        return "{si_signo=" + sig + ", si_code=" + code + ", si_pid=" + pid + ", si_uid=" + uid + "}";
    }
}
