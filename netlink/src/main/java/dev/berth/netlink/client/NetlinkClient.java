package dev.berth.netlink.client;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import dev.berth.netlink.codec.Body;
import dev.berth.netlink.codec.Codec;
import dev.berth.netlink.codec.Message;
import dev.berth.netlink.codec.Names;
import dev.berth.netlink.codec.Nl;
import dev.berth.syscall.Epoll;
import dev.berth.syscall.Epolls;
import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Sock;
import dev.berth.syscall.Sockets;
import dev.berth.syscall.struct.Iovec;
import dev.berth.syscall.struct.Msghdr;
import dev.berth.syscall.struct.SockaddrNl;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code NETLINK_ROUTE} socket ({@code netlink(7)}, {@code rtnetlink(7)}) that sends requests and
 * collects what the kernel answers: the ACK or error of a request, every part of a multipart dump up to
 * {@code NLMSG_DONE}, or multicast events after {@link #subscribe(int...)}.
 *
 * <ul>
 *   <li>Each request gets the next sequence number; replies whose sequence number or port id are not
 *       the request's, and datagrams not sent by the kernel, are ignored (a late reply to an earlier
 *       request cannot be mistaken for this one's).
 *   <li>A dump whose reply carries {@code NLM_F_DUMP_INTR} (the kernel's tables changed while it was
 *       being dumped) is repeated, at most {@link Options#maxDumpRetries()} times.
 *   <li>{@code NETLINK_EXT_ACK} is on, so errors carry the kernel's explanation
 *       ({@link NetlinkException#kernelMessage()}); {@code NETLINK_GET_STRICT_CHK} is on when the
 *       kernel supports it (4.20 and later), so dump requests are checked and filtered by the kernel.
 *   <li>Datagrams are sized with {@code MSG_PEEK|MSG_TRUNC} before they are read, into a buffer of at
 *       least 32 KiB that grows as needed; {@code SO_RCVBUF} is raised for large dumps.
 * </ul>
 *
 * <p>The socket belongs to the network namespace of the thread that opened it, for its whole life, and
 * may be used from any thread afterwards: see {@code dev.berth.netlink.netns.NetNs#open()}.
 *
 * <p><b>Not thread-safe.</b> One client serves one conversation at a time; use one per thread or
 * synchronize around it.
 */
public final class NetlinkClient implements AutoCloseable {
    private static final int MIN_RX = 32 * 1024;
    private static final ByteOrder HOST = ByteOrder.nativeOrder();

    /**
     * How the socket is set up.
     *
     * @param strictCheck ask for {@code NETLINK_GET_STRICT_CHK} (falls back silently when refused)
     * @param receiveBuffer {@code SO_RCVBUF} in bytes (root also tries {@code SO_RCVBUFFORCE})
     * @param maxDumpRetries how often an interrupted dump is repeated before giving up
     */
    public record Options(boolean strictCheck, int receiveBuffer, int maxDumpRetries) {
        /** Strict checking on, 1 MiB receive buffer (as iproute2), 10 dump retries. */
        public static Options defaults() {
            return new Options(true, 1024 * 1024, 10);
        }
    }

    private final int fd;
    private final int portId;
    private final boolean strict;
    private final boolean extAck;
    private final Options options;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment kernel;
    private final MemorySegment source;
    private final MemorySegment iov;
    private final MemorySegment msg;
    private MemorySegment rx;
    private MemorySegment tx;
    private int seq;
    private long dumpRetries;
    private int epfd = -1;
    private boolean closed;

    private NetlinkClient(int fd, Options options) throws ErrnoException {
        this.fd = fd;
        this.options = options;
        setsockopt(Sock.SOL_SOCKET, Sock.SO_SNDBUF, 32 * 1024);
        setsockopt(Sock.SOL_SOCKET, Sock.SO_RCVBUF, options.receiveBuffer());
        setsockopt(Sock.SOL_SOCKET, Sock.SO_RCVBUFFORCE, options.receiveBuffer());
        this.extAck = setsockopt(Sock.SOL_NETLINK, Sock.NETLINK_EXT_ACK, 1);
        // Errors need not echo the whole request back: we still have it.
        setsockopt(Sock.SOL_NETLINK, Sock.NETLINK_CAP_ACK, 1);
        this.strict = options.strictCheck() && setsockopt(Sock.SOL_NETLINK, Sock.NETLINK_GET_STRICT_CHK, 1);
        this.kernel = new SockaddrNl(0, 0).allocate(arena);
        Sockets.bind(fd, new SockaddrNl(0, 0).allocate(arena), (int) SockaddrNl.LAYOUT.byteSize());
        MemorySegment self = arena.allocate(SockaddrNl.LAYOUT);
        Sockets.getsockname(fd, self);
        this.portId = SockaddrNl.read(self).pid();
        this.source = arena.allocate(SockaddrNl.LAYOUT);
        this.iov = arena.allocate(Iovec.LAYOUT);
        this.msg = arena.allocate(Msghdr.LAYOUT);
        this.rx = arena.allocate(MIN_RX, 8);
        this.tx = arena.allocate(4096, 8);
        this.seq = (int) (System.currentTimeMillis() / 1000);
    }

    /** Opens a client in the calling thread's network namespace with {@link Options#defaults()}. */
    public static NetlinkClient open() throws ErrnoException {
        return open(Options.defaults());
    }

    /** Opens a client in the calling thread's network namespace. */
    public static NetlinkClient open(Options options) throws ErrnoException {
        int fd = Sockets.socket(Sock.AF_NETLINK, Sock.SOCK_RAW | Sock.SOCK_CLOEXEC, Sock.NETLINK_ROUTE);
        try {
            return new NetlinkClient(fd, options);
        } catch (ErrnoException | RuntimeException e) {
            try {
                Fs.close(fd);
            } catch (ErrnoException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private boolean setsockopt(int level, int option, int value) {
        try {
            Sockets.setsockopt(fd, level, option, value);
            return true;
        } catch (ErrnoException e) {
            return false;
        }
    }

    /** The socket's netlink port id ({@code nl_pid} after bind). */
    public int portId() {
        return portId;
    }

    /** The socket's file descriptor (owned by this client). */
    public int fd() {
        return fd;
    }

    /** Whether the kernel accepted {@code NETLINK_GET_STRICT_CHK}. */
    public boolean strictChecking() {
        return strict;
    }

    /** Whether the kernel accepted {@code NETLINK_EXT_ACK}. */
    public boolean extendedAck() {
        return extAck;
    }

    /** How many times a dump was repeated because the kernel flagged it {@code NLM_F_DUMP_INTR}. */
    public long dumpRetries() {
        return dumpRetries;
    }

    // ---- requests ----

    /**
     * Sends {@code request} with {@code NLM_F_REQUEST|NLM_F_ACK} and waits for its ACK; returns the
     * messages that came before the ACK (the reply of a GET, the echo of {@code NLM_F_ECHO}).
     *
     * @throws NetlinkException when the kernel answers with an error
     */
    public List<Message> request(Message request) throws ErrnoException {
        Message req = stamp(request, Nl.NLM_F_REQUEST | Nl.NLM_F_ACK);
        send(List.of(req));
        List<Message> replies = new ArrayList<>();
        while (true) {
            for (Message r : receiveDatagram()) {
                if (!isReplyTo(r, req)) {
                    continue;
                }
                if (r.body() instanceof Body.NlMsgErr e) {
                    if (e.error() == 0) {
                        return replies;
                    }
                    throw error(req, -e.error(), e.message(), e.offset());
                }
                if (r.type() != Nl.NLMSG_NOOP) {
                    replies.add(r);
                }
            }
        }
    }

    /** A GET request that has exactly one reply (a link by name, a route lookup). */
    public Message get(Message request) throws ErrnoException {
        List<Message> replies = request(request);
        if (replies.size() != 1) {
            throw error(request, Errno.EPROTO, "expected one reply, got " + replies.size(), -1);
        }
        return replies.getFirst();
    }

    /**
     * Sends several requests in one datagram and waits for every ACK: the kernel handles them in order
     * and answers each, so one round trip does the work of many. If some fail, the first failure is
     * thrown with the others suppressed, after all were answered.
     */
    public void requestAll(List<Message> requests) throws ErrnoException {
        if (requests.isEmpty()) {
            return;
        }
        List<Message> stamped = new ArrayList<>(requests.size());
        for (Message m : requests) {
            stamped.add(stamp(m, Nl.NLM_F_REQUEST | Nl.NLM_F_ACK));
        }
        send(stamped);
        int first = stamped.getFirst().seq();
        int pending = stamped.size();
        boolean[] done = new boolean[pending];
        NetlinkException failure = null;
        while (pending > 0) {
            for (Message r : receiveDatagram()) {
                int i = r.seq() - first;
                if (r.pid() != portId || i < 0 || i >= done.length || done[i]) {
                    continue;
                }
                if (r.body() instanceof Body.NlMsgErr e) {
                    done[i] = true;
                    pending--;
                    if (e.error() != 0) {
                        NetlinkException x = error(stamped.get(i), -e.error(), e.message(), e.offset());
                        if (failure == null) {
                            failure = x;
                        } else {
                            failure.addSuppressed(x);
                        }
                    }
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Dumps: sends {@code request} with {@code NLM_F_REQUEST|NLM_F_DUMP} and returns every message up
     * to {@code NLMSG_DONE}. A dump the kernel flags {@code NLM_F_DUMP_INTR} is repeated from the
     * start, up to {@link Options#maxDumpRetries()} times, so what returns is one consistent view.
     */
    public List<Message> dump(Message request) throws ErrnoException {
        for (int attempt = 0; ; attempt++) {
            Message req = stamp(request, Nl.NLM_F_REQUEST | Nl.NLM_F_DUMP);
            send(List.of(req));
            List<Message> out = new ArrayList<>();
            boolean interrupted = false;
            boolean finished = false;
            while (!finished) {
                for (Message r : receiveDatagram()) {
                    if (!isReplyTo(r, req)) {
                        continue;
                    }
                    interrupted |= r.has(Nl.NLM_F_DUMP_INTR);
                    switch (r.body()) {
                        case Body.Done d -> {
                            if (d.status() < 0) {
                                throw error(req, -d.status(), d.ack().str(Nl.NLMSGERR_ATTR_MSG),
                                        (int) d.ack().num(Nl.NLMSGERR_ATTR_OFFS, -1));
                            }
                            finished = true;
                        }
                        case Body.NlMsgErr e -> {
                            if (e.error() != 0) {
                                throw error(req, -e.error(), e.message(), e.offset());
                            }
                            finished = true;
                        }
                        default -> {
                            if (r.type() != Nl.NLMSG_NOOP) {
                                out.add(r);
                            }
                        }
                    }
                    if (finished) {
                        break;
                    }
                }
            }
            if (!interrupted) {
                return out;
            }
            if (attempt >= options.maxDumpRetries()) {
                throw error(req, Errno.EINTR, "dump interrupted (NLM_F_DUMP_INTR) " + (attempt + 1)
                        + " times in a row", -1);
            }
            dumpRetries++;
        }
    }

    private Message stamp(Message m, int flags) {
        return new Message(m.type(), m.flags() | flags, ++seq, 0, m.body());
    }

    private boolean isReplyTo(Message r, Message req) {
        return r.seq() == req.seq() && r.pid() == portId;
    }

    private NetlinkException error(Message req, int errno, String kernelMessage, int offset) {
        return new NetlinkException(errno, Names.messageType(req.type()), Describe.request(req), kernelMessage, offset);
    }

    // ---- multicast ----

    /** Joins rtnetlink multicast groups ({@code RTNLGRP_*} numbers, {@code NETLINK_ADD_MEMBERSHIP}). */
    public void subscribe(int... groups) throws ErrnoException {
        for (int g : groups) {
            Sockets.setsockopt(fd, Sock.SOL_NETLINK, Sock.NETLINK_ADD_MEMBERSHIP, g);
        }
    }

    /**
     * The messages of the next datagram, waiting at most {@code timeoutMillis} (-1: forever); empty on
     * timeout. For subscribed sockets. An {@code ENOBUFS} {@link ErrnoException} means the socket
     * overflowed and events were lost.
     */
    public List<Message> receive(int timeoutMillis) throws ErrnoException {
        if (epfd < 0) {
            epfd = Epolls.create(Epoll.EPOLL_CLOEXEC);
            Epolls.ctl(epfd, Epoll.EPOLL_CTL_ADD, fd, Epoll.EPOLLIN, fd);
        }
        while (true) {
            try {
                if (Epolls.wait(epfd, 1, timeoutMillis).isEmpty()) {
                    return List.of();
                }
                return receiveDatagram();
            } catch (ErrnoException e) {
                if (!e.is(Errno.EINTR)) {
                    throw e;
                }
            }
        }
    }

    // ---- socket I/O ----

    private void send(List<Message> messages) throws ErrnoException {
        int n = 0;
        for (Message m : messages) {
            n += Nl.align(Codec.size(m));
        }
        if (tx.byteSize() < n) {
            tx = arena.allocate(Math.max(n, tx.byteSize() * 2), 8);
        }
        java.nio.ByteBuffer b = tx.asSlice(0, n).asByteBuffer().order(HOST);
        for (Message m : messages) {
            Codec.encode(m, b);
            b.position(Nl.align(b.position()));
        }
        while (true) {
            try {
                int sent = Sockets.sendto(fd, tx.asSlice(0, n), 0, kernel, (int) SockaddrNl.LAYOUT.byteSize());
                if (sent != n) {
                    throw new ErrnoException(Errno.EMSGSIZE, "sendto", Integer.toString(fd),
                            "short write " + sent + " of " + n);
                }
                return;
            } catch (ErrnoException e) {
                if (!e.is(Errno.EINTR)) {
                    throw e;
                }
            }
        }
    }

    /** Reads one datagram from the kernel and decodes it; datagrams from other senders are dropped. */
    private List<Message> receiveDatagram() throws ErrnoException {
        while (true) {
            long size = recvmsg(0, Sock.MSG_PEEK | Sock.MSG_TRUNC);
            if (size > rx.byteSize()) {
                rx = arena.allocate(Math.max(size, rx.byteSize() * 2), 8);
            }
            long n = recvmsg(rx.byteSize(), 0);
            if ((Msghdr.flags(msg) & Sock.MSG_TRUNC) != 0) {
                throw new ErrnoException(Errno.EMSGSIZE, "recvmsg", Integer.toString(fd),
                        "datagram truncated at " + rx.byteSize() + " bytes");
            }
            if (SockaddrNl.read(source).pid() != 0) {
                continue;
            }
            byte[] data = rx.asSlice(0, n).toArray(JAVA_BYTE);
            return Codec.decode(data);
        }
    }

    private long recvmsg(long length, int flags) throws ErrnoException {
        new Iovec(rx.address(), length).write(iov);
        new Msghdr(source.address(), (int) SockaddrNl.LAYOUT.byteSize(), iov.address(), 1, 0, 0, 0).write(msg);
        while (true) {
            try {
                return Sockets.recvmsg(fd, msg, flags);
            } catch (ErrnoException e) {
                if (!e.is(Errno.EINTR)) {
                    throw e;
                }
            }
        }
    }

    /** Closes the socket. A second call does nothing. */
    @Override
    public void close() throws ErrnoException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (epfd >= 0) {
                Fs.close(epfd);
            }
            Fs.close(fd);
        } finally {
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "NetlinkClient[fd " + fd + ", port " + Integer.toUnsignedString(portId) + (strict ? ", strict" : "") + "]";
    }
}
