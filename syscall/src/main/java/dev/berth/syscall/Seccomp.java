package dev.berth.syscall;

/**
 * seccomp ({@code <linux/seccomp.h>}), classic BPF ({@code <linux/filter.h>}, {@code <linux/bpf_common.h>})
 * and the audit architecture values filters test ({@code <linux/audit.h>}).
 */
public final class Seccomp {
    public static final int SECCOMP_SET_MODE_STRICT = 0;
    public static final int SECCOMP_SET_MODE_FILTER = 1;
    public static final int SECCOMP_GET_ACTION_AVAIL = 2;
    public static final int SECCOMP_GET_NOTIF_SIZES = 3;

    public static final int SECCOMP_FILTER_FLAG_TSYNC = 1 << 0;
    public static final int SECCOMP_FILTER_FLAG_LOG = 1 << 1;
    public static final int SECCOMP_FILTER_FLAG_SPEC_ALLOW = 1 << 2;
    public static final int SECCOMP_FILTER_FLAG_NEW_LISTENER = 1 << 3;
    public static final int SECCOMP_FILTER_FLAG_TSYNC_ESRCH = 1 << 4;
    public static final int SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV = 1 << 5;

    public static final int SECCOMP_MODE_DISABLED = 0;
    public static final int SECCOMP_MODE_STRICT = 1;
    public static final int SECCOMP_MODE_FILTER = 2;

    public static final int SECCOMP_RET_KILL_PROCESS = 0x80000000;
    public static final int SECCOMP_RET_KILL_THREAD = 0x00000000;
    public static final int SECCOMP_RET_KILL = SECCOMP_RET_KILL_THREAD;
    public static final int SECCOMP_RET_TRAP = 0x00030000;
    public static final int SECCOMP_RET_ERRNO = 0x00050000;
    public static final int SECCOMP_RET_USER_NOTIF = 0x7fc00000;
    public static final int SECCOMP_RET_TRACE = 0x7ff00000;
    public static final int SECCOMP_RET_LOG = 0x7ffc0000;
    public static final int SECCOMP_RET_ALLOW = 0x7fff0000;
    public static final int SECCOMP_RET_ACTION_FULL = 0xffff0000;
    public static final int SECCOMP_RET_ACTION = 0x7fff0000;
    public static final int SECCOMP_RET_DATA = 0x0000ffff;

    /** {@code ioctl}s on a seccomp listener fd. */
    public static final int SECCOMP_IOCTL_NOTIF_RECV = 0xc0502100;
    public static final int SECCOMP_IOCTL_NOTIF_SEND = 0xc0182101;
    public static final int SECCOMP_IOCTL_NOTIF_ID_VALID = 0x40082102;
    public static final int SECCOMP_IOCTL_NOTIF_ADDFD = 0x40182103;

    /** Offsets in {@code struct seccomp_data}. */
    public static final int SECCOMP_DATA_NR = 0;
    public static final int SECCOMP_DATA_ARCH = 4;
    public static final int SECCOMP_DATA_INSTRUCTION_POINTER = 8;
    public static final int SECCOMP_DATA_ARGS = 16;

    public static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    public static final int AUDIT_ARCH_I386 = 0x40000003;
    public static final int AUDIT_ARCH_AARCH64 = 0xC00000B7;
    public static final int AUDIT_ARCH_ARM = 0x40000028;
    /** Set in the number of an x32 system call on x86_64. */
    public static final int __X32_SYSCALL_BIT = 0x40000000;

    public static final int BPF_LD = 0x00;
    public static final int BPF_LDX = 0x01;
    public static final int BPF_ST = 0x02;
    public static final int BPF_STX = 0x03;
    public static final int BPF_ALU = 0x04;
    public static final int BPF_JMP = 0x05;
    public static final int BPF_RET = 0x06;
    public static final int BPF_MISC = 0x07;
    public static final int BPF_W = 0x00;
    public static final int BPF_H = 0x08;
    public static final int BPF_B = 0x10;
    public static final int BPF_IMM = 0x00;
    public static final int BPF_ABS = 0x20;
    public static final int BPF_IND = 0x40;
    public static final int BPF_MEM = 0x60;
    public static final int BPF_LEN = 0x80;
    public static final int BPF_MSH = 0xa0;
    public static final int BPF_ADD = 0x00;
    public static final int BPF_SUB = 0x10;
    public static final int BPF_MUL = 0x20;
    public static final int BPF_DIV = 0x30;
    public static final int BPF_OR = 0x40;
    public static final int BPF_AND = 0x50;
    public static final int BPF_LSH = 0x60;
    public static final int BPF_RSH = 0x70;
    public static final int BPF_NEG = 0x80;
    public static final int BPF_MOD = 0x90;
    public static final int BPF_XOR = 0xa0;
    public static final int BPF_JA = 0x00;
    public static final int BPF_JEQ = 0x10;
    public static final int BPF_JGT = 0x20;
    public static final int BPF_JGE = 0x30;
    public static final int BPF_JSET = 0x40;
    public static final int BPF_K = 0x00;
    public static final int BPF_X = 0x08;
    public static final int BPF_A = 0x10;
    public static final int BPF_TAX = 0x00;
    public static final int BPF_TXA = 0x80;
    public static final int BPF_MAXINSNS = 4096;

    private Seccomp() {}
}
