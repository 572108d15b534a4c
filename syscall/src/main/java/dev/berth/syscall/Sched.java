package dev.berth.syscall;

/** Scheduling policies ({@code <linux/sched.h>}, {@code sched(7)}) and I/O priority classes ({@code ioprio_set(2)}). */
public final class Sched {
    public static final int SCHED_OTHER = 0;
    public static final int SCHED_FIFO = 1;
    public static final int SCHED_RR = 2;
    public static final int SCHED_BATCH = 3;
    public static final int SCHED_IDLE = 5;
    public static final int SCHED_DEADLINE = 6;
    public static final int SCHED_RESET_ON_FORK = 0x40000000;

    public static final int IOPRIO_CLASS_NONE = 0;
    public static final int IOPRIO_CLASS_RT = 1;
    public static final int IOPRIO_CLASS_BE = 2;
    public static final int IOPRIO_CLASS_IDLE = 3;
    public static final int IOPRIO_CLASS_SHIFT = 13;
    public static final int IOPRIO_WHO_PROCESS = 1;
    public static final int IOPRIO_WHO_PGRP = 2;
    public static final int IOPRIO_WHO_USER = 3;

    private Sched() {}

    /** {@code IOPRIO_PRIO_VALUE(class, data)}. */
    public static int ioprio(int ioClass, int data) {
        return (ioClass << IOPRIO_CLASS_SHIFT) | data;
    }
}
