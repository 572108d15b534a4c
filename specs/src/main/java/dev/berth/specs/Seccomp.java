package dev.berth.specs;

import dev.berth.specs.internal.Immutable;
import java.util.List;
import java.util.Objects;

/**
 * The seccomp filter ({@code linux.seccomp}); names follow libseccomp's ({@code SCMP_ACT_ERRNO},
 * {@code SCMP_ARCH_X86_64}, {@code SCMP_CMP_EQ}) and seccomp(2)'s ({@code SECCOMP_FILTER_FLAG_LOG}).
 *
 * @param defaultAction action for syscalls no rule matches
 * @param defaultErrnoRet uint32 errno of the default action, null for EPERM
 * @param architectures additional architectures
 * @param flags {@code SECCOMP_FILTER_FLAG_*} flags
 * @param listenerPath unix socket that receives the notify fd, null when absent
 * @param listenerMetadata opaque data sent with it, null when absent
 * @param syscalls rules, in order
 */
public record Seccomp(
        String defaultAction,
        Long defaultErrnoRet,
        List<String> architectures,
        List<String> flags,
        String listenerPath,
        String listenerMetadata,
        List<Syscall> syscalls) {

    public Seccomp {
        Objects.requireNonNull(defaultAction, "defaultAction");
        architectures = Immutable.list(architectures);
        flags = Immutable.list(flags);
        syscalls = Immutable.list(syscalls);
    }

    /**
     * A rule.
     *
     * @param names syscall names
     * @param action action when the rule matches
     * @param errnoRet uint32 errno for the action, null for EPERM
     * @param args argument conditions, all of which must hold
     */
    public record Syscall(List<String> names, String action, Long errnoRet, List<Arg> args) {
        public Syscall {
            names = Immutable.list(names);
            Objects.requireNonNull(action, "action");
            args = Immutable.list(args);
        }
    }

    /**
     * An argument condition.
     *
     * @param index argument number (uint32)
     * @param value uint64 bits
     * @param valueTwo uint64 bits, the second operand of {@code SCMP_CMP_MASKED_EQ}; 0 when absent
     * @param op {@code SCMP_CMP_*} operator
     */
    public record Arg(long index, long value, long valueTwo, String op) {
        public Arg {
            Objects.requireNonNull(op, "op");
        }
    }
}
