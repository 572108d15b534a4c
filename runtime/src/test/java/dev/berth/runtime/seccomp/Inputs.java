package dev.berth.runtime.seccomp;

import dev.berth.specs.Seccomp;
import dev.berth.syscall.Arch;
import dev.berth.syscall.AuditArch;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * {@code struct seccomp_data} values to run two programs on: every system call number of the ABIs a kernel of
 * the target runs (and the numbers next to them, -1, the x32 range, large ones), on every architecture value
 * those ABIs use plus foreign ones; arguments from edge values (0, 1, 2^31, 2^32-1, 2^32, 2^63, -1), from the
 * profile's own constants and their neighbours (in each 32-bit half), and random ones.
 */
final class Inputs {
    static final long[] EDGES = {0, 1, 2, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 0x1_0000_0000L, 0x1_0000_0001L,
            0x8000_0000_0000_0000L, 0x7FFF_FFFF_FFFF_FFFFL, -1L, -2L};

    private final Random random;
    private final List<Long> values;

    Inputs(Seccomp spec, long seed) {
        this.random = new Random(seed);
        Set<Long> v = new LinkedHashSet<>();
        for (long e : EDGES) {
            v.add(e);
        }
        for (Seccomp.Syscall rule : spec.syscalls()) {
            for (Seccomp.Arg a : rule.args()) {
                for (long c : new long[] {a.value(), a.valueTwo(), a.value() & a.valueTwo(), a.valueTwo() | ~a.value(),
                        a.valueTwo() ^ a.value()}) {
                    v.add(c);
                    v.add(c + 1);
                    v.add(c - 1);
                    v.add(c ^ 0xFFFF_FFFF_0000_0000L);
                    v.add(c & 0xFFFF_FFFFL);
                    v.add((c & 0xFFFF_FFFFL) + 1);
                    v.add(c + 0x1_0000_0000L);
                    v.add(c - 0x1_0000_0000L);
                }
            }
        }
        this.values = List.copyOf(v);
    }

    /** Architecture values to try for {@code target}: its ABIs', and two no kernel of it runs. */
    static List<Integer> arches(Arch target) {
        Set<Integer> out = new LinkedHashSet<>();
        for (AuditArch a : AuditArch.runnableOn(target)) {
            out.add(a.auditArch());
        }
        out.add(target == Arch.X86_64 ? dev.berth.syscall.Seccomp.AUDIT_ARCH_AARCH64
                : dev.berth.syscall.Seccomp.AUDIT_ARCH_X86_64);
        out.add(0x1234_5678);
        return List.copyOf(out);
    }

    /** System call numbers to try for {@code target}. */
    static List<Integer> numbers(Arch target) {
        Set<Integer> out = new LinkedHashSet<>();
        for (int i = 0; i < 600; i++) {
            out.add(i);
        }
        for (AuditArch a : AuditArch.runnableOn(target)) {
            for (int n : a.syscalls().values()) {
                out.add(n);
                out.add(n + 1);
                out.add(n - 1);
            }
        }
        for (int i = 0; i < 600; i += 7) {
            out.add(dev.berth.syscall.Seccomp.__X32_SYSCALL_BIT | i);
        }
        for (int n : new int[] {-1, -2, 0x3FFF_FFFF, 0x4000_0000, 0x7FFF_FFFF, 0x8000_0000, 0xF_0000, 0xF_0005}) {
            out.add(n);
        }
        return List.copyOf(out);
    }

    /** A set of six arguments: mostly interesting values, sometimes random. */
    long[] args() {
        long[] a = new long[6];
        for (int i = 0; i < 6; i++) {
            int pick = random.nextInt(10);
            a[i] = pick < 7 ? values.get(random.nextInt(values.size()))
                    : pick < 9 ? random.nextLong() : random.nextInt(64);
        }
        return a;
    }

    /** All zero arguments, the first try for every number. */
    static long[] zeros() {
        return new long[6];
    }
}
