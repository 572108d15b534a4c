package dev.berth.syscall;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A system call ABI as seccomp filters see it: the {@code AUDIT_ARCH_*} value of {@code <linux/audit.h>} in
 * {@code seccomp_data.arch}, the width of the arguments a filter compares, and the system call numbers. A
 * kernel runs the programs of its own {@link Arch} and, with the compat layers, of a few more: i386 and x32
 * programs on x86_64, 32-bit ARM programs on aarch64. A seccomp filter that must hold against every program in
 * a container checks each of them ({@code seccomp(2)}, "Architecture checking").
 */
public enum AuditArch {
    /** x86_64: {@code AUDIT_ARCH_X86_64}, 64-bit arguments. */
    X86_64("SCMP_ARCH_X86_64", Seccomp.AUDIT_ARCH_X86_64, true, 0, null),
    /** i386 on x86_64: {@code AUDIT_ARCH_I386}, 32-bit arguments, {@code <asm/unistd_32.h>}. */
    I386("SCMP_ARCH_X86", Seccomp.AUDIT_ARCH_I386, false, 0, I386Table.NUMBERS),
    /**
     * x32 on x86_64: {@code AUDIT_ARCH_X86_64} like x86_64 itself, told apart by {@link Seccomp#__X32_SYSCALL_BIT}
     * in every system call number; arguments are compared as 32-bit values, as libseccomp does.
     */
    X32("SCMP_ARCH_X32", Seccomp.AUDIT_ARCH_X86_64, false, Seccomp.__X32_SYSCALL_BIT, X32Table.NUMBERS),
    /** aarch64: {@code AUDIT_ARCH_AARCH64}, 64-bit arguments. */
    AARCH64("SCMP_ARCH_AARCH64", Seccomp.AUDIT_ARCH_AARCH64, true, 0, null),
    /** 32-bit ARM (EABI) on aarch64: {@code AUDIT_ARCH_ARM}, 32-bit arguments, {@code <asm/unistd-eabi.h>}. */
    ARM("SCMP_ARCH_ARM", Seccomp.AUDIT_ARCH_ARM, false, 0, ArmTable.NUMBERS);

    private final String scmpName;
    private final int auditArch;
    private final boolean args64;
    private final int numberBit;
    private final String table;
    private volatile Map<String, Integer> numbers;

    AuditArch(String scmpName, int auditArch, boolean args64, int numberBit, String table) {
        this.scmpName = scmpName;
        this.auditArch = auditArch;
        this.args64 = args64;
        this.numberBit = numberBit;
        this.table = table;
    }

    /** The ABI of {@code arch}'s own programs. */
    public static AuditArch of(Arch arch) {
        return arch == Arch.AARCH64 ? AARCH64 : X86_64;
    }

    /** Every ABI a kernel of {@code arch} runs programs of, its own first. */
    public static List<AuditArch> runnableOn(Arch arch) {
        return arch == Arch.AARCH64 ? List.of(AARCH64, ARM) : List.of(X86_64, I386, X32);
    }

    /** The ABI libseccomp and the OCI runtime spec call {@code name} ({@code "SCMP_ARCH_X86"}), or {@code null}. */
    public static AuditArch byScmpName(String name) {
        for (AuditArch a : values()) {
            if (a.scmpName.equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** libseccomp's name, {@code SCMP_ARCH_*}. */
    public String scmpName() {
        return scmpName;
    }

    /** The {@code AUDIT_ARCH_*} value in {@code seccomp_data.arch}. */
    public int auditArch() {
        return auditArch;
    }

    /** Whether filters compare all 64 bits of an argument (false: the low 32 bits only). */
    public boolean args64() {
        return args64;
    }

    /** The bit set in every system call number of this ABI ({@link Seccomp#__X32_SYSCALL_BIT} for x32), or 0. */
    public int numberBit() {
        return numberBit;
    }

    /** The number {@code seccomp_data.nr} holds for system call {@code name}, or -1 if this ABI has none. */
    public int syscall(String name) {
        Integer n = numbers().get(name);
        return n == null ? -1 : n;
    }

    /** Every system call of this ABI, name to the number a filter sees. */
    public Map<String, Integer> syscalls() {
        return numbers();
    }

    private Map<String, Integer> numbers() {
        Map<String, Integer> m = numbers;
        if (m == null) {
            if (table == null) {
                m = this == X86_64 ? Arch.X86_64.syscalls() : Arch.AARCH64.syscalls();
            } else {
                Map<String, Integer> parsed = new HashMap<>(512);
                for (String pair : table.trim().split(" +")) {
                    int eq = pair.indexOf('=');
                    parsed.put(pair.substring(0, eq), Integer.parseInt(pair.substring(eq + 1)) | numberBit);
                }
                m = Collections.unmodifiableMap(parsed);
            }
            numbers = m;
        }
        return m;
    }
}
