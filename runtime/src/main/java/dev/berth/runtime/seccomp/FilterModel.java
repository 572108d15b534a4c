package dev.berth.runtime.seccomp;

import dev.berth.syscall.AuditArch;
import java.util.List;
import java.util.TreeMap;

/**
 * What a compiled filter decides, before it is code: per {@code AUDIT_ARCH_*} value a section with the rules of
 * the ABIs that share it (x86_64 and x32 share {@code AUDIT_ARCH_X86_64} and are told apart by the x32 bit in
 * the number), the default action and the action for any other architecture. {@link #evaluate} is the
 * reference meaning the generated program must have.
 */
record FilterModel(List<Section> sections, Action defaultAction, Action badArch) {
    /**
     * @param x32Filter x86_64 without x32: numbers with the x32 bit (but -1) get {@link #badArch}, as
     *     libseccomp's program gives them
     */
    record Section(int auditArch, List<AuditArch> abis, TreeMap<Integer, AbiRules.Entry> syscalls, boolean x32Filter) {}

    /** The action for a system call as {@code struct seccomp_data} presents it. */
    Action evaluate(int arch, int nr, long[] args) {
        for (Section s : sections) {
            if (s.auditArch() != arch) {
                continue;
            }
            if (s.x32Filter() && Integer.compareUnsigned(nr, dev.berth.syscall.Seccomp.__X32_SYSCALL_BIT) >= 0
                    && nr != -1) {
                return badArch;
            }
            AbiRules.Entry e = s.syscalls().get(nr);
            Action a = e == null ? null : e.evaluate(args);
            return a == null ? defaultAction : a;
        }
        return badArch;
    }
}
