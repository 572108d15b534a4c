package dev.berth.netlink.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.netlink.netns.NetNs;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.syscall.ErrnoException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A fresh named network namespace for one root test, made with Berth's {@link NetNs#add} (so every test
 * also exercises it) and checked with iproute2's {@code ip -n NAME}. Closing deletes it; nothing of the
 * host's is touched. Only 198.18.0.0/15 and 2001:2::/48 (the benchmarking ranges) are used in tests.
 */
public final class TestNs implements AutoCloseable {
    /** Whether /run/netns was a mount point before any test made one; if not, tests unmount it when done. */
    private static final boolean RUN_NETNS_WAS_MOUNTED = runNetnsMounted();

    private final String name;
    private final NetNs handle;

    private TestNs(String name) throws ErrnoException {
        this.name = name;
        NetNs.add(name);
        this.handle = NetNs.named(name);
    }

    /** A new namespace named {@code berth-t-<tag>-<random>}. */
    public static TestNs create(String tag) throws ErrnoException {
        return new TestNs("berth-t-" + tag + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24)));
    }

    public String name() {
        return name;
    }

    public NetNs handle() {
        return handle;
    }

    /** Operations inside the namespace (the caller closes them). */
    public Rtnl rtnl() throws ErrnoException {
        return handle.rtnl();
    }

    /** {@code ip -n NAME ARGS...}; fails the test unless it exits 0. */
    public String ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /** {@code ip -j -n NAME ARGS...} parsed. */
    public List<Map<String, Object>> ipJson(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-j", "-n", name));
        cmd.addAll(List.of(args));
        String out = run(cmd).trim();
        return out.isEmpty() ? List.of() : MiniJson.parseArray(out);
    }

    /** Runs a command and returns its stdout; fails the test on a non-zero exit. */
    public static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail(String.join(" ", cmd) + " failed: " + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The one object of {@code ip -j} output whose {@code key} is {@code value}. */
    public static Map<String, Object> find(List<Map<String, Object>> list, String key, Object value) {
        for (Map<String, Object> m : list) {
            if (value.equals(m.get(key))) {
                return m;
            }
        }
        throw new AssertionError("no entry with " + key + "=" + value + " in " + list);
    }

    @Override
    public void close() throws ErrnoException {
        try {
            handle.close();
        } finally {
            NetNs.delete(name);
            cleanupRunDir();
        }
    }

    /**
     * Leaves /run/netns as it was found: the namespace code made it a shared bind mount of itself (as
     * {@code ip netns add} does); when no namespace is left there and it was not a mount before the
     * tests, that mount is removed again.
     */
    public static void cleanupRunDir() throws ErrnoException {
        if (RUN_NETNS_WAS_MOUNTED || !runNetnsMounted()) {
            return;
        }
        if (NetNs.list().isEmpty()) {
            dev.berth.syscall.Mounts.umount2(NetNs.RUN_DIR, dev.berth.syscall.Mount.MNT_DETACH);
        }
    }

    private static boolean runNetnsMounted() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] f = line.split(" ");
                if (f.length > 4 && f[4].equals(NetNs.RUN_DIR)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
