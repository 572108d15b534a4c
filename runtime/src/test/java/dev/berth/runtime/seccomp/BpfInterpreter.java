package dev.berth.runtime.seccomp;

import dev.berth.syscall.struct.SockFilter;
import java.util.List;

/**
 * Classic BPF as the kernel runs seccomp filters ({@code net/core/filter.c}, {@code seccomp_check_filter}): the
 * accumulator, the index register and 16 scratch words; loads of aligned 32-bit words of {@code struct
 * seccomp_data} (and its length); ALU, jumps (forward only), {@code ret}. Running checks what the kernel's
 * verifier checks: jumps stay inside the program, loads inside {@code seccomp_data}, no division by zero,
 * and every path ends in {@code ret}.
 */
final class BpfInterpreter {
    /** {@code struct seccomp_data}: {@code args} are unsigned 64-bit values. */
    record Data(int nr, int arch, long instructionPointer, long[] args) {
        int word(int offset) {
            return switch (offset) {
                case 0 -> nr;
                case 4 -> arch;
                case 8 -> (int) instructionPointer;
                case 12 -> (int) (instructionPointer >>> 32);
                default -> {
                    int i = (offset - 16) / 8;
                    yield (offset % 8) == 0 ? (int) args[i] : (int) (args[i] >>> 32);
                }
            };
        }
    }

    /**
     * What a run returned, how many instructions it executed, and whether it passed an instruction that
     * {@link #ambiguousAccumulator} flagged.
     */
    record Result(int value, int executed, boolean ambiguous) {}

