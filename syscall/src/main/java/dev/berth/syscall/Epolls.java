package dev.berth.syscall;

import dev.berth.syscall.struct.EpollEvent;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/** {@code epoll(7)} and {@code eventfd(2)}: {@code epoll_create1}, {@code epoll_ctl}, {@code epoll_pwait}, {@code eventfd2}. */
public final class Epolls {
    private Epolls() {}

    private static ErrnoException fail(long r, String call, String... args) {
        return new ErrnoException((int) -r, call, args);
    }

    /** {@code epoll_create1(2)}. */
    public static int create(int flags) throws ErrnoException {
        long r = Raw.call(Nr.EPOLL_CREATE1, flags);
        if (r < 0) {
            throw fail(r, "epoll_create1", flags == Epoll.EPOLL_CLOEXEC ? "EPOLL_CLOEXEC" : Integer.toString(flags));
        }
        return (int) r;
    }

    /** {@code epoll_ctl(2)}; {@code data} comes back with the event (use the fd). */
    public static void ctl(int epfd, int op, int fd, int events, long data) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ev = new EpollEvent(events, data).allocate(a);
            long r = Raw.call(Nr.EPOLL_CTL, epfd, op, fd, op == Epoll.EPOLL_CTL_DEL ? 0 : ev.address());
            if (r < 0) {
                throw fail(r, "epoll_ctl", Integer.toString(epfd), Epoll.formatOp(op), Integer.toString(fd),
                        "{events=" + Epoll.formatEvents(events) + ", data=" + data + "}");
            }
        }
    }

    /** {@code epoll_pwait(2)} with no signal mask change; empty on timeout, -1 ms waits forever. */
    public static List<EpollEvent> wait(int epfd, int maxEvents, int timeoutMillis) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment evs = a.allocate(EpollEvent.LAYOUT, maxEvents);
            long r = Raw.call(Nr.EPOLL_PWAIT, epfd, evs.address(), maxEvents, timeoutMillis, 0, Signal.SIGSET_SIZE);
            if (r < 0) {
                throw fail(r, "epoll_pwait", Integer.toString(epfd), Show.ptr(evs), Integer.toString(maxEvents),
                        Integer.toString(timeoutMillis), "NULL", "8");
            }
            List<EpollEvent> out = new ArrayList<>((int) r);
            for (int i = 0; i < r; i++) {
                out.add(EpollEvent.read(evs.asSlice(i * EpollEvent.LAYOUT.byteSize())));
            }
            return out;
        }
    }

    /** {@code eventfd2(2)}. */
    public static int eventfd(int initval, int flags) throws ErrnoException {
        long r = Raw.call(Nr.EVENTFD2, initval, flags);
        if (r < 0) {
            throw fail(r, "eventfd2", Integer.toString(initval), Integer.toString(flags));
        }
        return (int) r;
    }
}
