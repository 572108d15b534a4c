package dev.berth.runtime.cgroup;

/** The freezer state of a cgroup, as v1 {@code freezer.state} names it (v2: {@code cgroup.freeze} and {@code cgroup.events}). */
public enum FreezerState {
    /** Running. */
    THAWED,
    /** Asked to freeze, not all tasks stopped yet. */
    FREEZING,
    /** Every task stopped. */
    FROZEN
}
