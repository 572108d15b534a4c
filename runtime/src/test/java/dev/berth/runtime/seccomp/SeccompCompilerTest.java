package dev.berth.runtime.seccomp;

import static dev.berth.syscall.Seccomp.AUDIT_ARCH_AARCH64;
import static dev.berth.syscall.Seccomp.AUDIT_ARCH_ARM;
import static dev.berth.syscall.Seccomp.AUDIT_ARCH_I386;
import static dev.berth.syscall.Seccomp.AUDIT_ARCH_X86_64;
import static dev.berth.syscall.Seccomp.SECCOMP_FILTER_FLAG_LOG;
import static dev.berth.syscall.Seccomp.SECCOMP_FILTER_FLAG_NEW_LISTENER;
import static dev.berth.syscall.Seccomp.SECCOMP_FILTER_FLAG_SPEC_ALLOW;
import static dev.berth.syscall.Seccomp.SECCOMP_RET_ALLOW;
import static dev.berth.syscall.Seccomp.SECCOMP_RET_ERRNO;
import static dev.berth.syscall.Seccomp.SECCOMP_RET_KILL_PROCESS;
import static dev.berth.syscall.Seccomp.__X32_SYSCALL_BIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.specs.Seccomp;
import dev.berth.syscall.Arch;
import dev.berth.syscall.AuditArch;
import dev.berth.syscall.struct.SockFilter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The compiler's meaning, checked by running its programs in {@link BpfInterpreter}. No root needed. */
class SeccompCompilerTest {
    private static final int X86_64_PERSONALITY = AuditArch.X86_64.syscall("personality");
    private static final int EPERM = SECCOMP_RET_ERRNO | 1;

    static Seccomp profile(String deflt, Long defaultErrno, List<String> arches, Seccomp.Syscall... rules) {
        return new Seccomp(deflt, defaultErrno, arches, List.of(), null, null, List.of(rules));
    }

    static Seccomp.Syscall rule(String action, Long errno, List<String> names, Seccomp.Arg... args) {
        return new Seccomp.Syscall(names, action, errno, List.of(args));
    }

    static int run(SeccompProgram p, int arch, int nr, long... args) {
        long[] a = new long[6];
        System.arraycopy(args, 0, a, 0, args.length);
        int v = BpfInterpreter.run(p.instructions(), new BpfInterpreter.Data(nr, arch, 0, a)).value();
        assertEquals(p.model().evaluate(arch, nr, a).value(), v, "program and model disagree");
        return v;
    }

    @Test
    void everyActionAndItsData() throws Exception {
        String[][] cases = {{"SCMP_ACT_KILL", "0"}, {"SCMP_ACT_KILL_THREAD", "0"}, {"SCMP_ACT_KILL_PROCESS", "80000000"},
                {"SCMP_ACT_TRAP", "30000"}, {"SCMP_ACT_ERRNO", "50001"}, {"SCMP_ACT_TRACE", "7ff00001"},
                {"SCMP_ACT_LOG", "7ffc0000"}, {"SCMP_ACT_NOTIFY", "7fc00000"}};
        for (String[] c : cases) {
            Seccomp s = new Seccomp("SCMP_ACT_ALLOW", null, List.of(), List.of(), "/run/agent.sock", null,
                    List.of(rule(c[0], null, List.of("getpid"))));
            SeccompProgram p = SeccompCompiler.compile(s, Arch.X86_64);
            assertEquals(Integer.parseUnsignedInt(c[1], 16), run(p, AUDIT_ARCH_X86_64, 39), c[0]);
            assertEquals(SECCOMP_RET_ALLOW, run(p, AUDIT_ARCH_X86_64, 40), c[0] + ": another call");
        }
        // errnoRet for ERRNO and TRACE; the default action's defaultErrnoRet
        Seccomp s = profile("SCMP_ACT_ERRNO", 38L, List.of(), rule("SCMP_ACT_ERRNO", 13L, List.of("getpid")),
                rule("SCMP_ACT_TRACE", 42L, List.of("getppid")), rule("SCMP_ACT_ALLOW", null, List.of("read")));
        SeccompProgram p = SeccompCompiler.compile(s, Arch.X86_64);
        assertEquals(SECCOMP_RET_ERRNO | 13, run(p, AUDIT_ARCH_X86_64, 39));
        assertEquals(0x7ff00000 | 42, run(p, AUDIT_ARCH_X86_64, 110));
        assertEquals(SECCOMP_RET_ALLOW, run(p, AUDIT_ARCH_X86_64, 0));
        assertEquals(SECCOMP_RET_ERRNO | 38, run(p, AUDIT_ARCH_X86_64, 1), "defaultErrnoRet");
        assertEquals(0, p.flags());
        assertFalse(p.newListener());
    }

