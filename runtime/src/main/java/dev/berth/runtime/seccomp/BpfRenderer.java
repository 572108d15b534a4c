package dev.berth.runtime.seccomp;

import static dev.berth.syscall.Seccomp.BPF_JEQ;
import static dev.berth.syscall.Seccomp.BPF_JGE;
import static dev.berth.syscall.Seccomp.BPF_JGT;
import static dev.berth.syscall.Seccomp.BPF_JSET;

import dev.berth.syscall.AuditArch;
import dev.berth.syscall.struct.SockFilter;
import java.util.List;

/**
 * Prints a seccomp program one instruction a line, with what each does, as {@code seccomp-tools dump} and
 * libseccomp's {@code seccomp_export_pfc} help read one: for {@code --debug} and test failures.
 *
 * <pre>
 * 0000: ld   [4]                      A = arch
 * 0001: jeq  #0xc000003e  0002 0042   if (A == AUDIT_ARCH_X86_64)
 * 0042: ret  #0x00050001              return ERRNO(EPERM)
 * </pre>
 */
public final class BpfRenderer {
    private BpfRenderer() {}

    /** The listing of {@code program}. */
    public static String render(List<SockFilter> program) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < program.size(); i++) {
            sb.append(line(i, program.get(i))).append('\n');
        }
        return sb.toString();
    }

    /** One instruction at index {@code pc}. */
    public static String line(int pc, SockFilter f) {
        String head = String.format("%04d: ", pc);
        int k = f.k();
        return switch (f.code()) {
            case 0x20 -> head + String.format("%-30s %s", "ld   [" + k + "]", "A = " + field(k));
            case 0x54 -> head + String.format("%-30s A &= 0x%x", "and  #0x" + Integer.toHexString(k), k);
            case 0x06 -> head + String.format("%-30s return %s", String.format("ret  #0x%08x", k), Action.describe(k));
            case 0x05 -> head + String.format("%-30s goto %04d", "ja   +" + Integer.toUnsignedString(k),
                    pc + 1 + k);
            default -> {
                int op = f.code() & 0xf0;
                if ((f.code() & 0x07) != 0x05 || (f.code() & 0x08) != 0) {
                    yield head + String.format("code=0x%02x jt=%d jf=%d k=0x%08x (not used by seccomp filters)",
                            f.code(), f.jt(), f.jf(), k);
                }
                String name = switch (op) {
                    case BPF_JEQ -> "jeq";
                    case BPF_JGT -> "jgt";
                    case BPF_JGE -> "jge";
                    case BPF_JSET -> "jset";
                    default -> "j?" + op;
                };
                String rel = switch (op) {
                    case BPF_JEQ -> "==";
                    case BPF_JGT -> ">";
                    case BPF_JGE -> ">=";
                    case BPF_JSET -> "&";
                    default -> "?";
                };
                String ins = String.format("%-4s #0x%08x  %04d %04d", name, k, pc + 1 + f.jt(), pc + 1 + f.jf());
                yield head + String.format("%-30s if (A %s %s)", ins, rel, constant(k));
            }
        };
    }

    private static String constant(int k) {
        for (AuditArch a : AuditArch.values()) {
            if (a.auditArch() == k && a != AuditArch.X32) {
                return "AUDIT_ARCH_" + (a == AuditArch.I386 ? "I386" : a.name());
            }
        }
        return "0x" + Integer.toHexString(k);
    }

    private static String field(int offset) {
        return switch (offset) {
            case 0 -> "nr";
            case 4 -> "arch";
            case 8 -> "instruction_pointer (low)";
            case 12 -> "instruction_pointer (high)";
            default -> offset >= 16 && offset < 64 && offset % 4 == 0
                    ? "args[" + (offset - 16) / 8 + "] (" + ((offset % 8) == 0 ? "low" : "high") + ")"
                    : "[" + offset + "]";
        };
    }

}
