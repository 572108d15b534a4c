package dev.berth.runtime.seccomp;

import dev.berth.specs.Seccomp;
import dev.berth.syscall.Arch;
import dev.berth.syscall.AuditArch;
import dev.berth.syscall.struct.SockFilter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compiles the OCI {@code linux.seccomp} object into a classic BPF program for {@code seccomp(2)}, in Java and
 * without libseccomp, with the meaning runc and crun give a profile through libseccomp:
 *
 * <ul>
 *   <li>Actions: {@code SCMP_ACT_KILL} (= {@code KILL_THREAD}), {@code KILL_PROCESS}, {@code KILL_THREAD},
 *       {@code TRAP}, {@code ERRNO} with {@code errnoRet} (default {@code EPERM}), {@code TRACE} with
 *       {@code errnoRet} as the trace value (default {@code EPERM}), {@code ALLOW}, {@code LOG}, {@code NOTIFY};
 *       {@code defaultErrnoRet} for the default action.</li>
 *   <li>As runc does before calling libseccomp: a rule whose action equals the default action is dropped; a rule
 *       with two conditions on one argument becomes one rule per condition (OR); names are resolved per ABI and
 *       a name an ABI lacks is skipped there ({@link SeccompProgram#notes()} lists them).</li>
 *   <li>Conditions of a rule are ANDed, on unsigned 64-bit arguments (32-bit on i386, x32 and ARM, as
 *       libseccomp compares them); rules for one system call combine as {@link AbiRules} and {@link ArgTree}
 *       describe.</li>
 *   <li>Architectures: the target's own ABI always, plus those of {@code architectures} that its kernel runs
 *       ({@link AuditArch#runnableOn}): i386 and x32 on x86_64, ARM on aarch64. Any other
 *       {@code seccomp_data.arch} gets {@code SECCOMP_RET_KILL_PROCESS}; on x86_64 without x32, so does an x32
 *       system call.</li>
 * </ul>
 *
 * <p>Deliberate differences from runc with libseccomp 2.5: the bad-architecture action is {@code KILL_PROCESS}
 * (libseccomp 2.5 kills the thread only); architectures the target's kernel cannot run are left out (libseccomp
 * writes code for them that can never run); runc's extra {@code ENOSYS} stub for system calls newer than the
 * profile is not added; flag {@code SECCOMP_FILTER_FLAG_TSYNC} is ignored (the filter is installed by a
 * single-threaded child).
 */
public final class SeccompCompiler {
    private static final String WHERE = "linux.seccomp";

    /** The actions the compiler knows ({@code berth features}: {@code linux.seccomp.actions}). */
    public static final List<String> ACTIONS = List.of("SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO", "SCMP_ACT_KILL",
            "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_LOG", "SCMP_ACT_NOTIFY", "SCMP_ACT_TRACE",
            "SCMP_ACT_TRAP");
    /** The operators ({@code linux.seccomp.operators}). */
    public static final List<String> OPERATORS = List.of("SCMP_CMP_EQ", "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_LE",
            "SCMP_CMP_LT", "SCMP_CMP_MASKED_EQ", "SCMP_CMP_NE");
    /** The architectures a profile may list ({@code linux.seccomp.archs}); only those the kernel runs are used. */
    public static final List<String> ARCHITECTURES = List.of("SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM", "SCMP_ARCH_X32",
            "SCMP_ARCH_X86", "SCMP_ARCH_X86_64");
    /** The {@code flags} accepted ({@code linux.seccomp.supportedFlags}); TSYNC is accepted and not needed. */
    public static final List<String> FLAGS = List.of("SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW",
            "SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV");

    private SeccompCompiler() {}

    /** Compiles {@code spec} for a kernel of {@code target}. */
    public static SeccompProgram compile(Seccomp spec, Arch target) throws SeccompException {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        Action deflt = Action.parse(spec.defaultAction(), spec.defaultErrnoRet());
        if (deflt == null) {
            problems.add(WHERE + ".defaultAction: unknown action \"" + spec.defaultAction() + "\"");
        } else if (deflt.equals(Action.NOTIFY)) {
            problems.add(WHERE + ".defaultAction: SCMP_ACT_NOTIFY cannot be the default action (as in runc): every"
                    + " system call of the container's start would wait for a listener that does not have the fd yet");
        }

        int flags = 0;
        for (int i = 0; i < spec.flags().size(); i++) {
            String f = spec.flags().get(i);
            switch (f) {
                case "SECCOMP_FILTER_FLAG_TSYNC" -> { } // one thread installs it: nothing to synchronise
                case "SECCOMP_FILTER_FLAG_LOG" -> flags |= dev.berth.syscall.Seccomp.SECCOMP_FILTER_FLAG_LOG;
                case "SECCOMP_FILTER_FLAG_SPEC_ALLOW" -> flags |= dev.berth.syscall.Seccomp.SECCOMP_FILTER_FLAG_SPEC_ALLOW;
                case "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV" ->
                        flags |= dev.berth.syscall.Seccomp.SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV;
                default -> problems.add(WHERE + ".flags[" + i + "]: unknown flag \"" + f + "\"");
            }
        }

        // the ABIs of the filter, the target's own first
        List<AuditArch> abis = new ArrayList<>();
        abis.add(AuditArch.of(target));
        List<AuditArch> runnable = AuditArch.runnableOn(target);
        for (String name : spec.architectures()) {
            AuditArch a = AuditArch.byScmpName(name);
            if (a != null && runnable.contains(a)) {
                if (!abis.contains(a)) {
                    abis.add(a);
                }
            } else {
                notes.add(name + " left out: a " + target.kernelName() + " kernel runs no program of it");
            }
        }
        Map<AuditArch, AbiRules> rules = new LinkedHashMap<>();
        for (AuditArch a : abis) {
            rules.put(a, new AbiRules(a));
        }

        boolean notify = false;
        List<Seccomp.Syscall> syscalls = spec.syscalls();
        for (int r = 0; r < syscalls.size(); r++) {
            Seccomp.Syscall rule = syscalls.get(r);
            String at = WHERE + ".syscalls[" + r + "]";
            Action action = Action.parse(rule.action(), rule.errnoRet());
            if (action == null) {
                problems.add(at + ".action: unknown action \"" + rule.action() + "\"");
                continue;
            }
            List<Cmp> conditions = new ArrayList<>();
            for (int i = 0; i < rule.args().size(); i++) {
                Seccomp.Arg arg = rule.args().get(i);
                Cmp.Op op = Cmp.Op.parse(arg.op());
                if (op == null) {
                    problems.add(at + ".args[" + i + "].op: unknown operator \"" + arg.op() + "\"");
                } else if (arg.index() < 0 || arg.index() > 5) {
                    problems.add(at + ".args[" + i + "].index: " + arg.index() + " is not an argument (0 to 5)");
                } else {
                    conditions.add(new Cmp((int) arg.index(), op, arg.value(), arg.valueTwo()));
                }
            }
            if (action.equals(Action.NOTIFY) && rule.names().contains("sendmsg")) {
                problems.add(at + ": SCMP_ACT_NOTIFY on sendmsg would stop the container's start: the listener fd is"
                        + " handed to the runtime with sendmsg after the filter is installed");
            }
            if (action.equals(deflt)) {
                continue; // as runc: libseccomp refuses a rule that repeats the default action
            }
            // as runc: two conditions on one argument make one rule per condition
            List<List<Cmp>> variants = new ArrayList<>();
            if (conditions.stream().map(Cmp::index).distinct().count() < conditions.size()) {
                for (Cmp c : conditions) {
                    variants.add(List.of(c));
                }
            } else {
                List<Cmp> sorted = new ArrayList<>(conditions);
                sorted.sort(Comparator.comparingInt(Cmp::index));
                variants.add(sorted);
            }
            for (int n = 0; n < rule.names().size(); n++) {
                String name = rule.names().get(n);
                boolean known = false;
                for (AbiRules abi : rules.values()) {
                    if (!abi.knows(name)) {
                        notes.add(name + " skipped on " + abi.abi.scmpName() + ": no such system call");
                    } else {
                        known = true;
                    }
                    for (List<Cmp> v : variants) {
                        try {
                            abi.add(name, v, action);
                        } catch (ArgTree.Conflict e) {
                            problems.add(at + ".names[" + n + "] (" + name + " on " + abi.abi.scmpName()
                                    + "): conflicting rules, which libseccomp refuses too (EEXIST): " + e.getMessage());
                        }
                    }
                }
                notify |= known && action.equals(Action.NOTIFY);
            }
        }
        if (notify) {
            flags |= dev.berth.syscall.Seccomp.SECCOMP_FILTER_FLAG_NEW_LISTENER;
            if (spec.listenerPath() == null || spec.listenerPath().isEmpty()) {
                problems.add(WHERE + ".listenerPath: required when a rule uses SCMP_ACT_NOTIFY");
            }
        }
        if (!problems.isEmpty()) {
            throw new SeccompException(problems);
        }

        FilterModel model = model(abis, rules, deflt);
        List<SockFilter> program = Codegen.generate(model);
        if (program.size() > dev.berth.syscall.Seccomp.BPF_MAXINSNS) {
            throw new SeccompException(WHERE + ": the filter needs " + program.size()
                    + " BPF instructions, more than the kernel's limit of " + dev.berth.syscall.Seccomp.BPF_MAXINSNS
                    + " (BPF_MAXINSNS)");
        }
        return new SeccompProgram(target, program, flags, spec.listenerPath(), spec.listenerMetadata(), notes, model);
    }

    /** One section per {@code AUDIT_ARCH_*} value, x86_64 and x32 sharing theirs. */
    private static FilterModel model(List<AuditArch> abis, Map<AuditArch, AbiRules> rules, Action deflt) {
        Map<Integer, List<AuditArch>> byValue = new LinkedHashMap<>();
        for (AuditArch a : abis) {
            byValue.computeIfAbsent(a.auditArch(), k -> new ArrayList<>()).add(a);
        }
        List<FilterModel.Section> sections = new ArrayList<>();
        byValue.forEach((value, group) -> {
            TreeMap<Integer, AbiRules.Entry> merged = new TreeMap<>(Integer::compareUnsigned);
            for (AuditArch a : group) {
                merged.putAll(rules.get(a).syscalls); // x32 numbers carry the x32 bit: no overlap
            }
            boolean x32Filter = group.contains(AuditArch.X86_64) && !group.contains(AuditArch.X32);
            sections.add(new FilterModel.Section(value, List.copyOf(group), merged, x32Filter));
        });
        return new FilterModel(List.copyOf(sections), deflt, Action.KILL_PROCESS);
    }
}
