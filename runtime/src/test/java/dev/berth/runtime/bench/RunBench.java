package dev.berth.runtime.bench;

import dev.berth.runtime.util.Trace;
import dev.berth.runtime.lifecycle.Containers;
import dev.berth.runtime.lifecycle.Create;
import dev.berth.runtime.lifecycle.CreateOptions;
import dev.berth.runtime.lifecycle.Log;
import dev.berth.runtime.state.StateStore;
import dev.berth.syscall.Fd;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Open;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The in-process half of {@code bench/run.sh}: create + start + wait + delete of a container through
 * Berth's Java API, {@code N} times in a row on one bundle, and what the process holds before and after
 * (fds, mounts, heap in use after a GC). Prints {@code key value} lines.
 * Usage: {@code RunBench BUNDLE N}.
 */
public final class RunBench {
    private RunBench() {}

    public static void main(String[] args) throws Exception {
        Path bundle = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        Path root = Path.of("/run/berth-bench-" + ProcessHandle.current().pid());
        StateStore store = new StateStore(root);
        Log log = Log.toStderr(System.err);
        Containers containers = new Containers(store, log);
        for (int i = 0; i < Math.max(20, n / 10); i++) {
            once(store, containers, bundle, "warm" + i, log);
        }
        int fds = fds();
        int mounts = mounts();
        long heap = heapAfterGc();
        long[] ns = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            once(store, containers, bundle, "c" + i, log);
            ns[i] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        System.out.printf("median_ms %.3f%n", ns[n / 2] / 1e6);
        System.out.printf("p90_ms %.3f%n", ns[n * 9 / 10] / 1e6);
        System.out.printf("fds_before %d%nfds_after %d%n", fds, fds());
        System.out.printf("mounts_before %d%nmounts_after %d%n", mounts, mounts());
        System.out.printf("heap_before_kb %d%nheap_after_kb %d%n", heap / 1024, heapAfterGc() / 1024);
        java.nio.file.Files.deleteIfExists(root);
    }

    private static void once(StateStore store, Containers containers, Path bundle, String id, Log log) throws Exception {
        Create.Created c = Create.create(store, new CreateOptions(id, bundle, null, null, false, false, 0, false), log);
        c.init().awaitExec();
        Trace.mark("exec'd");
        int code = c.init().waitFor().shellCode();
        Trace.mark("payload ended");
        c.init().close();
        containers.delete(id, true);
        Trace.mark("deleted");
        if (code != 0) {
            throw new IllegalStateException(id + " exited " + code);
        }
    }

    private static int fds() throws Exception {
        try (Fd d = Fd.of(Fs.open("/proc/self/fd", Open.O_RDONLY | Open.O_DIRECTORY | Open.O_CLOEXEC))) {
            return Fs.readDirectory(d.get()).size() - 1;
        }
    }

    private static int mounts() throws Exception {
        return (int) Fs.readFile("/proc/self/mountinfo").lines().count();
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