    /** Thrown for a program the kernel would refuse, or a run that leaves the program. */
    static final class BadProgram extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadProgram(String message) {
            super(message);
        }
    }

    private BpfInterpreter() {}

    static Result run(List<SockFilter> program, Data d) {
        return run(program, d, null);
    }

    /** Runs {@code program}, noting whether it passes an instruction with {@code flagged[pc]} set. */
    static Result run(List<SockFilter> program, Data d, boolean[] flagged) {
        boolean hit = false;
        if (program.isEmpty() || program.size() > dev.berth.syscall.Seccomp.BPF_MAXINSNS) {
            throw new BadProgram("program length " + program.size());
        }
        int a = 0;
        int x = 0;
        int[] mem = new int[16];
        int pc = 0;
        int executed = 0;
        while (true) {
            if (pc < 0 || pc >= program.size()) {
                throw new BadProgram("ran off the program at " + pc);
            }
            SockFilter f = program.get(pc);
            executed++;
            hit |= flagged != null && flagged[pc];
            int k = f.k();
            int code = f.code();
            switch (code & 0x07) {
                case 0x00 -> { // LD
                    switch (code) {
                        case 0x20 -> a = load(d, k, pc); // BPF_LD|BPF_W|BPF_ABS
                        case 0x80 -> a = 64; // BPF_LD|BPF_W|BPF_LEN
                        case 0x00 -> a = k; // BPF_LD|BPF_IMM
                        case 0x60 -> a = mem[scratch(k, pc)]; // BPF_LD|BPF_MEM
                        default -> throw new BadProgram("load not allowed in seccomp: code 0x" + Integer.toHexString(code));
                    }
                }
                case 0x01 -> { // LDX
                    switch (code) {
                        case 0x81 -> x = 64;
                        case 0x01 -> x = k;
                        case 0x61 -> x = mem[scratch(k, pc)];
                        default -> throw new BadProgram("ldx not allowed in seccomp: code 0x" + Integer.toHexString(code));
                    }
                }
                case 0x02 -> mem[scratch(k, pc)] = a;
                case 0x03 -> mem[scratch(k, pc)] = x;
                case 0x04 -> { // ALU
                    int v = (code & 0x08) != 0 ? x : k;
                    a = switch (code & 0xf0) {
                        case 0x00 -> a + v;
                        case 0x10 -> a - v;
                        case 0x20 -> a * v;
                        case 0x30 -> {
                            if (v == 0) {
                                throw new BadProgram("division by zero at " + pc);
                            }
                            yield Integer.divideUnsigned(a, v);
                        }
                        case 0x40 -> a | v;
                        case 0x50 -> a & v;
                        case 0x60 -> v >= 32 ? 0 : a << v;
                        case 0x70 -> v >= 32 ? 0 : a >>> v;
                        case 0x80 -> -a;
                        case 0x90 -> {
                            if (v == 0) {
                                throw new BadProgram("modulo by zero at " + pc);
                            }
                            yield Integer.remainderUnsigned(a, v);
                        }
                        case 0xa0 -> a ^ v;
                        default -> throw new BadProgram("bad ALU op at " + pc);
                    };
                }
                case 0x05 -> { // JMP
                    if ((code & 0xf0) == 0x00) {
                        long target = pc + 1L + Integer.toUnsignedLong(k);
                        if (target >= program.size()) {
                            throw new BadProgram("ja out of the program at " + pc);
                        }
                        pc = (int) target;
                        continue;
                    }
                    int v = (code & 0x08) != 0 ? x : k;
                    boolean t = switch (code & 0xf0) {
                        case 0x10 -> a == v;
                        case 0x20 -> Integer.compareUnsigned(a, v) > 0;
                        case 0x30 -> Integer.compareUnsigned(a, v) >= 0;
                        case 0x40 -> (a & v) != 0;
                        default -> throw new BadProgram("bad jump at " + pc);
                    };
                    if (pc + 1 + Math.max(f.jt(), f.jf()) >= program.size()) {
                        throw new BadProgram("jump out of the program at " + pc);
                    }
                    pc = pc + 1 + (t ? f.jt() : f.jf());
                    continue;
                }
                case 0x06 -> {
                    return new Result((code & 0x18) == 0x10 ? a : k, executed, hit);
                }
                case 0x07 -> {
                    if (code == 0x07) {
                        x = a;
                    } else if (code == 0x87) {
                        a = x;
                    } else {
                        throw new BadProgram("bad misc op at " + pc);
                    }
                }
                default -> throw new BadProgram("unreachable");
            }
            pc++;
        }
    }

    /**
     * What the kernel's verifier checks without running: every jump lands inside the program, the last
     * instruction is a {@code ret}, only seccomp's instructions are used; returns problems or an empty string.
     */
    static String verify(List<SockFilter> program) {
        if (program.isEmpty() || program.size() > dev.berth.syscall.Seccomp.BPF_MAXINSNS) {
            return "program length " + program.size();
        }
        for (int pc = 0; pc < program.size(); pc++) {
            SockFilter f = program.get(pc);
            if (f.jt() > 255 || f.jf() > 255 || f.jt() < 0 || f.jf() < 0) {
                return "jump offset out of 8 bits at " + pc;
            }
            int cls = f.code() & 0x07;
            if (cls == 0x05) {
                long far = (f.code() & 0xf0) == 0 ? pc + 1L + Integer.toUnsignedLong(f.k())
                        : pc + 1L + Math.max(f.jt(), f.jf());
                if (far >= program.size()) {
                    return "jump out of the program at " + pc;
                }
            }
            if (f.code() == 0x20 && (f.k() < 0 || f.k() >= 64 || (f.k() & 3) != 0)) {
                return "load outside seccomp_data at " + pc;
            }
        }
        if ((program.getLast().code() & 0x07) != 0x06) {
            return "the last instruction is no ret";
        }
        return "";
    }

    /**
     * The instructions that use the accumulator ({@code and}, conditional jumps) where it may hold different
     * words of {@code seccomp_data} (or the same word with different masks) depending on the path taken: a
     * program generated for one word but reached with another in the accumulator; and comparisons of the
     * architecture word with anything but an {@code AUDIT_ARCH_*} value (a missing load of the number). Berth's
     * programs have none; libseccomp 2.5.4's have some: when a deeper argument check falls back to a sibling test
     * of the argument loaded before it, and when the first system call it planned to load the number for is a
     * pseudo-number it leaves out (a rule for a call the ABI lacks).
     */
    private static final java.util.Set<Integer> AUDIT_ARCHES = java.util.Arrays.stream(
            dev.berth.syscall.AuditArch.values()).map(dev.berth.syscall.AuditArch::auditArch).collect(
                    java.util.stream.Collectors.toSet());

    static boolean[] ambiguousAccumulator(List<SockFilter> program) {
        int n = program.size();
        List<java.util.Set<Long>> states = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            states.add(new java.util.HashSet<>());
        }
        states.get(0).add(-1L);
        boolean[] out = new boolean[n];
        // forward jumps only: one pass in order sees every predecessor first
        for (int pc = 0; pc < n; pc++) {
            SockFilter f = program.get(pc);
            java.util.Set<Long> in = states.get(pc);
            java.util.Set<Long> after = new java.util.HashSet<>();
            int cls = f.code() & 0x07;
            if (f.code() == 0x20) {
                after.add(((long) f.k() << 32) | 0xFFFF_FFFFL);
            } else if (f.code() == 0x54) {
                if (in.size() > 1) {
                    out[pc] = true;
                }
                for (long st : in) {
                    after.add(st & ((0xFFFF_FFFFL << 32) | Integer.toUnsignedLong(f.k())));
                }
            } else {
                if (cls == 0x05 && (f.code() & 0xf0) != 0 && in.size() > 1) {
                    out[pc] = true;
                }
                // the architecture compared with anything but an AUDIT_ARCH_* value: a missing load
                if (cls == 0x05 && (f.code() & 0xf0) != 0 && in.stream().anyMatch(st -> (st >>> 32) == 4)
                        && !AUDIT_ARCHES.contains(f.k())) {
                    out[pc] = true;
                }
                after.addAll(in);
            }
            if (cls == 0x06) {
                continue;
            }
            if (cls == 0x05) {
                if ((f.code() & 0xf0) == 0) {
                    long t = pc + 1L + Integer.toUnsignedLong(f.k());
                    if (t < n) {
                        states.get((int) t).addAll(after);
                    }
                } else {
                    if (pc + 1 + f.jt() < n) {
                        states.get(pc + 1 + f.jt()).addAll(after);
                    }
                    if (pc + 1 + f.jf() < n) {
                        states.get(pc + 1 + f.jf()).addAll(after);
                    }
                }
            } else if (pc + 1 < n) {
                states.get(pc + 1).addAll(after);
            }
        }
        return out;
    }

    private static int load(Data d, int k, int pc) {
        if (k < 0 || k >= 64 || (k & 3) != 0) {
            throw new BadProgram("load of [" + k + "] outside seccomp_data at " + pc);
        }
        return d.word(k);
    }

    private static int scratch(int k, int pc) {
        if (k < 0 || k >= 16) {
            throw new BadProgram("scratch word " + k + " at " + pc);
        }
        return k;
    }
}
