package dev.berth.syscall;

import java.util.Locale;

/** Resource limits of {@code prlimit(2)} ({@code <asm-generic/resource.h>}) and priorities of {@code setpriority(2)}. */
public final class Resource {
    public static final int RLIMIT_CPU = 0;
    public static final int RLIMIT_FSIZE = 1;
    public static final int RLIMIT_DATA = 2;
    public static final int RLIMIT_STACK = 3;
    public static final int RLIMIT_CORE = 4;
    public static final int RLIMIT_RSS = 5;
    public static final int RLIMIT_NPROC = 6;
    public static final int RLIMIT_NOFILE = 7;
    public static final int RLIMIT_MEMLOCK = 8;
    public static final int RLIMIT_AS = 9;
    public static final int RLIMIT_LOCKS = 10;
    public static final int RLIMIT_SIGPENDING = 11;
    public static final int RLIMIT_MSGQUEUE = 12;
    public static final int RLIMIT_NICE = 13;
    public static final int RLIMIT_RTPRIO = 14;
    public static final int RLIMIT_RTTIME = 15;
    public static final int RLIM_NLIMITS = 16;
    /** "No limit": {@code ~0UL}. */
    public static final long RLIM_INFINITY = -1L;

    public static final int PRIO_PROCESS = 0;
    public static final int PRIO_PGRP = 1;
    public static final int PRIO_USER = 2;

    private Resource() {}

    private static final class Names {
        static final FlagSet SET = FlagSet.of(Resource.class, "RLIMIT_");
    }

    /** A resource as {@code RLIMIT_NOFILE}. */
    public static String name(int resource) {
        return resource == RLIMIT_CPU ? "RLIMIT_CPU" : Names.SET.formatValue(resource);
    }

    /** The number of {@code RLIMIT_NOFILE} (or {@code nofile}), or -1. */
    public static int number(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (!n.startsWith("RLIMIT_")) {
            n = "RLIMIT_" + n;
        }
        for (int r = 0; r < RLIM_NLIMITS; r++) {
            if (name(r).equals(n)) {
                return r;
            }
        }
        return -1;
    }
}
