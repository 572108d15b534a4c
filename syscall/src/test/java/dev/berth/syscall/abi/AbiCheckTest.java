package dev.berth.syscall.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.syscall.Arch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ABI check, as ljsyscall did it: C programs generated from Berth's Java tables (every constant,
 * every system call number, every struct's size, alignment and member offsets) are compiled against
 * the real kernel and libc headers, once per architecture: x86_64 and aarch64, the latter with
 * Debian's cross compiler. Each fact is one {@code _Static_assert}, so compiling is the whole check and
 * nothing needs to run; every mismatch is reported at once, with both values. The generated files
 * stay under {@code target/abi-check/<arch>/} for inspection.
 *
 * <p>Without the cross compiler the aarch64 half is skipped with a message, except under CI
 * ({@code CI=true}), where it fails: CI installs {@code gcc-aarch64-linux-gnu}.
 */
class AbiCheckTest {
    /** {@code __NR_*} macros of {@code <asm-generic/unistd.h>} that are not system calls. */
    private static final List<String> NOT_SYSCALLS = List.of("__NR_syscalls", "__NR_arch_specific_syscall");

    @Test
    void catalogsCoverEveryConstantAndStruct() {
        List<String> problems = new ArrayList<>(ConstantCatalog.problems());
        problems.addAll(StructCatalog.problems());
        if (!problems.isEmpty()) {
            fail("the ABI check's catalogs are out of date:\n  " + String.join("\n  ", problems));
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void constantsMatchTheHeaders(Arch arch) throws IOException {
        Toolchain tc = toolchain(arch);
        List<CheckProgram> programs = programs("constants", ConstantCatalog.checks(arch));
        report(arch, tc, programs, programs.stream().mapToInt(CheckProgram::size).sum() + " constants");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void syscallNumbersMatchTheHeaders(Arch arch) throws IOException {
        Toolchain tc = toolchain(arch);
        CheckProgram p = new CheckProgram("syscalls", Unit.SYSCALLS);
        new TreeMap<>(arch.syscalls()).forEach((name, nr) -> p.add(new Check("__NR_" + name, "__NR_" + name, nr,
                Check.Width.INT32, Check.Radix.DECIMAL, "__NR_" + name)));

        // The other direction: the tables claim every __NR_* of the headers they were generated from.
        TreeSet<String> unknown = new TreeSet<>();
        for (String line : tc.macros("<asm/unistd.h>")) {
            String[] parts = line.split("\\s+");
            if (parts.length >= 2 && parts[1].startsWith("__NR_") && !NOT_SYSCALLS.contains(parts[1])
                    && arch.syscall(parts[1].substring(5)) < 0) {
                unknown.add(parts[1] + " (" + (parts.length > 2 ? parts[2] : "?") + ")");
            }
        }
        List<String> extra = unknown.stream().map(n -> n + ": in <asm/unistd.h> but not in Berth's "
                + arch.kernelName() + " table").toList();
        report(arch, tc, List.of(p), p.size() + " system call numbers", extra);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void structLayoutsMatchTheHeaders(Arch arch) throws IOException {
        Toolchain tc = toolchain(arch);
        int[] counts = StructCatalog.counts(arch);
        report(arch, tc, programs("structs", StructCatalog.checks(arch)),
                counts[0] + " structs with " + counts[1] + " members");
    }

    @Test
    void reportsEachKindOfFailureWithWhatCHas() throws IOException {
        // The failure paths run only when something is wrong: exercise them on purpose, including the C
        // value read back from the values program's ELF section.
        Toolchain tc = toolchain(Arch.current());
        CheckProgram p = new CheckProgram("selftest", Unit.UAPI);
        p.add(new Check("deliberately wrong: O_CLOEXEC", "O_CLOEXEC", 1, Check.Width.INT32, Check.Radix.OCTAL, null));
        p.add(new Check("deliberately missing: __NR_berth", "__NR_berth", 1, Check.Width.INT32, Check.Radix.DECIMAL,
                "__NR_berth"));
        p.add(new Check("deliberately undeclared: BERTH_NO_SUCH", "BERTH_NO_SUCH", 1, Check.Width.INT32,
                Check.Radix.DECIMAL, null));
        List<String> failures = p.run(tc, outputDir(Arch.current())).failures();
        String arch = " (" + Arch.current().kernelName() + ")";
        assertEquals(List.of(
                "deliberately wrong: O_CLOEXEC: Java 01, C 02000000" + arch,
                "deliberately missing: __NR_berth: Java 1, missing in the headers (no __NR_berth)" + arch,
                "deliberately undeclared: BERTH_NO_SUCH: no C counterpart: 'BERTH_NO_SUCH' undeclared here (not in a"
                        + " function)" + arch), failures);
    }

    private static List<CheckProgram> programs(String title, Map<Unit, List<Check>> checks) {
        List<CheckProgram> out = new ArrayList<>();
        checks.forEach((unit, list) -> {
            CheckProgram p = new CheckProgram(title, unit);
            list.forEach(p::add);
            out.add(p);
        });
        return out;
    }

    private static void report(Arch arch, Toolchain tc, List<CheckProgram> programs, String what) throws IOException {
        report(arch, tc, programs, what, List.of());
    }

    private static void report(Arch arch, Toolchain tc, List<CheckProgram> programs, String what, List<String> extra)
            throws IOException {
        List<String> failures = new ArrayList<>(extra);
        List<String> files = new ArrayList<>();
        for (CheckProgram p : programs) {
            CheckProgram.Outcome o = p.run(tc, outputDir(arch));
            failures.addAll(o.failures());
            files.add(o.commandLine());
        }
        if (!failures.isEmpty()) {
            String hint = failures.stream().anyMatch(f -> f.contains("no C counterpart"))
                    ? "\na Java constant that is no C name of its own needs an entry in ConstantCatalog.SPECIAL:"
                            + " the C expression to compare with, or the reason it has none"
                    : "";
            fail(failures.size() + " ABI mismatch(es) on " + arch.kernelName() + " (" + what + " checked with "
                    + tc.compiler() + "):\n  " + String.join("\n  ", failures) + hint
                    + "\ngenerated C (reproduce with):\n  " + String.join("\n  ", files));
        }
        System.out.println("ABI check " + arch.kernelName() + ": " + what + " match the headers (" + tc.compiler()
                + ")");
    }

    private static Toolchain toolchain(Arch arch) throws IOException {
        var found = Toolchain.find(arch);
        if (found.isEmpty()) {
            String why = "no C compiler for " + arch.kernelName() + " (install Debian's "
                    + Toolchain.debianPackage(arch) + ")";
            if ("true".equals(System.getenv("CI"))) {
                fail(why + ": the ABI check must run for every architecture under CI (CI=true)");
            }
            Assumptions.abort("skipped: " + why);
        }
        Toolchain tc = found.get();
        String triple = tc.targetTriple();
        if (!triple.startsWith(arch.kernelName() + "-")) {
            fail(tc.compiler() + " targets " + triple + ", not " + arch.kernelName());
        }
        return tc;
    }

    private static Path outputDir(Arch arch) {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target", "abi-check",
                arch.kernelName());
    }
}
