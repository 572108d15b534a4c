package dev.berth.syscall.spawn;

/**
 * A 64-bit result slot of a spawn plan: a step can store its result there (an fd from
 * {@code openat}, say) and later steps can take an argument from it. Made by {@link PlanBuilder#slot()};
 * the last slot is the plan's own, holding the error pipe's fd.
 */
public record Slot(int index) implements FdRef {
    /** The number of slots a plan's steps may use. */
    public static final int MAX = 63;
    /** The slot that holds the error pipe's fd in the child (the trampoline reports failures there). */
    static final int ERR = 63;
    /** {@link #ERR} as a slot, for the step that moves the error pipe out of the way of inherited fds. */
    static final Slot ERROR_PIPE = new Slot(ERR);

    public Slot {
        if (index < 0 || index > ERR) {
            throw new IllegalArgumentException("slot index out of range: " + index);
        }
    }

    @Override
    public String toString() {
        return index == ERR ? "$errpipe" : "$" + index;
    }
}
