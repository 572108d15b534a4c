package dev.berth.runtime.lifecycle;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Undo actions of a command that creates things, run in reverse order if it fails: a failed
 * {@code create} leaves no mount, cgroup, state directory, process or fd behind.
 */
final class Rollback implements AutoCloseable {
    interface Undo {
        void run() throws Exception;
    }

    private record Step(String what, Undo undo) {}

    private final Deque<Step> steps = new ArrayDeque<>();
    private final Log log;
    private boolean committed;

    Rollback(Log log) {
        this.log = log;
    }

    /** Registers how to undo something just done. */
    void add(String what, Undo undo) {
        steps.push(new Step(what, undo));
    }

    /** Success: nothing is undone. */
    void commit() {
        committed = true;
    }

    @Override
    public void close() {
        if (committed) {
            return;
        }
        while (!steps.isEmpty()) {
            Step s = steps.pop();
            try {
                s.undo().run();
            } catch (Exception e) {
                log.warn("cleaning up after a failed create: " + s.what() + ": " + e.getMessage());
            }
        }
    }
}
