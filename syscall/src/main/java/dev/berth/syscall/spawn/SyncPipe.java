package dev.berth.syscall.spawn;

import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Open;

/**
 * A one-byte synchronisation point between the parent and a spawned child, over a pipe.
 * {@link #toChild()}: the child blocks in a {@link PlanBuilder#readByte} step until the parent calls
 * {@link #signal()} (the parent writes uid maps or sets up the network meanwhile); if the parent
 * closes without signalling, the child's read sees end of file and the child fails instead of going
 * on. {@link #fromChild()}: the child reports a point in its plan with a {@link PlanBuilder#write}
 * step and the parent {@link #await()}s it.
 *
 * <p>Both ends are {@code O_CLOEXEC}: the payload never sees them. After the spawn, call
 * {@link #afterSpawn()} so that the parent no longer holds the child's end.
 */
public final class SyncPipe implements AutoCloseable {
    private final boolean toChild;
    private int parentEnd;
    private int childEnd;

    private SyncPipe(boolean toChild) throws ErrnoException {
        int[] p = Fs.pipe2(Open.O_CLOEXEC);
        this.toChild = toChild;
        this.parentEnd = toChild ? p[1] : p[0];
        this.childEnd = toChild ? p[0] : p[1];
    }

    /** A pipe the parent signals and the child waits on. */
    public static SyncPipe toChild() throws ErrnoException {
        return new SyncPipe(true);
    }

    /** A pipe the child signals and the parent waits on. */
    public static SyncPipe fromChild() throws ErrnoException {
        return new SyncPipe(false);
    }

    /** The child's end, for the plan's {@code readByte} or {@code write} step. */
    public FdRef childEnd() {
        if (childEnd < 0) {
            throw new IllegalStateException("the child's end is already closed in the parent");
        }
        return FdRef.of(childEnd);
    }

    /** Closes the parent's copy of the child's end; call it once the child is spawned. */
    public void afterSpawn() {
        if (childEnd >= 0) {
            Spawner.closeQuietly(childEnd);
            childEnd = -1;
        }
    }

    /** Lets a child waiting on this pipe go on. */
    public void signal() throws ErrnoException {
        if (!toChild) {
            throw new IllegalStateException("signal() is for a pipe to the child");
        }
        Fs.writeAll(parentEnd, new byte[] {'1'});
    }

    /**
     * Waits for the child's byte: true when it came, false at end of file (the child failed or died
     * before that point).
     */
    public boolean await() throws ErrnoException {
        if (toChild) {
            throw new IllegalStateException("await() is for a pipe from the child");
        }
        while (true) {
            try {
                return Fs.read(parentEnd, 1).length == 1;
            } catch (ErrnoException e) {
                if (!e.is(Errno.EINTR)) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void close() {
        afterSpawn();
        if (parentEnd >= 0) {
            Spawner.closeQuietly(parentEnd);
            parentEnd = -1;
        }
    }
}
