package dev.berth.runtime.seccomp;

import dev.berth.specs.Seccomp;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random {@code linux.seccomp} objects for the differential test and the fuzzer: a few system calls that many
 * rules share (so rules meet in one argument tree, with the same or different actions), every action and
 * operator, values from a small pool (so rules share tests) and 64-bit ones, repeated argument indices (runc's
 * one-rule-per-condition case), names some ABIs lack, multiplexed i386 calls.
 */
final class RandomProfiles {
    static final String[] NAMES = {"read", "write", "personality", "socket", "clone", "ioctl", "mmap", "kill",
            "openat", "prctl", "send", "recv", "socketcall", "ipc", "semop", "shmat", "arch_prctl", "rt_sigaction",
            "futex", "no_such_call", "fork", "getpid", "setns", "unshare", "bind"};
    static final String[] ACTIONS = {"SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_TRAP",
            "SCMP_ACT_ERRNO", "SCMP_ACT_TRACE", "SCMP_ACT_ALLOW", "SCMP_ACT_LOG"};
    static final String[] OPS = {"SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ", "SCMP_CMP_GE",
            "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ"};
    static final long[] VALUES = {0, 1, 2, 8, 16, 0xFF, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 0x1_0000_0000L,
            0x1_0000_0002L, 0x8000_0000_0000_0000L, -1L, 0x7E02_0000L};
    static final String[] ARCHES = {"SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32", "SCMP_ARCH_AARCH64",
            "SCMP_ARCH_ARM"};

    private RandomProfiles() {}

    /** A profile of up to {@code maxRules} rules. */
    static Seccomp generate(Random r, int maxRules) {
        String defaultAction = pick(r, ACTIONS);
        Long defaultErrno = r.nextInt(3) == 0 ? (long) r.nextInt(100) : null;
        List<String> arches = new ArrayList<>();
        for (String a : ARCHES) {
            if (r.nextBoolean()) {
                arches.add(a);
            }
        }
        List<Seccomp.Syscall> rules = new ArrayList<>();
        int n = 1 + r.nextInt(maxRules);
        // a handful of names per profile, so that rules meet
        String[] names = new String[1 + r.nextInt(5)];
        for (int i = 0; i < names.length; i++) {
            names[i] = pick(r, NAMES);
        }
        for (int i = 0; i < n; i++) {
            List<String> ruleNames = new ArrayList<>();
            int k = 1 + r.nextInt(2);
            for (int j = 0; j < k; j++) {
                ruleNames.add(r.nextInt(8) == 0 ? pick(r, NAMES) : pick(r, names));
            }
            String action = pick(r, ACTIONS);
            Long errno = r.nextInt(3) == 0 ? (long) r.nextInt(100) : null;
            List<Seccomp.Arg> args = new ArrayList<>();
            int argc = r.nextInt(4) == 0 ? 0 : r.nextInt(3) + (r.nextInt(4) == 0 ? 1 : 0);
            for (int j = 0; j < argc; j++) {
                int index = r.nextInt(6) < 4 ? r.nextInt(2) : r.nextInt(6);
                long value = r.nextInt(4) == 0 ? r.nextLong() : VALUES[r.nextInt(VALUES.length)];
                long two = r.nextInt(3) == 0 ? 0 : VALUES[r.nextInt(VALUES.length)];
                args.add(new Seccomp.Arg(index, value, two, pick(r, OPS)));
            }
            rules.add(new Seccomp.Syscall(ruleNames, action, errno, args));
        }
        return new Seccomp(defaultAction, defaultErrno, arches, List.of(), null, null, rules);
    }

    private static String pick(Random r, String[] from) {
        return from[r.nextInt(from.length)];
    }
}
