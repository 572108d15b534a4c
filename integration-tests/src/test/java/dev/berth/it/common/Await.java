package dev.berth.it.common;

import java.time.Duration;

/** Polling for what a test cannot be told about: a container's state, a line in a log, a file. */
public final class Await {
    /** What is polled; it may throw (a failed command is an answer too). */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {}

    /** Polls {@code condition} every 100 ms for up to 20 s; fails naming {@code what}. */
    public static void until(String what, Condition condition) throws Exception {
        until(Duration.ofSeconds(20), what, condition);
    }

    public static void until(Duration timeout, String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
