package dev.berth.runtime.util;

/**
 * {@code BERTH_TRACE=1}: milestones of a command with the milliseconds since the JVM started, on stderr,
 * to see where start-up time goes (the JVM's own start is measured from /proc/self/stat).
 */
public final class Trace {
    private static final boolean ON = System.getenv("BERTH_TRACE") != null;
    private static final long START = ON ? jvmStartNanos() : 0;

    private Trace() {}

    public static void mark(String what) {
        if (ON) {
            System.err.printf("berth trace: %7.1f ms  %s%n", (System.nanoTime() - START) / 1e6, what);
        }
    }

    private static long jvmStartNanos() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            long ticks = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19]);
            double uptime = Double.parseDouble(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/uptime"))
                    .split(" ")[0]);
            double ageSeconds = uptime - ticks / 100.0;
            return System.nanoTime() - (long) (ageSeconds * 1e9);
        } catch (Exception e) {
            return System.nanoTime();
        }
    }
}
