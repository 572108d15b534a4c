package dev.berth.runtime.network;

import dev.berth.netlink.netns.NetNs;
import dev.berth.syscall.Clone;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.spawn.FdRef;
import dev.berth.syscall.spawn.SpawnPlan;
import dev.berth.syscall.spawn.Spawned;
import dev.berth.syscall.spawn.Spawner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * busybox applets run inside a network namespace by the spawn engine ({@code setns} as a step of the
 * child's plan, then {@code execve}): the probes of the reachability tests.
 */
final class Busybox {
    static final String PATH = "/bin/busybox";
    private static final List<String> ENV = List.of("PATH=/usr/sbin:/usr/bin:/sbin:/bin");

    private Busybox() {}

    /** Runs {@code busybox ARGS...} in {@code ns} and waits; exit status and output. */
    static Exec.Outcome run(NetNs ns, String... args) throws ErrnoException {
        List<String> argv = new ArrayList<>(List.of("busybox"));
        argv.addAll(List.of(args));
        return Exec.run(PATH, argv, ENV, new byte[0], ns.fd());
    }

    /** {@code ping -c 1 -W 2 ADDRESS}: whether an answer came. Tries three times (the first ARP may be lost). */
    static boolean ping(NetNs ns, String address) throws ErrnoException {
        for (int i = 0; i < 3; i++) {
            if (run(ns, "ping", "-c", "1", "-W", "2", address).ok()) {
                return true;
            }
        }
        return false;
    }

    static String out(Exec.Outcome o) {
        return new String(o.stdout(), StandardCharsets.UTF_8);
    }

    /** Starts {@code busybox ARGS...} in {@code ns} without waiting (a server); the caller closes it. */
    static Spawned start(NetNs ns, String... args) throws ErrnoException {
        List<String> argv = new ArrayList<>(List.of("busybox"));
        argv.addAll(List.of(args));
        return Spawner.start(SpawnPlan.builder().setns(FdRef.of(ns.fd()), Clone.CLONE_NEWNET)
                .execve(PATH, argv, ENV).build());
    }
}
