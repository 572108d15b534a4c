package dev.berth.syscall.abi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A generated C file of {@code _Static_assert}s, one per {@link Check} and one line each, so that
 * compiling it is the whole check (nothing runs, which is what lets a cross compiler check another
 * architecture). The compiler's diagnostics are mapped back to checks by line number; for the checks
 * that failed a second generated file stores the C values in an ELF section, which
 * {@link ElfSection} reads back, so the report can say what C has.
 */
final class CheckProgram {
    private static final Pattern DIAGNOSTIC = Pattern.compile("^(.+?):(\\d+):(?:\\d+:)? (fatal error|error|note): (.*)$");
    private static final String VALUES_SECTION = ".berth_values";

    private final String title;
    private final Unit unit;
    private final List<Check> checks = new ArrayList<>();

    /** @param title what the file checks, for its name and header ({@code "constants"}) */
    CheckProgram(String title, Unit unit) {
        this.title = title;
        this.unit = unit;
    }

    void add(Check check) {
        checks.add(check);
    }

    int size() {
        return checks.size();
    }

    /** What a compiled program reports: failures (empty when everything matched) and where the C file is. */
    record Outcome(Path source, String commandLine, List<String> failures) {
        /** How one check failed. */
        enum Kind {
            /** The C value differs. */
            MISMATCH,
            /** The guard macro is not defined. */
            MISSING,
            /** The C expression does not compile: typically a Java constant whose name C does not know. */
            UNCOMPILABLE
        }
    }

    private record Verdict(Outcome.Kind kind, String detail) {}

    private enum LineKind { ASSERT, MISSING }

    private record Line(Check check, LineKind kind) {}

    /** Writes the program under {@code dir}, compiles it with {@code tc}, and collects every mismatch. */
    Outcome run(Toolchain tc, Path dir) throws IOException {
        Files.createDirectories(dir);
        String base = title + "-" + unit.fileName;
        Path source = dir.resolve(base + ".c").toAbsolutePath();
        Files.deleteIfExists(dir.resolve(base + "-values.c"));
        Files.deleteIfExists(dir.resolve(base + "-values.o"));
        Map<Integer, Line> lines = new HashMap<>();
        Files.writeString(source, render(tc, lines));
        Toolchain.Result r = tc.compile(source, dir.resolve(base + ".o").toAbsolutePath());

        Map<Check, Verdict> failed = new LinkedHashMap<>();
        List<String> unattributed = new ArrayList<>();
        String pendingHeaderError = null;
        for (String text : r.output().lines().toList()) {
            Matcher m = DIAGNOSTIC.matcher(text);
            if (!m.matches()) {
                continue;
            }
            boolean ours = Path.of(m.group(1)).toAbsolutePath().equals(source);
            Line line = ours ? lines.get(Integer.parseInt(m.group(2))) : null;
            String severity = m.group(3);
            String message = m.group(4);
            if (severity.equals("note")) {
                // An error inside a header, expanded from one of our lines, names that line in a note.
                if (pendingHeaderError != null && line != null) {
                    failed.putIfAbsent(line.check, new Verdict(Outcome.Kind.UNCOMPILABLE, pendingHeaderError));
                    pendingHeaderError = null;
                }
                continue;
            }
            if (pendingHeaderError != null) {
                unattributed.add(pendingHeaderError);
            }
            pendingHeaderError = null;
            if (line == null) {
                if (ours) {
                    unattributed.add(text);
                } else {
                    pendingHeaderError = text;
                }
            } else if (message.startsWith("static assertion failed")) {
                failed.putIfAbsent(line.check, new Verdict(
                        line.kind == LineKind.MISSING ? Outcome.Kind.MISSING : Outcome.Kind.MISMATCH, null));
            } else {
                failed.putIfAbsent(line.check, new Verdict(Outcome.Kind.UNCOMPILABLE, message));
            }
        }
        if (pendingHeaderError != null) {
            unattributed.add(pendingHeaderError);
        }

        List<String> failures = new ArrayList<>();
        List<Check> mismatched = failed.entrySet().stream()
                .filter(e -> e.getValue().kind == Outcome.Kind.MISMATCH).map(Map.Entry::getKey).toList();
        Map<Check, Long> cValues = mismatched.isEmpty() ? Map.of() : values(tc, dir, base, mismatched, failures);
        String where = " (" + tc.arch().kernelName() + ")";
        failed.forEach((c, v) -> failures.add(switch (v.kind) {
            case MISMATCH -> c.name() + ": Java " + c.showJava() + ", C "
                    + (cValues.containsKey(c) ? c.showC(cValues.get(c)) : "differs") + c.requirement() + where;
            case MISSING -> c.name() + ": Java " + c.showJava() + ", missing in the headers (no " + c.guard() + ")"
                    + where;
            case UNCOMPILABLE -> c.name() + ": no C counterpart: " + v.detail + where;
        }));
        for (String u : unattributed) {
            failures.add("compiler error outside any check: " + u);
        }
        if (r.exit() != 0 && failures.isEmpty()) {
            failures.add(tc.compiler() + " failed without a diagnostic this test understands:\n" + r.output());
        }
        if (r.exit() == 0 && !failures.isEmpty()) {
            failures.add("(" + tc.compiler() + " reported errors but exited 0:\n" + r.output() + ")");
        }
        return new Outcome(source, tc.commandLine(source), failures);
    }

