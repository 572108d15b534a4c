package dev.berth.syscall;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.berth.syscall.struct.Cmsghdr;
import dev.berth.syscall.struct.Iovec;
import dev.berth.syscall.struct.Msghdr;
import dev.berth.syscall.struct.Ucred;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Sockets: {@code socket(2)}, {@code socketpair(2)}, {@code bind(2)}, {@code connect(2)},
 * {@code sendmsg(2)}/{@code recvmsg(2)} (with {@code SCM_RIGHTS} fd passing, {@code unix(7)}),
 * {@code setsockopt(2)} and friends. Addresses are native {@code sockaddr}s made by the struct records
 * ({@link dev.berth.syscall.struct.SockaddrNl}, {@link dev.berth.syscall.struct.SockaddrUn}).
 */
public final class Sockets {
    private Sockets() {}

    private static ErrnoException fail(long r, String call, String... args) {
        return new ErrnoException((int) -r, call, args);
    }

    /** {@code socket(2)}. */
    public static int socket(int domain, int type, int protocol) throws ErrnoException {
        long r = Raw.call(Nr.SOCKET, domain, type, protocol);
        if (r < 0) {
            throw fail(r, "socket", Sock.formatFamily(domain), Sock.formatType(type), Integer.toString(protocol));
        }
        return (int) r;
    }

