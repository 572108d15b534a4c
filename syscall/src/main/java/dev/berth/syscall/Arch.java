package dev.berth.syscall;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * A Linux architecture Berth knows: its system call numbers and the few ABI constants that differ
 * between architectures. Everything that is the same everywhere lives in the constant families
 * ({@link Clone}, {@link Mount}, ...); everything that is not lives here, one table per architecture,
 * as ljsyscall kept it.
 */
public enum Arch {
    /** x86_64 (amd64): {@code <asm/unistd_64.h>}, {@code AUDIT_ARCH_X86_64}. */
    X86_64("x86_64", 0xC000_003EL, X86_64Table.NUMBERS,
            /* O_DIRECTORY */ 0200000, /* O_NOFOLLOW */ 0400000, /* O_DIRECT */ 040000, /* epoll_event */ 12),
    /** aarch64 (arm64): {@code <asm-generic/unistd.h>}, {@code AUDIT_ARCH_AARCH64}. */
    AARCH64("aarch64", 0xC000_00B7L, Aarch64Table.NUMBERS,
            /* O_DIRECTORY */ 040000, /* O_NOFOLLOW */ 0100000, /* O_DIRECT */ 0200000, /* epoll_event */ 16);

    private static final Arch CURRENT = detect();

    private final String kernelName;
    private final long auditArch;
    private final String table;
    private volatile Map<String, Integer> numbers;
    /** {@code O_DIRECTORY} of {@code <asm/fcntl.h>}. */
    public final int O_DIRECTORY;
    /** {@code O_NOFOLLOW} of {@code <asm/fcntl.h>}. */
    public final int O_NOFOLLOW;
    /** {@code O_DIRECT} of {@code <asm/fcntl.h>}. */
    public final int O_DIRECT;
    /** {@code sizeof(struct epoll_event)}: packed on x86_64 only. */
    public final int epollEventSize;

    Arch(String kernelName, long auditArch, String table, int oDirectory, int oNofollow, int oDirect,
            int epollEventSize) {
        this.kernelName = kernelName;
        this.auditArch = auditArch;
        this.table = table;
        this.O_DIRECTORY = oDirectory;
        this.O_NOFOLLOW = oNofollow;
        this.O_DIRECT = oDirect;
        this.epollEventSize = epollEventSize;
    }

    /** The architecture this JVM runs on. */
    public static Arch current() {
        if (CURRENT == null) {
            throw new UnsupportedOperationException(
                    "Berth supports Linux on x86_64 and aarch64, not " + System.getProperty("os.name") + " on "
                            + System.getProperty("os.arch"));
        }
        return CURRENT;
    }

    private static Arch detect() {
        if (!"Linux".equals(System.getProperty("os.name"))) {
            return null;
        }
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> X86_64;
            case "aarch64", "arm64" -> AARCH64;
            default -> null;
        };
    }

    /** The name {@code uname -m} prints. */
    public String kernelName() {
        return kernelName;
    }

    /** The {@code AUDIT_ARCH_*} value of {@code <linux/audit.h>} seccomp filters compare against. */
    public long auditArch() {
        return auditArch;
    }

    /** The number of the system call {@code name} ({@code "openat"}), or -1 if this architecture has none. */
    public int syscall(String name) {
        return numbers().getOrDefault(name, -1);
    }

    /** The name of system call {@code number}, or {@code null}. */
    public String syscallName(int number) {
        for (Map.Entry<String, Integer> e : numbers().entrySet()) {
            if (e.getValue() == number) {
                return e.getKey();
            }
        }
        return null;
    }

    /** Every system call of this architecture, name to number. */
    public Map<String, Integer> syscalls() {
        return numbers();
    }

    private Map<String, Integer> numbers() {
        Map<String, Integer> m = numbers;
        if (m == null) {
            Map<String, Integer> parsed = new HashMap<>(512);
            for (String pair : table.trim().split(" +")) {
                int eq = pair.indexOf('=');
                parsed.put(pair.substring(0, eq), Integer.parseInt(pair.substring(eq + 1)));
            }
            numbers = m = Collections.unmodifiableMap(parsed);
        }
        return m;
    }
}
