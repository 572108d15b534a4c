package dev.berth.runtime.network;

import java.util.function.Consumer;

/**
 * Named points between the steps of a setup, where tests inject a failure to check that everything done
 * before is undone. Without a hook installed (always, outside tests) a point costs one volatile read.
 */
final class Faults {
    /** Called with each point's name; a test's hook throws {@link InjectedFault} at the one it aims at. */
    static volatile Consumer<String> hook;

    /** The failure a test hook throws. */
    static final class InjectedFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFault(String point) {
            super("injected failure at " + point);
        }
    }

    private Faults() {}

    static void at(String point) {
        Consumer<String> h = hook;
        if (h != null) {
            h.accept(point);
        }
    }
}