    @Test
    void errnoDefaultsToEpermAndKeepsSixteenBits() throws Exception {
        Seccomp s = profile("SCMP_ACT_ALLOW", null, List.of(), rule("SCMP_ACT_ERRNO", null, List.of("getpid")),
                rule("SCMP_ACT_ERRNO", 0x1_0005L, List.of("getppid")));
        SeccompProgram p = SeccompCompiler.compile(s, Arch.X86_64);
        assertEquals(EPERM, run(p, AUDIT_ARCH_X86_64, 39));
        assertEquals(SECCOMP_RET_ERRNO | 5, run(p, AUDIT_ARCH_X86_64, 110));
        SeccompProgram d = SeccompCompiler.compile(profile("SCMP_ACT_ERRNO", null, List.of()), Arch.X86_64);
        assertEquals(EPERM, run(d, AUDIT_ARCH_X86_64, 39));
    }

    @ParameterizedTest
    @EnumSource(Cmp.Op.class)
    void everyOperatorOnSixtyFourBitArguments(Cmp.Op op) throws Exception {
        long[] interesting = {0, 1, 2, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 0x1_0000_0000L, 0x1_0000_0001L,
                0x8000_0000_0000_0000L, -1L, -2L, 0x1234_5678_9ABC_DEF0L};
        String name = "SCMP_CMP_" + op.name();
        for (long value : interesting) {
            for (long two : new long[] {0, 1, 0x9ABC_DEF0L, 0x1234_0000_0000_0000L}) {
                Seccomp s = profile("SCMP_ACT_ERRNO", null, List.of("SCMP_ARCH_X86"), rule("SCMP_ACT_ALLOW", null,
                        List.of("personality"), new Seccomp.Arg(0, value, two, name)));
                SeccompProgram p = SeccompCompiler.compile(s, Arch.X86_64);
                Cmp c = new Cmp(0, op, value, two);
                Cmp c32 = new Cmp(0, op, value & 0xFFFF_FFFFL, two & 0xFFFF_FFFFL);
                for (long arg : interesting) {
                    for (long a : new long[] {arg, value, value + 1, value - 1, value ^ (1L << 32), two, two | value}) {
                        int expected = c.test(a) ? SECCOMP_RET_ALLOW : EPERM;
                        assertEquals(expected, run(p, AUDIT_ARCH_X86_64, X86_64_PERSONALITY, a),
                                c + " with arg 0x" + Long.toHexString(a));
                        // i386 compares the low 32 bits only
                        int expected32 = c32.test(a & 0xFFFF_FFFFL) ? SECCOMP_RET_ALLOW : EPERM;
                        assertEquals(expected32, run(p, AUDIT_ARCH_I386, AuditArch.I386.syscall("personality"), a),
                                c + " on i386 with arg 0x" + Long.toHexString(a));
                    }
                }
            }
        }
    }

