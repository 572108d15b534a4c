package dev.berth.syscall;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.berth.syscall.struct.Winsize;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Pseudo-terminals and controlling terminals ({@code pty(7)}, {@code tty_ioctl(4)}): a pty pair through
 * {@code /dev/ptmx} with {@code TIOCSPTLCK}, {@code TIOCGPTN} and {@code TIOCGPTPEER}, and the
 * {@code TIOCSCTTY}/{@code TIOCGWINSZ}/{@code TIOCSWINSZ}/{@code TIOCSPGRP} requests.
 */
public final class Terminals {
    private Terminals() {}

    /** A master and its peer (the slave side), both open. */
    public record Pty(int master, int slave, int number) {
        /** The slave's name under {@code /dev/pts}, relative to the devpts instance the master came from. */
        public String slaveName() {
            return "/dev/pts/" + number;
        }
    }

    /**
     * Opens a new pty pair from {@code ptmx} (e.g. {@code /dev/ptmx} or {@code /dev/pts/ptmx} of a
     * container's devpts). The slave is opened with {@code TIOCGPTPEER}, so it comes from the same devpts
     * instance even where the path would not resolve.
     */
    public static Pty openPty(String ptmx) throws ErrnoException {
        int master = Fs.open(ptmx, Open.O_RDWR | Open.O_NOCTTY | Open.O_CLOEXEC);
        try {
            unlock(master);
            int n = ptyNumber(master);
            int slave = Fs.ioctl(master, Ioctl.TIOCGPTPEER, Open.O_RDWR | Open.O_NOCTTY | Open.O_CLOEXEC);
            return new Pty(master, slave, n);
        } catch (ErrnoException e) {
            Fs.close(master);
            throw e;
        }
    }

    /** {@code TIOCSPTLCK} with 0: unlocks the slave of a master (what {@code unlockpt(3)} does). */
    public static void unlock(int master) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            Fs.ioctl(master, Ioctl.TIOCSPTLCK, a.allocateFrom(JAVA_INT, 0));
        }
    }

    /** {@code TIOCGPTN}: the number of a master's slave. */
    public static int ptyNumber(int master) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment n = a.allocate(JAVA_INT);
            Fs.ioctl(master, Ioctl.TIOCGPTN, n);
            return n.get(JAVA_INT, 0);
        }
    }

    /** {@code TIOCSCTTY}: makes {@code fd} the controlling terminal of the caller's session. */
    public static void setControllingTerminal(int fd, boolean steal) throws ErrnoException {
        Fs.ioctl(fd, Ioctl.TIOCSCTTY, steal ? 1 : 0);
    }

    /** {@code TIOCGWINSZ}. */
    public static Winsize getWindowSize(int fd) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(Winsize.LAYOUT);
            Fs.ioctl(fd, Ioctl.TIOCGWINSZ, s);
            return Winsize.read(s);
        }
    }

    /** {@code TIOCSWINSZ}. */
    public static void setWindowSize(int fd, Winsize size) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            Fs.ioctl(fd, Ioctl.TIOCSWINSZ, size.allocate(a));
        }
    }

    /** {@code TIOCSPGRP}: makes {@code pgrp} the foreground process group of terminal {@code fd}. */
    public static void setForegroundGroup(int fd, int pgrp) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            Fs.ioctl(fd, Ioctl.TIOCSPGRP, a.allocateFrom(JAVA_INT, pgrp));
        }
    }

    /** {@code TIOCGPGRP}: the foreground process group of terminal {@code fd}. */
    public static int getForegroundGroup(int fd) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(JAVA_INT);
            Fs.ioctl(fd, Ioctl.TIOCGPGRP, s);
            return s.get(JAVA_INT, 0);
        }
    }

    /** {@code TCGETS}: terminal {@code fd}'s attributes, as the kernel's {@code struct termios} bytes. */
    public static byte[] getAttributes(int fd) throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment t = a.allocate(Termios.SIZE, 4);
            Fs.ioctl(fd, Ioctl.TCGETS, t);
            return t.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        }
    }

    /** {@code TCSETS}: sets terminal {@code fd}'s attributes at once ({@code tcsetattr(TCSANOW)}). */
    public static void setAttributes(int fd, byte[] termios) throws ErrnoException {
        if (termios.length != Termios.SIZE) {
            throw new IllegalArgumentException("termios: " + termios.length + " bytes, not " + Termios.SIZE);
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment t = a.allocate(Termios.SIZE, 4);
            t.copyFrom(MemorySegment.ofArray(termios));
            Fs.ioctl(fd, Ioctl.TCSETS, t);
        }
    }

    /**
     * {@code termios} made raw as {@code cfmakeraw(3)} makes it: no input translation, no output
     * processing, no echo, no line editing, no signals from keys, 8-bit characters, reads return after one
     * byte. A copy; {@code termios} is unchanged.
     */
    public static byte[] raw(byte[] termios) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(termios.clone()).order(java.nio.ByteOrder.nativeOrder());
        int iflag = b.getInt(Termios.IFLAG) & ~(Termios.IGNBRK | Termios.BRKINT | Termios.PARMRK | Termios.ISTRIP
                | Termios.INLCR | Termios.IGNCR | Termios.ICRNL | Termios.IXON);
        int oflag = b.getInt(Termios.OFLAG) & ~Termios.OPOST;
        int cflag = (b.getInt(Termios.CFLAG) & ~(Termios.CSIZE | Termios.PARENB)) | Termios.CS8;
        int lflag = b.getInt(Termios.LFLAG) & ~(Termios.ECHO | Termios.ECHONL | Termios.ICANON | Termios.ISIG
                | Termios.IEXTEN);
        b.putInt(Termios.IFLAG, iflag).putInt(Termios.OFLAG, oflag).putInt(Termios.CFLAG, cflag)
                .putInt(Termios.LFLAG, lflag);
        b.put(Termios.CC + Termios.VTIME, (byte) 0);
        b.put(Termios.CC + Termios.VMIN, (byte) 1);
        return b.array();
    }

    /** Whether {@code fd} is a terminal ({@code TCGETS} succeeds), as {@code isatty(3)}. */
    public static boolean isatty(int fd) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment termios = a.allocate(64);
            return Raw.call(Nr.IOCTL, fd, Ioctl.TCGETS, termios.address()) == 0;
        }
    }
}
