package dev.berth.syscall;

/** Clock ids of {@code clock_gettime(2)} ({@code <linux/time.h>}). */
public final class Clocks {
    public static final int CLOCK_REALTIME = 0;
    public static final int CLOCK_MONOTONIC = 1;
    public static final int CLOCK_PROCESS_CPUTIME_ID = 2;
    public static final int CLOCK_THREAD_CPUTIME_ID = 3;
    public static final int CLOCK_MONOTONIC_RAW = 4;
    public static final int CLOCK_REALTIME_COARSE = 5;
    public static final int CLOCK_MONOTONIC_COARSE = 6;
    public static final int CLOCK_BOOTTIME = 7;

    private Clocks() {}

    /** A clock id as {@code CLOCK_MONOTONIC}. */
    public static String format(int clock) {
        return clock == 0 ? "CLOCK_REALTIME" : Names.SET.formatValue(clock);
    }

    private static final class Names {
        static final FlagSet SET = FlagSet.of(Clocks.class, "CLOCK_");
    }
}
