package dev.berth.syscall;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.berth.syscall.struct.Siginfo;
import dev.berth.syscall.struct.SignalfdSiginfo;
import dev.berth.syscall.struct.Timespec;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;

/**
 * Sending and receiving signals: {@code kill(2)}, {@code tgkill(2)}, {@code pidfd_send_signal(2)},
 * {@code rt_sigprocmask(2)}, {@code signalfd(2)}, {@code rt_sigtimedwait(2)}. Masks are 64-bit
 * {@code sigset_t} values built with {@link Signal#mask}. A mask is per thread.
 */
public final class Signals {
    private Signals() {}

    private static ErrnoException fail(long r, String call, String... args) {
        return new ErrnoException((int) -r, call, args);
    }

    /** {@code kill(2)}: a negative {@code pid} addresses a process group. */
    public static void kill(int pid, int sig) throws ErrnoException {
        long r = Raw.call(Nr.KILL, pid, sig);
        if (r < 0) {
            throw fail(r, "kill", Integer.toString(pid), Signal.name(sig));
        }
    }

    /** {@code tgkill(2)}: one thread. */
    public static void tgkill(int tgid, int tid, int sig) throws ErrnoException {
        long r = Raw.call(Nr.TGKILL, tgid, tid, sig);
        if (r < 0) {
            throw fail(r, "tgkill", Integer.toString(tgid), Integer.toString(tid), Signal.name(sig));
        }
    }

    /** {@code pidfd_send_signal(2)}: signal the process behind a pidfd (immune to pid reuse). */
    public static void pidfdSendSignal(int pidfd, int sig) throws ErrnoException {
        long r = Raw.call(Nr.PIDFD_SEND_SIGNAL, pidfd, sig, 0, 0);
        if (r < 0) {
            throw fail(r, "pidfd_send_signal", Integer.toString(pidfd), Signal.name(sig), "NULL", "0");
        }
    }

    /**
     * {@code rt_sigaction(2)}: sets the disposition of {@code sig} for the whole process. {@code handler} is
     * {@link Signal#SIG_DFL}, {@link Signal#SIG_IGN}, or the address of native code (see {@link SignalCatcher});
     * returns the previous handler. The kernel's {@code struct sigaction} is {handler, flags, restorer, mask}
     * on x86_64 and aarch64 alike.
     */
    public static long sigaction(int sig, long handler, long flags, long restorer, long mask) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment act = a.allocate(32, 8);
            act.set(JAVA_LONG, 0, handler);
            act.set(JAVA_LONG, 8, flags);
            act.set(JAVA_LONG, 16, restorer);
            act.set(JAVA_LONG, 24, mask);
            MemorySegment old = a.allocate(32, 8);
            long r = Raw.call(Nr.RT_SIGACTION, sig, act.address(), old.address(), Signal.SIGSET_SIZE);
            if (r < 0) {
                throw fail(r, "rt_sigaction", Signal.name(sig), "{sa_handler=" + (handler == Signal.SIG_DFL ? "SIG_DFL"
                        : handler == Signal.SIG_IGN ? "SIG_IGN" : "0x" + Long.toHexString(handler)) + ", sa_flags="
                        + Signal.formatSaFlags(flags) + "}", Show.ptr(old), "8");
            }
            return old.get(JAVA_LONG, 0);
        }
    }

    /** {@code rt_sigprocmask(2)} of the calling thread; returns the previous mask. */
    public static long sigprocmask(int how, long mask) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment set = a.allocateFrom(JAVA_LONG, mask);
            MemorySegment old = a.allocate(JAVA_LONG);
            long r = Raw.call(Nr.RT_SIGPROCMASK, how, set.address(), old.address(), Signal.SIGSET_SIZE);
            if (r < 0) {
                throw fail(r, "rt_sigprocmask", Signal.formatHow(how), Signal.formatMask(mask), Show.ptr(old), "8");
            }
            return old.get(JAVA_LONG, 0);
        }
    }

    /** The calling thread's blocked mask. */
    public static long blocked() throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment old = a.allocate(JAVA_LONG);
            long r = Raw.call(Nr.RT_SIGPROCMASK, Signal.SIG_BLOCK, 0, old.address(), Signal.SIGSET_SIZE);
            if (r < 0) {
                throw fail(r, "rt_sigprocmask", "SIG_BLOCK", "NULL", Show.ptr(old), "8");
            }
            return old.get(JAVA_LONG, 0);
        }
    }

    /** {@code rt_sigpending(2)}: signals pending for the thread or process. */
    public static long pending() throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment set = a.allocate(JAVA_LONG);
            long r = Raw.call(Nr.RT_SIGPENDING, set.address(), Signal.SIGSET_SIZE);
            if (r < 0) {
                throw fail(r, "rt_sigpending", Show.ptr(set), "8");
            }
            return set.get(JAVA_LONG, 0);
        }
    }

    /** {@code signalfd4(2)}: a new signalfd ({@code fd == -1}) or a changed mask for an existing one. */
    public static int signalfd(int fd, long mask, int flags) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment set = a.allocateFrom(JAVA_LONG, mask);
            long r = Raw.call(Nr.SIGNALFD4, fd, set.address(), Signal.SIGSET_SIZE, flags);
            if (r < 0) {
                throw fail(r, "signalfd4", Integer.toString(fd), Signal.formatMask(mask), "8", Open.format(flags));
            }
            return (int) r;
        }
    }

    /** Reads one signal from a signalfd; {@code null} if it is non-blocking and empty. */
    public static SignalfdSiginfo readSignalfd(int fd) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(SignalfdSiginfo.LAYOUT);
            long r = Raw.call(Nr.READ, fd, buf.address(), buf.byteSize());
            if (r == -Errno.EAGAIN) {
                return null;
            }
            if (r < 0) {
                throw fail(r, "read", Integer.toString(fd), Show.ptr(buf), Long.toString(buf.byteSize()));
            }
            return SignalfdSiginfo.read(buf);
        }
    }

    /**
     * {@code rt_sigtimedwait(2)}: waits for a signal in {@code mask} (which should be blocked); {@code null}
     * on timeout. A null timeout waits forever.
     */
    public static Siginfo sigtimedwait(long mask, Duration timeout) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment set = a.allocateFrom(JAVA_LONG, mask);
            MemorySegment info = a.allocate(Siginfo.LAYOUT);
            MemorySegment ts = timeout == null ? MemorySegment.NULL : Timespec.of(timeout).allocate(a);
            long r = Raw.call(Nr.RT_SIGTIMEDWAIT, set.address(), info.address(), ts.address(), Signal.SIGSET_SIZE);
            if (r == -Errno.EAGAIN) {
                return null;
            }
            if (r < 0) {
                throw fail(r, "rt_sigtimedwait", Signal.formatMask(mask), Show.ptr(info),
                        timeout == null ? "NULL" : timeout.toString(), "8");
            }
            return Siginfo.read(info);
        }
    }
}