    @Test
    void conditionsAndRulesOr() throws Exception {
        // socket(AF_NETLINK, *, NETLINK_AUDIT) refused, other AF_NETLINK allowed, AF_UNIX allowed (podman's shape)
        Seccomp s = profile("SCMP_ACT_ERRNO", null, List.of(),
                rule("SCMP_ACT_ERRNO", 22L, List.of("socket"), new Seccomp.Arg(0, 16, 0, "SCMP_CMP_EQ"),
                        new Seccomp.Arg(2, 9, 0, "SCMP_CMP_EQ")),
                rule("SCMP_ACT_ALLOW", null, List.of("socket"), new Seccomp.Arg(2, 9, 0, "SCMP_CMP_NE")),
                rule("SCMP_ACT_ALLOW", null, List.of("socket"), new Seccomp.Arg(0, 16, 0, "SCMP_CMP_NE")));
        SeccompProgram p = SeccompCompiler.compile(s, Arch.X86_64);
        int socket = AuditArch.X86_64.syscall("socket");
        assertEquals(SECCOMP_RET_ERRNO | 22, run(p, AUDIT_ARCH_X86_64, socket, 16, 3, 9));
        assertEquals(SECCOMP_RET_ALLOW, run(p, AUDIT_ARCH_X86_64, socket, 16, 3, 0));
        assertEquals(SECCOMP_RET_ALLOW, run(p, AUDIT_ARCH_X86_64, socket, 1, 1, 9));
        assertEquals(SECCOMP_RET_ALLOW, run(p, AUDIT_ARCH_X86_64, socket, 1, 1, 0));
        // two conditions on one argument: one rule each, as runc makes them (OR)
        Seccomp twice = profile("SCMP_ACT_ERRNO", null, List.of(), rule("SCMP_ACT_ALLOW", null, List.of("personality"),
                new Seccomp.Arg(0, 8, 0, "SCMP_CMP_EQ"), new Seccomp.Arg(0, 0, 0, "SCMP_CMP_EQ")));
        SeccompProgram q = SeccompCompiler.compile(twice, Arch.X86_64);
        assertEquals(SECCOMP_RET_ALLOW, run(q, AUDIT_ARCH_X86_64, X86_64_PERSONALITY, 8));
        assertEquals(SECCOMP_RET_ALLOW, run(q, AUDIT_ARCH_X86_64, X86_64_PERSONALITY, 0));
        assertEquals(EPERM, run(q, AUDIT_ARCH_X86_64, X86_64_PERSONALITY, 1));
    }

    @Test
    void theFirstUnconditionalRuleStandsAndRulesLikeTheDefaultAreDropped() throws Exception {
        Seccomp s = profile("SCMP_ACT_ERRNO", null, List.of(),
                rule("SCMP_ACT_LOG", null, List.of("getpid"), new Seccomp.Arg(0, 1, 0, "SCMP_CMP_EQ")),
                rule("SCMP_ACT_ALLOW", null, List.of("getpid")),
                rule("SCMP_ACT_TRAP", null, List.of("getpid")),
                rule("SCMP_ACT_ERRNO", null, List.of("getppid")));
        SeccompProgram p = SeccompCompiler.compile(s, Arch.X86_64);
        assertEquals(SECCOMP_RET_ALLOW, run(p, AUDIT_ARCH_X86_64, 39, 1));
        assertEquals(SECCOMP_RET_ALLOW, run(p, AUDIT_ARCH_X86_64, 39, 2));
        assertEquals(EPERM, run(p, AUDIT_ARCH_X86_64, 110));
    }

    @Test
    void conflictingRulesAreRefusedAsLibseccompRefusesThem() {
        Seccomp s = profile("SCMP_ACT_ERRNO", null, List.of(),
                rule("SCMP_ACT_ALLOW", null, List.of("personality"), new Seccomp.Arg(0, 8, 0, "SCMP_CMP_EQ")),
                rule("SCMP_ACT_LOG", null, List.of("personality"), new Seccomp.Arg(0, 8, 0, "SCMP_CMP_EQ")));
        SeccompException e = assertThrows(SeccompException.class, () -> SeccompCompiler.compile(s, Arch.X86_64));
        assertTrue(e.getMessage().contains("linux.seccomp.syscalls[1].names[0] (personality on SCMP_ARCH_X86_64)"),
                e.getMessage());
    }

