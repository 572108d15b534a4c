package dev.berth.runtime.lifecycle;

import dev.berth.syscall.Epoll;
import dev.berth.syscall.Epolls;
import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fcntl;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Open;
import dev.berth.syscall.Sockets;
import dev.berth.syscall.Terminals;

/**
 * The console of a foreground {@code run} without {@code --console-socket}, as runc gives one: Berth
 * receives the pty master the container's init sends over a socket pair, copies its own stdin to the
 * master and the master to its stdout, puts its own terminal (when stdin is one) in raw mode so that
 * keys such as Ctrl-C reach the container's terminal, passes window size changes on, and puts the
 * terminal back as it was when the container ends. When stdin is a pipe or a file, its end becomes the
 * end-of-file key on the container's terminal.
 */
final class ConsoleRelay implements AutoCloseable {
    private static final int STDIN = 0;
    private static final int STDOUT = 1;
    private static final int CHUNK = 16 * 1024;

    private final int master;
    private final byte[] savedTermios;
    private boolean stdinOpen = true;
    /** No slave is open any more (the container's processes are gone): input has nowhere to go. */
    private boolean slaveGone;

    private ConsoleRelay(int master, byte[] savedTermios) {
        this.master = master;
        this.savedTermios = savedTermios;
    }

    /** Takes the master from {@code receiver} (the init sent it before its exec) and sets the terminals up. */
    static ConsoleRelay start(int receiver) throws ErrnoException {
        Sockets.Received r = Sockets.receiveFds(receiver, 64, 1);
        if (r.fds().length != 1) {
            throw new ErrnoException(Errno.EIO, "recvmsg", Integer.toString(receiver),
                    "the container's init sent no pty master");
        }
        int master = r.fds()[0];
        byte[] saved = null;
        try {
            Fs.fcntl(master, Fcntl.F_SETFL, Open.O_NONBLOCK);
            if (Terminals.isatty(STDIN)) {
                Terminals.setWindowSize(master, Terminals.getWindowSize(STDIN));
                saved = Terminals.getAttributes(STDIN);
                Terminals.setAttributes(STDIN, Terminals.raw(saved));
            }
            return new ConsoleRelay(master, saved);
        } catch (ErrnoException | RuntimeException e) {
            Fs.close(master);
            throw e;
        }
    }

    /** Adds stdin (event {@code stdinEvent}) and the master (event {@code masterEvent}) to {@code epoll}. */
    void watch(int epoll, long stdinEvent, long masterEvent) throws ErrnoException {
        Epolls.ctl(epoll, Epoll.EPOLL_CTL_ADD, master, Epoll.EPOLLIN, masterEvent);
        try {
            Epolls.ctl(epoll, Epoll.EPOLL_CTL_ADD, STDIN, Epoll.EPOLLIN, stdinEvent);
        } catch (ErrnoException e) {
            // a regular file or /dev/null cannot be polled: it is read once, all of it, now
            if (!e.is(Errno.EPERM)) {
                throw e;
            }
            while (stdinOpen && !slaveGone) {
                fromStdin(epoll);
            }
        }
    }

    /** Copies what stdin has to the master; at end of file stops watching stdin. */
    void fromStdin(int epoll) throws ErrnoException {
        if (slaveGone) {
            endOfStdin(epoll);
            return;
        }
        byte[] data;
        try {
            data = Fs.read(STDIN, CHUNK);
        } catch (ErrnoException e) {
            if (e.is(Errno.EAGAIN) || e.is(Errno.EINTR)) {
                return;
            }
            data = new byte[0]; // EIO: the terminal went away
        }
        if (data.length == 0) {
            endOfStdin(epoll);
            return;
        }
        writeAllBlocking(master, data);
    }

    private void endOfStdin(int epoll) throws ErrnoException {
        stdinOpen = false;
        if (savedTermios == null && !slaveGone) {
            // a pipe or file ended: the container's terminal gets the end-of-file key (VEOF, ^D), as if
            // typed; on a terminal, the user types it
            writeAllBlocking(master, new byte[] {4});
        }
        try {
            Epolls.ctl(epoll, Epoll.EPOLL_CTL_DEL, STDIN, 0, 0);
        } catch (ErrnoException e) {
            // never added (not pollable)
        }
    }

    /** Copies what the master has to stdout; once no slave is open any more, stops watching it. */
    void fromMaster(int epoll) throws ErrnoException {
        if (drain(false)) {
            slaveGone = true;
            Epolls.ctl(epoll, Epoll.EPOLL_CTL_DEL, master, 0, 0);
        }
    }

    /** Window size of Berth's terminal to the container's (the kernel then signals its foreground group). */
    void resized() {
        try {
            if (savedTermios != null) {
                Terminals.setWindowSize(master, Terminals.getWindowSize(STDIN));
            }
        } catch (ErrnoException e) {
            // the terminal is gone; nothing to resize
        }
    }

    /** After the init ended: copies what the master still holds, then restores Berth's terminal. */
    @Override
    public void close() throws ErrnoException {
        try {
            drain(true);
        } finally {
            try {
                Fs.close(master);
            } finally {
                if (savedTermios != null) {
                    Terminals.setAttributes(STDIN, savedTermios);
                }
            }
        }
    }

    /** Copies from the master to stdout what it has now (with {@code all}, until it is empty); true at its end. */
    private boolean drain(boolean all) throws ErrnoException {
        while (true) {
            byte[] data;
            try {
                data = Fs.read(master, CHUNK);
            } catch (ErrnoException e) {
                if (e.is(Errno.EINTR)) {
                    continue;
                }
                if (e.is(Errno.EAGAIN)) {
                    return false;
                }
                if (e.is(Errno.EIO)) {
                    return true; // no slave is open any more
                }
                throw e;
            }
            if (data.length == 0) {
                return true;
            }
            Fs.writeAll(STDOUT, data);
            if (!all && data.length < CHUNK) {
                return false;
            }
        }
    }

    /**
     * Writes all of {@code data} to the non-blocking {@code fd}, copying the container's output meanwhile
     * while its buffer is full (the container may be waiting for its output to be read). Gives up once no
     * slave is open: the rest of the input has no reader.
     */
    private void writeAllBlocking(int fd, byte[] data) throws ErrnoException {
        int off = 0;
        while (off < data.length) {
            try {
                byte[] rest = off == 0 ? data : java.util.Arrays.copyOfRange(data, off, data.length);
                try (java.lang.foreign.Arena a = java.lang.foreign.Arena.ofConfined()) {
                    off += Fs.write(fd, a.allocateFrom(java.lang.foreign.ValueLayout.JAVA_BYTE, rest));
                }
            } catch (ErrnoException e) {
                if (e.is(Errno.EIO)) {
                    slaveGone = true;
                    return;
                }
                if (!e.is(Errno.EAGAIN) && !e.is(Errno.EINTR)) {
                    throw e;
                }
                if (drain(false)) {
                    slaveGone = true;
                    return;
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
