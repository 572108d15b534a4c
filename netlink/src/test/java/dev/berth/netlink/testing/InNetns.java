package dev.berth.netlink.testing;

import dev.berth.syscall.Fs;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** A {@code sleep} process running inside a named namespace, for operations that take a pid. */
public final class InNetns implements AutoCloseable {
    private final Process process;

    private InNetns(Process process) {
        this.process = process;
    }

    /** Starts {@code ip netns exec NAME sleep 120} and waits until the process has entered the namespace. */
    public static InNetns start(TestNs ns) throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "exec", ns.name(), "sleep", "120").start();
        long want = Fs.fstat(ns.handle().fd()).ino();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                if (Fs.stat("/proc/" + p.pid() + "/ns/net").ino() == want) {
                    // ip netns exec also makes a mount namespace; wait until it has exec'd sleep
                    if (Fs.readFile("/proc/" + p.pid() + "/comm").trim().equals("sleep")) {
                        return new InNetns(p);
                    }
                }
            } catch (dev.berth.syscall.ErrnoException e) {
                // not there yet
            }
            Thread.sleep(5);
        }
        p.destroyForcibly();
        throw new IllegalStateException("process never entered " + ns.name());
    }

    public int pid() {
        return (int) process.pid();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