    /** {@code socketpair(2)}: two connected sockets. */
    public static int[] socketpair(int domain, int type, int protocol) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment fds = a.allocate(JAVA_INT, 2);
            long r = Raw.call(Nr.SOCKETPAIR, domain, type, protocol, fds.address());
            if (r < 0) {
                throw fail(r, "socketpair", Sock.formatFamily(domain), Sock.formatType(type),
                        Integer.toString(protocol), Show.ptr(fds));
            }
            return fds.toArray(JAVA_INT);
        }
    }

    /** {@code bind(2)} to the first {@code len} bytes of {@code addr}. */
    public static void bind(int fd, MemorySegment addr, int len) throws ErrnoException {
        long r = Raw.call(Nr.BIND, fd, addr.address(), len);
        if (r < 0) {
            throw fail(r, "bind", Integer.toString(fd), Show.ptr(addr), Integer.toString(len));
        }
    }

    /** {@code connect(2)}. */
    public static void connect(int fd, MemorySegment addr, int len) throws ErrnoException {
        long r = Raw.call(Nr.CONNECT, fd, addr.address(), len);
        if (r < 0) {
            throw fail(r, "connect", Integer.toString(fd), Show.ptr(addr), Integer.toString(len));
        }
    }

    /** {@code listen(2)}. */
    public static void listen(int fd, int backlog) throws ErrnoException {
        long r = Raw.call(Nr.LISTEN, fd, backlog);
        if (r < 0) {
            throw fail(r, "listen", Integer.toString(fd), Integer.toString(backlog));
        }
    }

    /** {@code accept4(2)} without the peer address. */
    public static int accept4(int fd, int flags) throws ErrnoException {
        long r = Raw.call(Nr.ACCEPT4, fd, 0, 0, flags);
        if (r < 0) {
            throw fail(r, "accept4", Integer.toString(fd), "NULL", "NULL", Sock.formatType(flags));
        }
        return (int) r;
    }

    /** {@code shutdown(2)}. */
    public static void shutdown(int fd, int how) throws ErrnoException {
        long r = Raw.call(Nr.SHUTDOWN, fd, how);
        if (r < 0) {
            throw fail(r, "shutdown", Integer.toString(fd), Integer.toString(how));
        }
    }

    /** {@code sendto(2)}; {@code addr} may be null for a connected socket. */
    public static int sendto(int fd, MemorySegment buf, int flags, MemorySegment addr, int addrlen)
            throws ErrnoException {
        long r = Raw.call(Nr.SENDTO, fd, buf.address(), buf.byteSize(), flags, addr == null ? 0 : addr.address(),
                addrlen);
        if (r < 0) {
            throw fail(r, "sendto", Integer.toString(fd), Show.ptr(buf), Long.toString(buf.byteSize()),
                    Sock.formatMsg(flags), Show.ptr(addr), Integer.toString(addrlen));
        }
        return (int) r;
    }

    /** {@code recvfrom(2)} without the source address; returns the byte count (the full length with MSG_TRUNC). */
    public static int recv(int fd, MemorySegment buf, int flags) throws ErrnoException {
        long r = Raw.call(Nr.RECVFROM, fd, buf.address(), buf.byteSize(), flags, 0, 0);
        if (r < 0) {
            throw fail(r, "recvfrom", Integer.toString(fd), Show.ptr(buf), Long.toString(buf.byteSize()),
                    Sock.formatMsg(flags), "NULL", "NULL");
        }
        return (int) r;
    }

    /** {@code sendmsg(2)} with a prepared {@code struct msghdr}. */
    public static long sendmsg(int fd, MemorySegment msghdr, int flags) throws ErrnoException {
        long r = Raw.call(Nr.SENDMSG, fd, msghdr.address(), flags);
        if (r < 0) {
            throw fail(r, "sendmsg", Integer.toString(fd), Show.ptr(msghdr), Sock.formatMsg(flags));
        }
        return r;
    }

    /** {@code recvmsg(2)} into a prepared {@code struct msghdr}. */
    public static long recvmsg(int fd, MemorySegment msghdr, int flags) throws ErrnoException {
        long r = Raw.call(Nr.RECVMSG, fd, msghdr.address(), flags);
        if (r < 0) {
            throw fail(r, "recvmsg", Integer.toString(fd), Show.ptr(msghdr), Sock.formatMsg(flags));
        }
        return r;
    }

    /** {@code setsockopt(2)} with an {@code int} value. */
    public static void setsockopt(int fd, int level, int option, int value) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocateFrom(JAVA_INT, value);
            long r = Raw.call(Nr.SETSOCKOPT, fd, level, option, v.address(), 4);
            if (r < 0) {
                throw fail(r, "setsockopt", Integer.toString(fd), Sock.formatOption(level, option),
                        "[" + value + "]", "4");
            }
        }
    }

    /** {@code getsockopt(2)} of an {@code int} value. */
    public static int getsockopt(int fd, int level, int option) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(JAVA_INT);
            MemorySegment len = a.allocateFrom(JAVA_INT, 4);
            long r = Raw.call(Nr.GETSOCKOPT, fd, level, option, v.address(), len.address());
            if (r < 0) {
                throw fail(r, "getsockopt", Integer.toString(fd), Sock.formatOption(level, option), Show.ptr(v),
                        "[4]");
            }
            return v.get(JAVA_INT, 0);
        }
    }

    /** {@code getsockopt(SO_PEERCRED)}: who is on the other end of a unix socket. */
    public static Ucred peerCredentials(int fd) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(Ucred.LAYOUT);
            MemorySegment len = a.allocateFrom(JAVA_INT, (int) Ucred.LAYOUT.byteSize());
            long r = Raw.call(Nr.GETSOCKOPT, fd, Sock.SOL_SOCKET, Sock.SO_PEERCRED, v.address(), len.address());
            if (r < 0) {
                throw fail(r, "getsockopt", Integer.toString(fd), "SOL_SOCKET, SO_PEERCRED", Show.ptr(v), "[12]");
            }
            return Ucred.read(v);
        }
    }

    /** {@code getsockname(2)} into {@code addr}; returns the address length. */
    public static int getsockname(int fd, MemorySegment addr) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment len = a.allocateFrom(JAVA_INT, (int) addr.byteSize());
            long r = Raw.call(Nr.GETSOCKNAME, fd, addr.address(), len.address());
            if (r < 0) {
                throw fail(r, "getsockname", Integer.toString(fd), Show.ptr(addr), "[" + addr.byteSize() + "]");
            }
            return len.get(JAVA_INT, 0);
        }
    }

    /**
     * Sends {@code data} (at least one byte, as {@code unix(7)} requires) with the given fds attached as
     * {@code SCM_RIGHTS}: how runc hands a console master to {@code --console-socket}.
     */
    public static void sendFds(int socket, byte[] data, int... fds) throws ErrnoException {
        if (data.length == 0) {
            throw new IllegalArgumentException("SCM_RIGHTS needs at least one byte of data");
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment payload = a.allocateFrom(JAVA_BYTE, data);
            MemorySegment iov = Iovec.array(a, payload);
            long space = Cmsghdr.CMSG_SPACE(4L * fds.length);
            MemorySegment control = a.allocate(space, 8);
            new Cmsghdr(Cmsghdr.CMSG_LEN(4L * fds.length), Sock.SOL_SOCKET, Sock.SCM_RIGHTS).write(control);
            MemorySegment.copy(fds, 0, control, JAVA_INT, Cmsghdr.CMSG_ALIGN(Cmsghdr.LAYOUT.byteSize()), fds.length);
            MemorySegment msg = new Msghdr(0, 0, iov.address(), 1, control.address(), space, 0).allocate(a);
            long sent = sendmsg(socket, msg, Sock.MSG_NOSIGNAL);
            if (sent != data.length) {
                throw new ErrnoException(Errno.EIO, "sendmsg", Integer.toString(socket), "SCM_RIGHTS",
                        "short write " + sent + " of " + data.length);
            }
        }
    }

    /** What {@link #receiveFds} got: the data bytes and the fds (made {@code O_CLOEXEC}). */
    public record Received(byte[] data, int[] fds) {}

    /** Receives up to {@code maxData} bytes and up to {@code maxFds} fds sent with {@code SCM_RIGHTS}. */
    public static Received receiveFds(int socket, int maxData, int maxFds) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment payload = a.allocate(Math.max(1, maxData));
            MemorySegment iov = Iovec.array(a, payload);
            long space = Cmsghdr.CMSG_SPACE(4L * maxFds);
            MemorySegment control = a.allocate(space, 8);
            MemorySegment msg = new Msghdr(0, 0, iov.address(), 1, control.address(), space, 0).allocate(a);
            long n = recvmsg(socket, msg, Sock.MSG_CMSG_CLOEXEC);
            long controllen = Msghdr.controllen(msg);
            int[] fds = new int[0];
            long off = 0;
            while (off + Cmsghdr.LAYOUT.byteSize() <= controllen) {
                Cmsghdr h = Cmsghdr.read(control.asSlice(off));
                if (h.len() < Cmsghdr.LAYOUT.byteSize()) {
                    break;
                }
                if (h.level() == Sock.SOL_SOCKET && h.type() == Sock.SCM_RIGHTS) {
                    MemorySegment d = Cmsghdr.data(control.asSlice(off));
                    int[] more = d.toArray(JAVA_INT);
                    int[] all = java.util.Arrays.copyOf(fds, fds.length + more.length);
                    System.arraycopy(more, 0, all, fds.length, more.length);
                    fds = all;
                }
                off += Cmsghdr.CMSG_ALIGN(h.len());
            }
            if ((Msghdr.flags(msg) & Sock.MSG_CTRUNC) != 0) {
                for (int fd : fds) {
                    Raw.call(Nr.CLOSE, fd);
                }
                throw new ErrnoException(Errno.EMSGSIZE, "recvmsg", Integer.toString(socket),
                        "more than " + maxFds + " fds sent (MSG_CTRUNC)");
            }
            return new Received(payload.asSlice(0, n).toArray(JAVA_BYTE), fds);
        }
    }
}
