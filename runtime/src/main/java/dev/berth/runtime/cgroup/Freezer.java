package dev.berth.runtime.cgroup;

import java.time.Duration;

/**
 * Freezing and thawing a cgroup, bounded in time. v1 (freezer-subsystem.rst): write {@code FROZEN} or
 * {@code THAWED} to {@code freezer.state} and poll it until the state is reached; a cgroup can stay in
 * {@code FREEZING} while a task sleeps uninterruptibly, so the write is repeated while polling. v2
 * (cgroup-v2.rst, Linux 5.2+): write 1 or 0 to {@code cgroup.freeze} and poll {@code cgroup.events} for
 * {@code frozen 1} or {@code frozen 0}. A freeze that times out is undone and reported.
 */
final class Freezer {
    private Freezer() {}

    static FreezerState state(CgroupHost host, String dir, boolean v2) throws CgroupException {
        if (!v2) {
            return switch (host.read(CgroupPaths.join(dir, "freezer.state")).trim()) {
                case "FROZEN" -> FreezerState.FROZEN;
                case "FREEZING" -> FreezerState.FREEZING;
                default -> FreezerState.THAWED;
            };
        }
        boolean asked = host.read(CgroupPaths.join(dir, "cgroup.freeze")).trim().equals("1");
        boolean frozen = eventsFrozen(host, dir);
        return frozen ? FreezerState.FROZEN : asked ? FreezerState.FREEZING : FreezerState.THAWED;
    }

    private static boolean eventsFrozen(CgroupHost host, String dir) throws CgroupException {
        for (String line : host.read(CgroupPaths.join(dir, "cgroup.events")).split("\n")) {
            if (line.trim().equals("frozen 1")) {
                return true;
            }
        }
        return false;
    }

    static void freeze(CgroupHost host, String dir, boolean v2, Duration timeout) throws CgroupException {
        try {
            change(host, dir, v2, true, timeout);
        } catch (CgroupException e) {
            try {
                change(host, dir, v2, false, timeout);
            } catch (CgroupException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
    }

    static void thaw(CgroupHost host, String dir, boolean v2, Duration timeout) throws CgroupException {
        change(host, dir, v2, false, timeout);
    }

    private static void change(CgroupHost host, String dir, boolean v2, boolean freeze, Duration timeout)
            throws CgroupException {
        String file = CgroupPaths.join(dir, v2 ? "cgroup.freeze" : "freezer.state");
        String value = v2 ? (freeze ? "1" : "0") : (freeze ? "FROZEN" : "THAWED");
        FreezerState want = freeze ? FreezerState.FROZEN : FreezerState.THAWED;
        long deadline = host.nanoTime() + timeout.toNanos();
        long sleep = 1;
        host.write(file, value);
        for (int i = 1;; i++) {
            FreezerState now = state(host, dir, v2);
            if (now == want) {
                return;
            }
            if (host.nanoTime() - deadline > 0) {
                throw new CgroupException((freeze ? "freezing " : "thawing ") + dir + ": still " + now + " after "
                        + timeout.toMillis() + " ms (" + file + ")");
            }
            host.sleepMillis(sleep);
            sleep = Math.min(sleep * 2, 50);
            if (!v2 && i % 8 == 0) {
                host.write(file, value); // a stuck FREEZING can resolve when asked again
            }
        }
    }
}