    @Test
    void architectureCheckComesFirst() throws Exception {
        Seccomp s = profile("SCMP_ACT_ALLOW", null, List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86"),
                rule("SCMP_ACT_ERRNO", null, List.of("getpid")));
        SeccompProgram p = SeccompCompiler.compile(s, Arch.X86_64);
        SockFilter first = p.instructions().getFirst();
        assertEquals(0x20, first.code());
        assertEquals(4, first.k(), "the program loads seccomp_data.arch first");
        assertEquals(EPERM, run(p, AUDIT_ARCH_X86_64, 39));
        assertEquals(EPERM, run(p, AUDIT_ARCH_I386, AuditArch.I386.syscall("getpid")));
        assertEquals(SECCOMP_RET_ALLOW, run(p, AUDIT_ARCH_I386, 39), "39 is mkdir on i386");
        for (int other : new int[] {AUDIT_ARCH_AARCH64, AUDIT_ARCH_ARM, 0, -1}) {
            assertEquals(SECCOMP_RET_KILL_PROCESS, run(p, other, 39), "unknown arch 0x" + Integer.toHexString(other));
        }
        // i386 not listed: its programs are killed
        SeccompProgram only = SeccompCompiler.compile(profile("SCMP_ACT_ALLOW", null, List.of()), Arch.X86_64);
        assertEquals(SECCOMP_RET_KILL_PROCESS, run(only, AUDIT_ARCH_I386, 20));
        assertEquals(SECCOMP_RET_ALLOW, run(only, AUDIT_ARCH_X86_64, 20));
    }

    @Test
    void x32IsFilteredByItsNumbersOrRejected() throws Exception {
        int getpid32 = AuditArch.X32.syscall("getpid");
        assertEquals(__X32_SYSCALL_BIT | 39, getpid32);
        Seccomp without = profile("SCMP_ACT_ALLOW", null, List.of("SCMP_ARCH_X86_64"),
                rule("SCMP_ACT_ERRNO", null, List.of("getpid")));
        SeccompProgram p = SeccompCompiler.compile(without, Arch.X86_64);
        assertEquals(SECCOMP_RET_KILL_PROCESS, run(p, AUDIT_ARCH_X86_64, getpid32), "x32 not listed: bad arch");
        assertEquals(SECCOMP_RET_KILL_PROCESS, run(p, AUDIT_ARCH_X86_64, __X32_SYSCALL_BIT | 1));
        assertEquals(SECCOMP_RET_ALLOW, run(p, AUDIT_ARCH_X86_64, -1), "-1 (a tracer's skip) is not x32");
        Seccomp with = profile("SCMP_ACT_ALLOW", null, List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X32"),
                rule("SCMP_ACT_ERRNO", null, List.of("getpid")));
        SeccompProgram q = SeccompCompiler.compile(with, Arch.X86_64);
        assertEquals(EPERM, run(q, AUDIT_ARCH_X86_64, getpid32));
        assertEquals(EPERM, run(q, AUDIT_ARCH_X86_64, 39));
        assertEquals(SECCOMP_RET_ALLOW, run(q, AUDIT_ARCH_X86_64, __X32_SYSCALL_BIT | 1));
        // x32 compares 32-bit arguments
        Seccomp args = profile("SCMP_ACT_ALLOW", null, List.of("SCMP_ARCH_X32"), rule("SCMP_ACT_ERRNO", null,
                List.of("personality"), new Seccomp.Arg(0, 0xFFFF_FFFFL, 0, "SCMP_CMP_EQ")));
        SeccompProgram r = SeccompCompiler.compile(args, Arch.X86_64);
        int personality32 = AuditArch.X32.syscall("personality");
        assertEquals(EPERM, run(r, AUDIT_ARCH_X86_64, personality32, -1L));
        assertEquals(EPERM, run(r, AUDIT_ARCH_X86_64, personality32, 0xFFFF_FFFFL));
        assertEquals(SECCOMP_RET_ALLOW, run(r, AUDIT_ARCH_X86_64, X86_64_PERSONALITY, -1L), "64-bit compare");
    }

