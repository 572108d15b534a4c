package dev.berth.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.specs.Seccomp;
import dev.berth.syscall.Arch;
import dev.berth.syscall.AuditArch;
import dev.berth.syscall.struct.SockFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compiler against libseccomp 2.5 (the library runc and crun build filters with): for the same profile,
 * libseccomp's exported program and Berth's are run in {@link BpfInterpreter} on thousands of
 * {@code seccomp_data} values ({@link Inputs}) and must return the same value (action and data) every time; a
 * profile libseccomp refuses must be refused by Berth too. Berth's own reference meaning ({@link FilterModel})
 * is checked against its program on the same inputs.
 *
 * <p>Profiles: the real ones docker and podman produced ({@code shared/client-configs}), for x86_64 and aarch64,
 * and a few hundred random ones ({@link RandomProfiles}). Names whose number differs between libseccomp's
 * tables (kernel 5.17) and Berth's (kernel 6.1 headers) are taken out first and listed.
 */
class LibseccompDifferentialTest {
    static Stream<Arguments> clients() {
        return Stream.of(Arguments.of(Profiles.DOCKER, Arch.X86_64), Arguments.of(Profiles.PODMAN, Arch.X86_64),
                Arguments.of(Profiles.DOCKER, Arch.AARCH64), Arguments.of(Profiles.PODMAN, Arch.AARCH64));
    }

    @ParameterizedTest
    @MethodSource("clients")
    void clientProfilesDecideAsLibseccomp(String name, Arch target) throws Exception {
        Seccomp spec = Profiles.load(name);
        Stats s = compare(spec, target, 400, 42);
        System.out.printf("%s on %s: %d inputs agree; Berth %d instructions, libseccomp %d; names left out: %s%n",
                name, target, s.inputs, s.mine, s.theirs, s.leftOut);
        assertTrue(s.inputs > (target == Arch.X86_64 ? 15_000 : 8_000), "too few inputs: " + s.inputs);
        assertTrue(s.libseccompBug.isEmpty(), "libseccomp's program skipped: " + s.libseccompBug);
        assertEquals(0, s.ambiguous, "inputs where libseccomp's program is ill-formed");
        assertTrue(s.leftOut.size() < 10, "too many table differences: " + s.leftOut);
    }

    @Test
    void randomProfilesDecideAsLibseccomp() throws Exception {
        Random r = new Random(20240611);
        int refused = 0;
        int buggy = 0;
        long inputs = 0;
        long ambiguous = 0;
        for (int i = 0; i < 300; i++) {
            Seccomp spec = RandomProfiles.generate(r, 12);
            Arch target = r.nextInt(4) == 0 ? Arch.AARCH64 : Arch.X86_64;
            Stats s = compare(spec, target, 60, i);
            refused += s.refused ? 1 : 0;
            buggy += s.libseccompBug.isEmpty() ? 0 : 1;
            inputs += s.inputs;
            ambiguous += s.ambiguous;
        }
        System.out.printf("300 random profiles: %d refused by both, %d inputs agree, %d with libseccomp's x86_64+x32"
                + " section skipped (it compares the arch value as the number), %d inputs where libseccomp's program"
                + " tests an ambiguous accumulator%n", refused, inputs, buggy, ambiguous);
        assertTrue(ambiguous < inputs / 20, "too many inputs skipped: " + ambiguous);
        assertTrue(buggy < 30, buggy + " profiles hit libseccomp's missing load");
        assertTrue(inputs > 100_000, "too few inputs: " + inputs);
    }

    /**
     * @param ambiguous inputs not compared because libseccomp's program passed an instruction with an ambiguous
     *     accumulator ({@link BpfInterpreter#ambiguousAccumulator}) on them
     */
    record Stats(long inputs, int mine, int theirs, Set<String> leftOut, boolean refused, Set<String> libseccompBug,
            long ambiguous) {}