    private String render(Toolchain tc, Map<Integer, Line> lines) {
        List<String> out = new ArrayList<>(header(tc, "checks " + checks.size() + " facts; compiling it is the check"));
        for (Check c : checks) {
            String message = " \"berth: " + c.name().replace("\"", "'") + "\"";
            if (c.guard() != null) {
                out.add("#ifdef " + c.guard());
            }
            out.add("_Static_assert(" + c.condition() + "," + message + ");");
            lines.put(out.size(), new Line(c, LineKind.ASSERT));
            if (c.guard() != null) {
                out.add("#else");
                out.add("_Static_assert(0, \"berth: " + c.guard() + " missing in the headers\");");
                lines.put(out.size(), new Line(c, LineKind.MISSING));
                out.add("#endif");
            }
        }
        return String.join("\n", out) + "\n";
    }

    private List<String> header(Toolchain tc, String what) {
        List<String> out = new ArrayList<>();
        out.add("/* Generated by dev.berth.syscall.abi.AbiCheckTest from Berth's Java tables (" + title + ", "
                + tc.arch().kernelName() + "): " + what + ".");
        out.add(" * " + tc.compiler() + " " + String.join(" ", Toolchain.FLAGS) + " -c <this file> */");
        out.add("#if !defined(" + (tc.arch().kernelName().equals("x86_64") ? "__x86_64__" : "__aarch64__") + ")");
        out.add("#error \"this file checks " + tc.arch().kernelName() + ": compile it with that architecture's compiler\"");
        out.add("#endif");
        out.addAll(unit.prelude);
        return out;
    }

    /** The C values of {@code wanted}, from a second program that stores them in an ELF section. */
    private Map<Check, Long> values(Toolchain tc, Path dir, String base, List<Check> wanted, List<String> failures)
            throws IOException {
        List<String> out = new ArrayList<>(header(tc, "the C values of the checks that failed"));
        out.add("__attribute__((used, section(\"" + VALUES_SECTION + "\")))");
        out.add("const unsigned long long berth_values[] = {");
        for (Check c : wanted) {
            out.add("    (unsigned long long)(" + c.c() + "), /* " + c.name() + " */");
        }
        out.add("};");
        Path source = dir.resolve(base + "-values.c").toAbsolutePath();
        Path object = dir.resolve(base + "-values.o").toAbsolutePath();
        Files.writeString(source, String.join("\n", out) + "\n");
        Toolchain.Result r = tc.compile(source, object);
        if (r.exit() != 0) {
            failures.add("could not compile " + source + " to show the C values:\n" + r.output());
            return Map.of();
        }
        long[] v = ElfSection.longs(Files.readAllBytes(object), VALUES_SECTION);
        Map<Check, Long> values = new HashMap<>();
        for (int i = 0; i < wanted.size() && i < v.length; i++) {
            values.put(wanted.get(i), v[i]);
        }
        return values;
    }
}
