package dev.berth.specs.validate;

import static dev.berth.specs.validate.Violations.field;
import static dev.berth.specs.validate.Violations.index;
import static dev.berth.specs.validate.Violations.quote;

import dev.berth.specs.Seccomp;
import dev.berth.specs.Seccomp.Arg;
import dev.berth.specs.Seccomp.Syscall;
import dev.berth.specs.Spec;
import java.util.Set;

/** config-linux.md "Seccomp", with runc's rules for the notify action. */
final class SeccompCheck implements Check {
    private static final Set<String> ACTIONS = Set.copyOf(KnownNames.SECCOMP_ACTIONS);
    private static final Set<String> OPERATORS = Set.copyOf(KnownNames.SECCOMP_OPERATORS);
    private static final Set<String> ARCHS = Set.copyOf(KnownNames.SECCOMP_ARCHS);
    private static final Set<String> FLAGS = Set.copyOf(KnownNames.SECCOMP_FLAGS);
    private static final String NOTIFY = "SCMP_ACT_NOTIFY";

    @Override
    public void check(Spec spec, Violations out) {
        if (spec.linux() == null || spec.linux().seccomp() == null) {
            return;
        }
        Seccomp s = spec.linux().seccomp();
        String path = "linux.seccomp";
        if (!ACTIONS.contains(s.defaultAction())) {
            out.add(field(path, "defaultAction"), "unknown seccomp action " + quote(s.defaultAction()));
        } else if (s.defaultAction().equals(NOTIFY)) {
            out.add(field(path, "defaultAction"), "SCMP_ACT_NOTIFY cannot be the default action");
        }
        if (s.defaultErrnoRet() != null && ACTIONS.contains(s.defaultAction())
                && !KnownNames.SECCOMP_ERRNO_ACTIONS.contains(s.defaultAction())) {
            out.add(field(path, "defaultErrnoRet"), s.defaultAction() + " does not return an errno");
        }
        for (int i = 0; i < s.architectures().size(); i++) {
            if (!ARCHS.contains(s.architectures().get(i))) {
                out.add(index(field(path, "architectures"), i), "unknown seccomp architecture " + quote(s.architectures().get(i)));
            }
        }
        for (int i = 0; i < s.flags().size(); i++) {
            if (!FLAGS.contains(s.flags().get(i))) {
                out.add(index(field(path, "flags"), i), "unknown seccomp flag " + quote(s.flags().get(i)));
            }
        }
        boolean listener = s.listenerPath() != null && !s.listenerPath().isEmpty();
        if (!listener && s.listenerMetadata() != null && !s.listenerMetadata().isEmpty()) {
            out.add(field(path, "listenerMetadata"), "must not be set without listenerPath");
        }
        boolean notify = false;
        for (int i = 0; i < s.syscalls().size(); i++) {
            Syscall rule = s.syscalls().get(i);
            String at = index(field(path, "syscalls"), i);
            if (rule.names().isEmpty()) {
                out.add(field(at, "names"), "must have at least one entry");
            }
            for (int j = 0; j < rule.names().size(); j++) {
                if (rule.names().get(j).isEmpty()) {
                    out.add(index(field(at, "names"), j), "must not be empty");
                }
            }
            if (!ACTIONS.contains(rule.action())) {
                out.add(field(at, "action"), "unknown seccomp action " + quote(rule.action()));
            } else if (rule.errnoRet() != null && !KnownNames.SECCOMP_ERRNO_ACTIONS.contains(rule.action())) {
                out.add(field(at, "errnoRet"), rule.action() + " does not return an errno");
            }
            notify |= rule.action().equals(NOTIFY);
            for (int j = 0; j < rule.args().size(); j++) {
                Arg arg = rule.args().get(j);
                String argAt = index(field(at, "args"), j);
                if (arg.index() > 5) {
                    out.add(field(argAt, "index"), "must be 0 to 5 (a syscall has six arguments), got " + arg.index());
                }
                if (!OPERATORS.contains(arg.op())) {
                    out.add(field(argAt, "op"), "unknown seccomp operator " + quote(arg.op()));
                }
            }
        }
        if (notify && !listener) {
            out.add(field(path, "listenerPath"), "required when a rule uses SCMP_ACT_NOTIFY");
        }
    }
}