    /**
     * Architecture values whose section in libseccomp's program does not start by loading the system call
     * number. libseccomp 2.5.4 leaves the load out when it merges x86_64 and x32 and the first block it emits
     * is not the one it planned to load in: the section then compares the architecture value with system call
     * numbers. Inputs with those values are not compared (the tests print how often that happened).
     */
    static Set<Integer> sectionsWithoutLoad(List<SockFilter> p) {
        Set<Integer> out = new LinkedHashSet<>();
        for (int pc = 1; pc < p.size(); pc++) {
            SockFilter f = p.get(pc);
            if (f.code() == 0x15 && p.get(pc - 1).code() == 0x20 && p.get(pc - 1).k() == 4 || f.code() == 0x15
                    && isArchCheck(p, pc)) {
                SockFilter entry = p.get(pc + 1 + f.jt());
                if ((entry.code() & 0x07) == 0x05) {
                    out.add(f.k());
                }
            }
        }
        return out;
    }

    /** Whether the jeq at {@code pc} belongs to the chain of architecture checks at the program's start. */
    private static boolean isArchCheck(List<SockFilter> p, int pc) {
        for (int i = pc - 1; i >= 0; i--) {
            SockFilter f = p.get(i);
            if (f.code() == 0x20) {
                return f.k() == 4 && i == 0;
            }
            if (f.code() != 0x15) {
                return false;
            }
        }
        return false;
    }

