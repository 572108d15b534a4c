package dev.berth.syscall.spawn;

import dev.berth.syscall.Signal;
import dev.berth.syscall.Wait;
import dev.berth.syscall.struct.Siginfo;

/**
 * How a process ended: an exit code, or the signal that killed it.
 *
 * @param code the exit code (0..255) when it exited, else -1
 * @param signal the signal that killed it, else 0
 * @param coreDumped whether it dumped core
 */
public record ExitStatus(int code, int signal, boolean coreDumped) {
    /** From a {@code waitid(2)} report. */
    public static ExitStatus of(Siginfo info) {
        return switch (info.code()) {
            case Wait.CLD_EXITED -> new ExitStatus(info.status(), 0, false);
            case Wait.CLD_KILLED -> new ExitStatus(-1, info.status(), false);
            case Wait.CLD_DUMPED -> new ExitStatus(-1, info.status(), true);
            default -> throw new IllegalArgumentException("not an exit: " + info);
        };
    }

    public static ExitStatus exited(int code) {
        return new ExitStatus(code, 0, false);
    }

    public static ExitStatus killed(int signal) {
        return new ExitStatus(-1, signal, false);
    }

    public boolean exited() {
        return signal == 0;
    }

    /** The shell's number for it: the code, or 128 + the signal. */
    public int shellCode() {
        return exited() ? code : 128 + signal;
    }

    @Override
    public String toString() {
        return exited() ? "exit " + code : "killed by " + Signal.name(signal) + (coreDumped ? " (core dumped)" : "");
    }
}