    @Test
    void aarch64FiltersArmByItsOwnNumbers() throws Exception {
        Seccomp s = profile("SCMP_ACT_ALLOW", null, List.of("SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM", "SCMP_ARCH_X86"),
                rule("SCMP_ACT_ERRNO", null, List.of("getpid")));
        SeccompProgram p = SeccompCompiler.compile(s, Arch.AARCH64);
        assertEquals(EPERM, run(p, AUDIT_ARCH_AARCH64, AuditArch.AARCH64.syscall("getpid")));
        assertEquals(EPERM, run(p, AUDIT_ARCH_ARM, AuditArch.ARM.syscall("getpid")));
        assertEquals(SECCOMP_RET_KILL_PROCESS, run(p, AUDIT_ARCH_I386, 20), "no x86 on an arm64 kernel");
        assertTrue(p.notes().stream().anyMatch(n -> n.startsWith("SCMP_ARCH_X86 left out")), p.notes().toString());
    }

    @Test
    void unknownNamesAreSkippedNeverAnError() throws Exception {
        Seccomp s = profile("SCMP_ACT_ERRNO", null, List.of("SCMP_ARCH_X86"),
                rule("SCMP_ACT_ALLOW", null, List.of("no_such_call", "arch_prctl", "getpid")));
        SeccompProgram p = SeccompCompiler.compile(s, Arch.X86_64);
        assertEquals(SECCOMP_RET_ALLOW, run(p, AUDIT_ARCH_X86_64, 39));
        assertTrue(p.notes().contains("no_such_call skipped on SCMP_ARCH_X86_64: no such system call"), p.notes().toString());
    }

    @Test
    void i386SocketCallsAreAlsoFilteredThroughSocketcall() throws Exception {
        Seccomp s = profile("SCMP_ACT_ALLOW", null, List.of("SCMP_ARCH_X86"),
                rule("SCMP_ACT_ERRNO", null, List.of("socket", "send")));
        SeccompProgram p = SeccompCompiler.compile(s, Arch.X86_64);
        int socketcall = AuditArch.I386.syscall("socketcall");
        assertEquals(EPERM, run(p, AUDIT_ARCH_I386, AuditArch.I386.syscall("socket")));
        assertEquals(EPERM, run(p, AUDIT_ARCH_I386, socketcall, 1), "SYS_SOCKET");
        assertEquals(EPERM, run(p, AUDIT_ARCH_I386, socketcall, 9), "SYS_SEND");
        assertEquals(SECCOMP_RET_ALLOW, run(p, AUDIT_ARCH_I386, socketcall, 3), "SYS_CONNECT");
    }

    @Test
    void flagsAndTheListener() throws Exception {
        Seccomp s = new Seccomp("SCMP_ACT_ALLOW", null, List.of(), List.of("SECCOMP_FILTER_FLAG_LOG",
                "SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_TSYNC"), "/run/agent.sock", "meta",
                List.of(rule("SCMP_ACT_NOTIFY", null, List.of("mkdir"))));
        SeccompProgram p = SeccompCompiler.compile(s, Arch.X86_64);
        assertEquals(SECCOMP_FILTER_FLAG_LOG | SECCOMP_FILTER_FLAG_SPEC_ALLOW | SECCOMP_FILTER_FLAG_NEW_LISTENER,
                p.flags(), "TSYNC is never needed for a single-threaded child");
        assertTrue(p.newListener());
        assertEquals("/run/agent.sock", p.listenerPath());
        assertEquals("meta", p.listenerMetadata());
        Seccomp noPath = new Seccomp("SCMP_ACT_ALLOW", null, List.of(), List.of(), null, null,
                List.of(rule("SCMP_ACT_NOTIFY", null, List.of("mkdir"))));
        assertThrows(SeccompException.class, () -> SeccompCompiler.compile(noPath, Arch.X86_64));
        Seccomp handOff = new Seccomp("SCMP_ACT_ALLOW", null, List.of(), List.of(), "/run/a", null,
                List.of(rule("SCMP_ACT_NOTIFY", null, List.of("sendmsg"))));
        assertThrows(SeccompException.class, () -> SeccompCompiler.compile(handOff, Arch.X86_64));
        assertThrows(SeccompException.class, () -> SeccompCompiler.compile(
                profile("SCMP_ACT_NOTIFY", null, List.of()), Arch.X86_64));
        SeccompException bad = assertThrows(SeccompException.class, () -> SeccompCompiler.compile(new Seccomp(
                "SCMP_ACT_NOPE", null, List.of(), List.of("SECCOMP_FILTER_FLAG_NOPE"), null, null,
                List.of(rule("SCMP_ACT_ALLOW", null, List.of("read"), new Seccomp.Arg(6, 0, 0, "SCMP_CMP_EQ"),
                        new Seccomp.Arg(0, 0, 0, "SCMP_CMP_XX")))), Arch.X86_64));
        assertEquals(List.of("linux.seccomp.defaultAction: unknown action \"SCMP_ACT_NOPE\"",
                "linux.seccomp.flags[0]: unknown flag \"SECCOMP_FILTER_FLAG_NOPE\"",
                "linux.seccomp.syscalls[0].args[0].index: 6 is not an argument (0 to 5)",
                "linux.seccomp.syscalls[0].args[1].op: unknown operator \"SCMP_CMP_XX\""), bad.problems());
    }

