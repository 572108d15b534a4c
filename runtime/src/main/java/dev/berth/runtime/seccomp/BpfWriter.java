package dev.berth.runtime.seccomp;

import static dev.berth.syscall.Seccomp.BPF_ABS;
import static dev.berth.syscall.Seccomp.BPF_ALU;
import static dev.berth.syscall.Seccomp.BPF_AND;
import static dev.berth.syscall.Seccomp.BPF_JA;
import static dev.berth.syscall.Seccomp.BPF_JMP;
import static dev.berth.syscall.Seccomp.BPF_K;
import static dev.berth.syscall.Seccomp.BPF_LD;
import static dev.berth.syscall.Seccomp.BPF_RET;
import static dev.berth.syscall.Seccomp.BPF_W;

import dev.berth.syscall.struct.SockFilter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a classic BPF program back to front. Classic BPF jumps only forward, so writing the end first means
 * every jump target already has a place when the jump is written, and its distance is known. A conditional
 * jump reaches at most 255 instructions ({@code jt}/{@code jf} are 8 bits): a target further away is reached
 * through a {@code ja} (32-bit offset) written right behind the jump, or, for a {@code ret}, through a copy of
 * the {@code ret} written there, which costs no extra instruction at run time.
 *
 * <p>A position is an index counted from the end of the program; {@link #program()} turns the list around.
 */
final class BpfWriter {
    /** Where a jump goes: a {@code ret} of {@code value}, or the instruction at {@code position}. */
    record Target(boolean ret, int value) {
        static Target ret(Action a) {
            return new Target(true, a.value());
        }

        static Target at(int position) {
            return new Target(false, position);
        }
    }

    private static final int MAX_JUMP = 255;

    private final List<SockFilter> reversed = new ArrayList<>();
    private final Map<Integer, Integer> lastRet = new HashMap<>();

    /** The number of instructions written so far. */
    int size() {
        return reversed.size();
    }

    /** {@code ld [offset]}; returns its position. */
    int load(int offset) {
        return add(SockFilter.stmt(BPF_LD | BPF_W | BPF_ABS, offset));
    }

    /** {@code and #mask}; returns its position. */
    int and(int mask) {
        return add(SockFilter.stmt(BPF_ALU | BPF_AND | BPF_K, mask));
    }

    /** {@code ret #value}; returns its position. */
    int ret(int value) {
        int at = add(SockFilter.stmt(BPF_RET | BPF_K, value));
        lastRet.put(value, at);
        return at;
    }

    /** The position of {@code target}, for code that must start there (a block's entry). */
    int place(Target target) {
        return target.ret() ? reach(target, 0) : target.value();
    }

    /** {@code jmp op #k, jt, jf} ({@code op} one of BPF_JEQ, BPF_JGT, BPF_JGE, BPF_JSET); returns its position. */
    int jump(int op, int k, Target jt, Target jf) {
        while (true) {
            int t = reach(jt, 1);
            int f = reach(jf, 0);
            int at = reversed.size();
            if (at - t - 1 <= MAX_JUMP && at - f - 1 <= MAX_JUMP) {
                return add(SockFilter.jump(BPF_JMP | op | BPF_K, k, at - t - 1, at - f - 1));
            }
        }
    }

    /** An unconditional jump to {@code target} (nothing when it would be the next instruction anyway). */
    int jumpTo(Target target) {
        int t = reach(target, 0);
        int at = reversed.size();
        if (at - t - 1 == 0) {
            return t;
        }
        return add(SockFilter.stmt(BPF_JMP | BPF_JA, at - t - 1));
    }

    /**
     * The position of {@code target} as seen from an instruction about to be written, with {@code slack} more
     * instructions possibly written in between; writes a copy of a {@code ret} or a {@code ja} when it is too
     * far.
     */
    private int reach(Target target, int slack) {
        int at = reversed.size() + slack;
        if (target.ret()) {
            Integer last = lastRet.get(target.value());
            if (last != null && at - last - 1 <= MAX_JUMP) {
                return last;
            }
            return ret(target.value());
        }
        int t = target.value();
        if (at - t - 1 <= MAX_JUMP) {
            return t;
        }
        return add(SockFilter.stmt(BPF_JMP | BPF_JA, reversed.size() - t - 1));
    }

    private int add(SockFilter insn) {
        reversed.add(insn);
        return reversed.size() - 1;
    }

    /** The program, first instruction first. */
    List<SockFilter> program() {
        return List.copyOf(reversed.reversed());
    }
}
