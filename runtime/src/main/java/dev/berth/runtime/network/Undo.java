package dev.berth.runtime.network;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a setup did, to be undone in reverse order if a later step fails: a failed setup leaves no veth,
 * address, route, allocation, bridge or NAT rule that it made.
 */
final class Undo {
    interface Action {
        void run() throws Exception;
    }

    private record Step(String what, Action action) {}

    private final Deque<Step> steps = new ArrayDeque<>();

    /** Registers how to undo something just done. */
    void add(String what, Action action) {
        steps.push(new Step(what, action));
    }

    /**
     * Undoes everything registered, newest first; each failure is added to {@code cause} as suppressed
     * (and the rest still run).
     */
    void run(Throwable cause) {
        while (!steps.isEmpty()) {
            Step s = steps.pop();
            try {
                s.action().run();
            } catch (Exception e) {
                cause.addSuppressed(new NetworkException("cleaning up after the failure: " + s.what() + ": "
                        + e.getMessage(), e));
            }
        }
    }

    /** Forgets everything: the setup succeeded. */
    void commit() {
        steps.clear();
    }
}
