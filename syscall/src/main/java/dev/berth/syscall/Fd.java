package dev.berth.syscall;

/**
 * An owned file descriptor: closes it once, on {@link #close()}, for try-with-resources. The number
 * stays available through {@link #get()}; {@link #release()} gives up ownership.
 */
public final class Fd implements AutoCloseable {
    private int fd;

    private Fd(int fd) {
        this.fd = fd;
    }

    /** Takes ownership of {@code fd}. */
    public static Fd of(int fd) {
        if (fd < 0) {
            throw new IllegalArgumentException("not a file descriptor: " + fd);
        }
        return new Fd(fd);
    }

    /** The descriptor number; fails if it was closed or released. */
    public int get() {
        if (fd < 0) {
            throw new IllegalStateException("file descriptor already closed");
        }
        return fd;
    }

    /** Whether this still owns a descriptor. */
    public boolean isOpen() {
        return fd >= 0;
    }

    /** Gives up ownership and returns the number; {@link #close()} then does nothing. */
    public int release() {
        int n = get();
        fd = -1;
        return n;
    }

    /** Closes the descriptor; a second call does nothing. */
    @Override
    public void close() throws ErrnoException {
        if (fd >= 0) {
            int n = fd;
            fd = -1;
            Fs.close(n);
        }
    }

    @Override
    public String toString() {
        return fd >= 0 ? "fd " + fd : "closed fd";
    }
}