    static Stats compare(Seccomp original, Arch target, int argSamples, long seed) throws Exception {
        Libseccomp.harness();
        Set<String> leftOut = new TreeSet<>();
        Seccomp spec = withoutTableDifferences(original, target, leftOut);
        List<SockFilter> theirs;
        try {
            theirs = Libseccomp.export(spec, target);
        } catch (Libseccomp.Refused e) {
            try {
                SeccompProgram p = SeccompCompiler.compile(spec, target);
                fail("libseccomp refuses what Berth compiles: " + e.getMessage() + "\n" + describe(spec) + p.render());
            } catch (SeccompException expected) {
                // both refuse
            }
            return new Stats(0, 0, 0, leftOut, true, Set.of(), 0);
        }
        SeccompProgram mine;
        try {
            mine = SeccompCompiler.compile(spec, target);
        } catch (SeccompException e) {
            throw new AssertionError("Berth refuses what libseccomp compiles: " + e.getMessage() + "\n" + describe(spec),
                    e);
        }
        assertEquals("", BpfInterpreter.verify(mine.instructions()), "Berth's program fails verification");
        Set<Integer> withRules = new LinkedHashSet<>();
        for (FilterModel.Section s : mine.model().sections()) {
            s.syscalls().forEach((nr, e) -> {
                if (e.tree != null) {
                    withRules.add(nr);
                }
            });
        }
        boolean[] mineAmbiguous = BpfInterpreter.ambiguousAccumulator(mine.instructions());
        for (int pc = 0; pc < mineAmbiguous.length; pc++) {
            assertTrue(!mineAmbiguous[pc], "Berth's program uses an ambiguous accumulator at " + pc + "\n"
                    + mine.render());
        }
        boolean[] theirsAmbiguous = BpfInterpreter.ambiguousAccumulator(theirs);
        Inputs inputs = new Inputs(spec, seed);
        long n = 0;
        long skipped = 0;
        List<String> mismatches = new ArrayList<>();
        Set<Integer> broken = sectionsWithoutLoad(theirs);
        Set<String> bug = new TreeSet<>();
        for (int b : broken) {
            bug.add(String.format("0x%08x", b));
        }
        for (int arch : Inputs.arches(target)) {
            if (broken.contains(arch)) {
                continue;
            }
            for (int nr : Inputs.numbers(target)) {
                int samples = withRules.contains(nr) ? argSamples : 1;
                for (int i = 0; i <= samples && mismatches.size() < 5; i++) {
                    long[] args = i == 0 ? Inputs.zeros() : inputs.args();
                    BpfInterpreter.Data d = new BpfInterpreter.Data(nr, arch, 0x7f00_1234_5678L, args);
                    int a = BpfInterpreter.run(mine.instructions(), d).value();
                    BpfInterpreter.Result rb = BpfInterpreter.run(theirs, d, theirsAmbiguous);
                    if (rb.ambiguous()) {
                        skipped++;
                        continue;
                    }
                    int b = rb.value();
                    int model = mine.model().evaluate(arch, nr, args).value();
                    n++;
                    if (a != b || a != model) {
                        mismatches.add(String.format("arch=0x%08x nr=%d args=%s: Berth %s, libseccomp %s, model %s",
                                arch, nr, hex(args), Action.describe(a), Action.describe(b), Action.describe(model)));
                    }
                }
            }
        }
        if (!mismatches.isEmpty()) {
            Path dir = Path.of("target", "seccomp-mismatch");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("berth.txt"), mine.render());
            Files.writeString(dir.resolve("libseccomp.txt"), BpfRenderer.render(theirs));
            Files.writeString(dir.resolve("profile.txt"), Libseccomp.profile(spec, target));
            fail("Berth and libseccomp disagree (programs in target/seccomp-mismatch):\n  "
                    + String.join("\n  ", mismatches) + "\n" + describe(spec));
        }
        return new Stats(n, mine.instructions().size(), theirs.size(), leftOut, false, bug, skipped);
    }

    /** The profile without the names whose number differs between libseccomp's tables and Berth's. */
    static Seccomp withoutTableDifferences(Seccomp spec, Arch target, Set<String> leftOut) throws Exception {
        List<String> names = spec.syscalls().stream().flatMap(s -> s.names().stream()).distinct().toList();
        List<AuditArch> abis = AuditArch.runnableOn(target);
        Map<AuditArch, Map<String, Integer>> theirs = Libseccomp.resolve(abis, names);
        Set<String> differ = new TreeSet<>();
        for (AuditArch a : abis) {
            for (String name : names) {
                if (a == AuditArch.I386 && AbiRules.multiplexed(name)) {
                    continue;
                }
                int t = theirs.get(a).getOrDefault(name, -1);
                if (t != a.syscall(name)) {
                    differ.add(name);
                    leftOut.add(name + " on " + a.scmpName() + " (libseccomp " + t + ", Berth " + a.syscall(name) + ")");
                }
            }
        }
        if (differ.isEmpty()) {
            return spec;
        }
        List<Seccomp.Syscall> rules = new ArrayList<>();
        for (Seccomp.Syscall s : spec.syscalls()) {
            List<String> keep = s.names().stream().filter(x -> !differ.contains(x)).toList();
            if (!keep.isEmpty()) {
                rules.add(new Seccomp.Syscall(keep, s.action(), s.errnoRet(), s.args()));
            }
        }
        return new Seccomp(spec.defaultAction(), spec.defaultErrnoRet(), spec.architectures(), spec.flags(),
                spec.listenerPath(), spec.listenerMetadata(), rules);
    }

    static String describe(Seccomp spec) {
        StringBuilder sb = new StringBuilder("profile: default ").append(spec.defaultAction()).append('/')
                .append(spec.defaultErrnoRet()).append(" arches ").append(spec.architectures()).append('\n');
        for (Seccomp.Syscall s : spec.syscalls()) {
            sb.append("  ").append(s.names()).append(' ').append(s.action()).append('/').append(s.errnoRet());
            for (Seccomp.Arg a : s.args()) {
                sb.append(String.format(" [%d %s 0x%x 0x%x]", a.index(), a.op(), a.value(), a.valueTwo()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String hex(long[] args) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < args.length; i++) {
            sb.append(i == 0 ? "" : ",").append("0x").append(Long.toHexString(args[i]));
        }
        return sb.append(']').toString();
    }
}