    @Test
    void farTargetsAreReachedThroughLongJumps() throws Exception {
        // every call with its own argument test: the search's leaves end up far from the checks
        List<Seccomp.Syscall> rules = new ArrayList<>();
        for (var e : AuditArch.X86_64.syscalls().entrySet()) {
            rules.add(rule("SCMP_ACT_ALLOW", null, List.of(e.getKey()),
                    new Seccomp.Arg(1, e.getValue() * 3L, 0, "SCMP_CMP_EQ")));
        }
        Seccomp s = new Seccomp("SCMP_ACT_ERRNO", null, List.of(), List.of(), null, null, rules);
        SeccompProgram p = SeccompCompiler.compile(s, Arch.X86_64);
        assertEquals("", BpfInterpreter.verify(p.instructions()));
        assertTrue(p.instructions().size() > 1000, "size " + p.instructions().size());
        assertTrue(p.instructions().stream().anyMatch(f -> f.code() == 0x05), "a ja was needed");
        for (var e : AuditArch.X86_64.syscalls().entrySet()) {
            int nr = e.getValue();
            assertEquals(SECCOMP_RET_ALLOW, run(p, AUDIT_ARCH_X86_64, nr, 0, nr * 3L), e.getKey());
            assertEquals(EPERM, run(p, AUDIT_ARCH_X86_64, nr, 0, nr * 3L + 1), e.getKey());
        }
    }

    @Test
    void aProgramOverTheKernelsLimitIsRefusedClearly() {
        List<Seccomp.Syscall> rules = new ArrayList<>();
        for (var name : AuditArch.X86_64.syscalls().keySet()) {
            for (int v = 0; v < 6; v++) {
                rules.add(rule("SCMP_ACT_ALLOW", null, List.of(name), new Seccomp.Arg(0, v * 1000L, 0, "SCMP_CMP_EQ")));
            }
        }
        Seccomp s = new Seccomp("SCMP_ACT_ERRNO", null, List.of(), List.of(), null, null, rules);
        SeccompException e = assertThrows(SeccompException.class, () -> SeccompCompiler.compile(s, Arch.X86_64));
        assertTrue(e.getMessage().contains("BPF_MAXINSNS"), e.getMessage());
    }

    @Test
    void dockersProfileIsASearchNotAChain() throws Exception {
        Seccomp docker = Profiles.load(Profiles.DOCKER);
        SeccompProgram p = SeccompCompiler.compile(docker, Arch.X86_64);
        int worst = 0;
        for (int nr : AuditArch.X86_64.syscalls().values()) {
            worst = Math.max(worst, BpfInterpreter.run(p.instructions(),
                    new BpfInterpreter.Data(nr, AUDIT_ARCH_X86_64, 0, new long[6])).executed());
        }
        assertTrue(worst <= 30, "every call costs O(log n): " + worst);
        String listing = p.render();
        assertTrue(listing.startsWith("0000: ld   [4]"), listing);
        assertTrue(listing.contains("if (A == AUDIT_ARCH_X86_64)"), listing);
        assertTrue(listing.contains("return ERRNO(ENOSYS)"), "clone3's rule");
    }
}
