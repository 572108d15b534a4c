package dev.berth.syscall.spawn;

import dev.berth.syscall.Errno;
import java.util.List;

/**
 * One system call of a spawn plan, run by the trampoline in the child.
 *
 * @param call the system call's name ({@code "mount"})
 * @param nr its number on the running architecture
 * @param args up to six arguments
 * @param tolerate an errno that counts as success ({@code EEXIST} for a mkdir), 0 for none
 * @param skip how many following steps to skip when the tolerated errno happened (they needed the
 *     step's result: an optional path that does not exist, say)
 * @param expect the exact result required ({@code 1} for a sync read), or {@code null} for "any
 *     non-negative result"
 * @param result the slot that receives the result, or {@code null}
 * @param label why the step is there ({@code "mounts[2]"}, {@code "sync: wait for uid maps"}), or {@code null}
 */
public record Step(String call, int nr, List<Arg> args, int tolerate, int skip, Long expect, Slot result, String label) {
    /**
     * The one step that is not a system call: the trampoline closes every fd from {@code args[2]} up
     * except the sorted list {@code args[0]} (of {@code args[1]} entries), with {@code close_range} over
     * the gaps. Its {@link #call()} is {@code "close_range"}, which it fails as.
     */
    public static final int CLOSE_OTHER_FDS = -1;
    /** The other pseudo-step: stores the low 32 bits of {@code args[1]} at the address {@code args[0]}. */
    public static final int POKE32 = -2;
    /**
     * A builder-only marker for {@link PlanBuilder#execveThroughShim}: {@link PlanBuilder#build()} turns it
     * into the steps that exec the payload through the exec shim; it never reaches the trampoline.
     */
    static final int EXEC_SHIM = -3;

    public Step {
        args = List.copyOf(args);
        if (args.size() > 6) {
            throw new IllegalArgumentException(call + ": a system call takes at most 6 arguments");
        }
        if (nr < 0 && nr != CLOSE_OTHER_FDS && nr != POKE32 && nr != EXEC_SHIM) {
            throw new IllegalArgumentException("no system call " + call + " on this architecture");
        }
        if (skip < 0 || skip > 255) {
            throw new IllegalArgumentException("skip must be 0..255, not " + skip);
        }
    }

    /** The call as strace prints it: {@code mkdirat(AT_FDCWD, "/x", 0755)}. */
    public String callText() {
        if (nr == POKE32) {
            return "*(int *) " + args.get(0).render() + " = " + args.get(1).render();
        }
        if (nr == CLOSE_OTHER_FDS) {
            return "close_range(" + args.get(2).render() + ", ~0, 0) except " + args.get(0).render();
        }
        StringBuilder sb = new StringBuilder(call).append('(');
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(args.get(i).render());
        }
        return sb.append(')').toString();
    }

    /** The call with its conditions: result slot, exact result, tolerated errno, label. */
    public String render() {
        StringBuilder sb = new StringBuilder(callText());
        if (expect != null) {
            sb.append(" = ").append(expect);
        }
        if (result != null) {
            sb.append(" -> ").append(result);
        }
        if (tolerate != 0) {
            sb.append(" [").append(Errno.name(tolerate)).append(" ok").append(skip > 0 ? ", then skip " + skip : "")
                    .append(']');
        }
        if (label != null) {
            sb.append("  # ").append(label);
        }
        return sb.toString();
    }

    Step withTolerate(int errno, int skipNext) {
        return new Step(call, nr, args, errno, skipNext, expect, result, label);
    }

    Step withExpect(long value) {
        return new Step(call, nr, args, tolerate, skip, value, result, label);
    }

    Step withResult(Slot slot) {
        return new Step(call, nr, args, tolerate, skip, expect, slot, label);
    }

    Step withLabel(String text) {
        return new Step(call, nr, args, tolerate, skip, expect, result, text);
    }
}
