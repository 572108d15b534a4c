package dev.berth.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.berth.specs.Seccomp;
import dev.berth.syscall.Arch;
import dev.berth.syscall.AuditArch;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Any profile either compiles to a program the kernel would accept (every jump inside the program and within
 * 8 bits, ends in {@code ret}, at most 4096 instructions, no ambiguous accumulator) whose meaning is the
 * compiler's model, or is refused with a {@link SeccompException}; nothing else (no other exception, no hang).
 *
 * <p>{@link #compilerNeverCrashes} is a Jazzer {@code @FuzzTest}: in a normal test run it replays the inputs kept
 * under {@code src/test/resources/.../SeccompFuzzTestInputs/} (every finding becomes one), and the build's
 * {@code seccomp-fuzz} execution runs it fuzzing for a short while ({@code JAZZER_FUZZ=1}).
 * {@link #randomProfilesCompileToVerifiedPrograms} checks the same property on seeded random profiles.
 */
class SeccompFuzzTest {
    private static final String[] WEIRD = {"", "SCMP_ACT_", "SCMP_CMP_", "x", "SCMP_ACT_ERRNO ", "SCMP_ARCH_MIPS"};

    @FuzzTest(maxDuration = "10s")
    void compilerNeverCrashes(FuzzedDataProvider data) throws Exception {
        Seccomp spec = profile(data);
        Arch target = data.consumeBoolean() ? Arch.X86_64 : Arch.AARCH64;
        long[] args = new long[6];
        for (int i = 0; i < 6; i++) {
            args[i] = data.consumeLong();
        }
        check(spec, target, data.consumeInt(), args);
    }

    @Test
    void randomProfilesCompileToVerifiedPrograms() throws Exception {
        Random r = new Random(7);
        for (int i = 0; i < 2000; i++) {
            long[] args = new long[6];
            for (int j = 0; j < 6; j++) {
                args[j] = Inputs.EDGES[r.nextInt(Inputs.EDGES.length)];
            }
            check(RandomProfiles.generate(r, 30), r.nextBoolean() ? Arch.X86_64 : Arch.AARCH64, r.nextInt(500), args);
        }
    }

    static void check(Seccomp spec, Arch target, int nrSeed, long[] args) {
        SeccompProgram p;
        try {
            p = SeccompCompiler.compile(spec, target);
        } catch (SeccompException refused) {
            return;
        }
        assertEquals("", BpfInterpreter.verify(p.instructions()));
        boolean[] ambiguous = BpfInterpreter.ambiguousAccumulator(p.instructions());
        for (int pc = 0; pc < ambiguous.length; pc++) {
            assertEquals(false, ambiguous[pc], "ambiguous accumulator at " + pc);
        }
        for (AuditArch abi : AuditArch.runnableOn(target)) {
            List<Integer> numbers = new ArrayList<>(abi.syscalls().values());
            int nr = numbers.get(Math.floorMod(nrSeed, numbers.size()));
            for (int candidate : new int[] {nr, nrSeed, -1}) {
                BpfInterpreter.Data d = new BpfInterpreter.Data(candidate, abi.auditArch(), 0, args);
                assertEquals(p.model().evaluate(abi.auditArch(), candidate, args).value(),
                        BpfInterpreter.run(p.instructions(), d).value());
            }
        }
    }

    /** A profile from fuzzer bytes: mostly valid names and values, sometimes garbage. */
    static Seccomp profile(FuzzedDataProvider data) {
        String deflt = pick(data, RandomProfiles.ACTIONS);
        Long defaultErrno = data.consumeBoolean() ? data.consumeLong(0, 0xFFFF_FFFFL) : null;
        List<String> arches = new ArrayList<>();
        int na = data.consumeInt(0, 4);
        for (int i = 0; i < na; i++) {
            arches.add(data.consumeBoolean() ? pick(data, RandomProfiles.ARCHES) : pick(data, WEIRD));
        }
        List<String> flags = new ArrayList<>();
        if (data.consumeBoolean()) {
            flags.add(pick(data, new String[] {"SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW",
                    "SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV", "nope"}));
        }
        List<Seccomp.Syscall> rules = new ArrayList<>();
        int n = data.consumeInt(0, 40);
        for (int i = 0; i < n && data.remainingBytes() > 0; i++) {
            List<String> names = new ArrayList<>();
            int k = data.consumeInt(0, 3);
            for (int j = 0; j < k; j++) {
                names.add(data.consumeBoolean() ? pick(data, RandomProfiles.NAMES) : data.consumeAsciiString(12));
            }
            String action = data.consumeInt(0, 20) == 0 ? pick(data, WEIRD)
                    : data.consumeInt(0, 10) == 0 ? "SCMP_ACT_NOTIFY" : pick(data, RandomProfiles.ACTIONS);
            Long errno = data.consumeBoolean() ? data.consumeLong(0, 0xFFFF_FFFFL) : null;
            List<Seccomp.Arg> args = new ArrayList<>();
            int argc = data.consumeInt(0, 4);
            for (int j = 0; j < argc; j++) {
                long index = data.consumeInt(0, 20) == 0 ? data.consumeLong(-1, 10) : data.consumeInt(0, 5);
                long value = data.consumeBoolean() ? data.consumeLong()
                        : RandomProfiles.VALUES[data.consumeInt(0, RandomProfiles.VALUES.length - 1)];
                long two = data.consumeBoolean() ? data.consumeLong() : 0;
                String op = data.consumeInt(0, 20) == 0 ? pick(data, WEIRD) : pick(data, RandomProfiles.OPS);
                args.add(new Seccomp.Arg(index, value, two, op));
            }
            rules.add(new Seccomp.Syscall(names, action, errno, args));
        }
        String listener = data.consumeBoolean() ? "/run/agent.sock" : null;
        return new Seccomp(deflt, defaultErrno, arches, flags, listener, null, rules);
    }

    private static String pick(FuzzedDataProvider data, String[] from) {
        return from[data.consumeInt(0, from.length - 1)];
    }
}
