package dev.berth.syscall.spawn;

import dev.berth.syscall.Clone;
import dev.berth.syscall.Mount;
import java.util.Arrays;
import java.util.List;

/**
 * The in-process half of {@code bench/spawn.sh}: spawn+exec+wait of {@code /bin/true} through Berth
 * and through {@link ProcessBuilder}, and through Berth with new pid, mount, uts, ipc and net
 * namespaces plus a private {@code /proc}. Prints {@code name median_us mean_us} lines.
 * Usage: {@code SpawnBench ITERATIONS [namespaces]}.
 */
public final class SpawnBench {
    private SpawnBench() {}

    interface Body {
        void run() throws Exception;
    }

    static void measure(String name, int n, Body body) throws Exception {
        for (int i = 0; i < Math.max(200, n / 5); i++) {
            body.run();
        }
        long[] ns = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            body.run();
            ns[i] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        double mean = Arrays.stream(ns).average().orElse(0) / 1000.0;
        System.out.printf("%s %.1f %.1f%n", name, ns[n / 2] / 1000.0, mean);
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        boolean namespaces = args.length > 1 && args[1].equals("namespaces");
        SpawnPlan plain = SpawnPlan.builder().execve("/bin/true", List.of("true"), List.of()).build();
        measure("berth_true", n, () -> {
            try (Spawned s = Spawner.start(plain)) {
                s.waitFor();
            }
        });
        ProcessBuilder pb = new ProcessBuilder("/bin/true");
        measure("processbuilder_true", n, () -> pb.start().waitFor());
        if (namespaces) {
            SpawnPlan ns = SpawnPlan.builder()
                    .cloneFlags(Clone.CLONE_NEWPID | Clone.CLONE_NEWNS | Clone.CLONE_NEWUTS | Clone.CLONE_NEWIPC
                            | Clone.CLONE_NEWNET)
                    .mount(null, "/", null, Mount.MS_REC | Mount.MS_PRIVATE, null)
                    .mount("proc", "/proc", "proc", Mount.MS_NOSUID | Mount.MS_NODEV | Mount.MS_NOEXEC, null)
                    .execve("/bin/true", List.of("true"), List.of()).build();
            measure("berth_namespaces", n, () -> {
                try (Spawned s = Spawner.start(ns)) {
                    s.waitFor();
                }
            });
        }
    }
}
