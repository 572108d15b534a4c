package dev.berth.syscall;

/** {@code epoll(7)} and {@code eventfd(2)} constants ({@code <linux/eventpoll.h>}, {@code <linux/eventfd.h>}). */
public final class Epoll {
    public static final int EPOLL_CLOEXEC = Open.O_CLOEXEC;
    public static final int EPOLL_CTL_ADD = 1;
    public static final int EPOLL_CTL_DEL = 2;
    public static final int EPOLL_CTL_MOD = 3;
    public static final int EPOLLIN = 0x001;
    public static final int EPOLLPRI = 0x002;
    public static final int EPOLLOUT = 0x004;
    public static final int EPOLLERR = 0x008;
    public static final int EPOLLHUP = 0x010;
    public static final int EPOLLRDHUP = 0x2000;
    public static final int EPOLLEXCLUSIVE = 1 << 28;
    public static final int EPOLLWAKEUP = 1 << 29;
    public static final int EPOLLONESHOT = 1 << 30;
    public static final int EPOLLET = 1 << 31;

    public static final int EFD_SEMAPHORE = 1;
    public static final int EFD_CLOEXEC = Open.O_CLOEXEC;
    public static final int EFD_NONBLOCK = Open.O_NONBLOCK;

    private Epoll() {}

    private static final class Names {
        static final FlagSet EVENTS = FlagSet.of(Epoll.class, "EPOLL", n -> n.startsWith("EPOLL_"));
        static final FlagSet OP = FlagSet.of(Epoll.class, "EPOLL_CTL_");
    }

    /** Event bits as {@code EPOLLIN|EPOLLHUP}. */
    public static String formatEvents(int events) {
        return Names.EVENTS.format(events & 0xFFFF_FFFFL);
    }

    /** An {@code epoll_ctl(2)} operation. */
    public static String formatOp(int op) {
        return Names.OP.formatValue(op);
    }
}
