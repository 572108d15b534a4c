package dev.berth.syscall;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.util.BitSet;

/**
 * Catches signals into a pipe: a few bytes of machine code ({@code sigpipe-<arch>.S}, beside this
 * class's resources) installed with {@code rt_sigaction(2)} write each caught signal's number as one
 * byte to a pipe, and Java reads them from the other end at its own pace (the self-pipe trick).
 *
 * <p>Why not {@code sun.misc.Signal}: HotSpot refuses handlers for {@code SIGQUIT} (its thread-dump
 * signal) in every mode, and for {@code SIGTERM}, {@code SIGINT} and {@code SIGHUP} under {@code -Xrs};
 * an init must forward all of them. Why not {@code signalfd}: a signal must be blocked in every thread
 * for that, and the JVM's own threads do not block them. A native handler runs in whichever thread the
 * kernel picks, touches nothing but the pipe, and loses nothing while no Java code is listening: the
 * bytes wait in the pipe (64 KiB of them; beyond that a signal is dropped rather than blocking the
 * handler). The catcher is process-wide and lives until the process ends.
 */
public final class SignalCatcher {
    /** Where the handler and restorer start in the code (the data words come first). */
    static final int HANDLER_OFFSET = 24;
    static final int RESTORER_OFFSET = 64;

    private static SignalCatcher instance;

    private final int readFd;
    private final MemorySegment code;
    private final BitSet caught = new BitSet();

    private SignalCatcher(int readFd, MemorySegment code) {
        this.readFd = readFd;
        this.code = code;
    }

    /** The process's catcher, loading it on first use. */
    public static synchronized SignalCatcher get() throws ErrnoException {
        if (instance == null) {
            instance = load();
        }
        return instance;
    }

    /** The handler's bytes for {@code arch}, as committed. */
    static byte[] bytes(Arch arch) {
        try (InputStream in = SignalCatcher.class.getResourceAsStream("sigpipe-" + arch.kernelName() + ".bin")) {
            if (in == null) {
                throw new IllegalStateException("no signal handler code for " + arch);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SignalCatcher load() throws ErrnoException {
        int[] pipe = Fs.pipe2(Open.O_CLOEXEC);
        try {
            Fs.fcntl(pipe[1], Fcntl.F_SETFL, Open.O_NONBLOCK);
            byte[] bytes = bytes(Arch.current());
            MemorySegment page = Memory.mmap(0, 4096, Mman.PROT_READ | Mman.PROT_WRITE,
                    Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0);
            MemorySegment.copy(bytes, 0, page, JAVA_BYTE, 0, bytes.length);
            page.set(JAVA_LONG, 0, pipe[1]);
            page.set(JAVA_LONG, 8, Nr.WRITE);
            page.set(JAVA_LONG, 16, Arch.current().syscall("rt_sigreturn"));
            Memory.mprotect(page, Mman.PROT_READ | Mman.PROT_EXEC);
            return new SignalCatcher(pipe[0], page);
        } catch (ErrnoException | RuntimeException e) {
            Fs.close(pipe[0]);
            Fs.close(pipe[1]);
            throw e;
        }
    }

    /**
     * Catches {@code signals} from now on (replacing any handler the JVM had, e.g. HotSpot's for
     * {@code SIGTERM} that runs shutdown hooks). {@code SA_RESTART} is set so that interrupted system
     * calls in Java threads resume; {@code SIGCHLD} is caught only for children that end.
     */
    public synchronized void catchSignals(int... signals) throws ErrnoException {
        for (int sig : signals) {
            long flags = Signal.SA_RESTORER | Signal.SA_RESTART | (sig == Signal.SIGCHLD ? Signal.SA_NOCLDSTOP : 0);
            Signals.sigaction(sig, code.address() + HANDLER_OFFSET, flags, code.address() + RESTORER_OFFSET, 0);
            caught.set(sig);
        }
    }

    /** Puts {@code signals} back to {@code SIG_DFL}; bytes already in the pipe stay there. */
    public synchronized void release(int... signals) throws ErrnoException {
        for (int sig : signals) {
            Signals.sigaction(sig, Signal.SIG_DFL, 0, 0, 0);
            caught.clear(sig);
        }
    }

    /** Whether {@code sig} is being caught. */
    public synchronized boolean catches(int sig) {
        return caught.get(sig);
    }

    /** The pipe's read end: readable when a signal has arrived (for {@link Epolls}). Do not close it. */
    public int fd() {
        return readFd;
    }

    /** The next caught signal, waiting for one if none is pending. */
    public int take() throws ErrnoException {
        while (true) {
            try {
                byte[] b = Fs.read(readFd, 1);
                if (b.length == 1) {
                    return Byte.toUnsignedInt(b[0]);
                }
                throw new ErrnoException(Errno.EPIPE, "read", Integer.toString(readFd), "signal pipe closed");
            } catch (ErrnoException e) {
                if (!e.is(Errno.EINTR)) {
                    throw e;
                }
            }
        }
    }
}
