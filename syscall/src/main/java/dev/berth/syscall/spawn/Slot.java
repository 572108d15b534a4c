package dev.berth.syscall.spawn;

/**
 * A 64-bit result slot of a spawn plan: a step can store its result there (an fd from
 * {@code openat}, say) and later steps can take an argument from it. Made by {@link PlanBuilder#slot()}.
 */
public record Slot(int index) implements FdRef {
    /** The most slots one plan may use. */
    public static final int MAX = 64;

    public Slot {
        if (index < 0 || index >= MAX) {
            throw new IllegalArgumentException("slot index out of range: " + index);
        }
    }

    @Override
    public String toString() {
        return "$" + index;
    }
}
