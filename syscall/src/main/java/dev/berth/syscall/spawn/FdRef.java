package dev.berth.syscall.spawn;

import dev.berth.syscall.At;

/**
 * A file descriptor argument of a plan step: a number known when the plan is built, or a {@link Slot}
 * filled by an earlier step of the child.
 */
public sealed interface FdRef permits FdRef.Number, Slot {
    /** The {@code AT_FDCWD} directory fd. */
    FdRef CWD = new Number(At.AT_FDCWD);

    /** A file descriptor number. */
    record Number(int fd) implements FdRef {}

    static FdRef of(int fd) {
        return new Number(fd);
    }
}
