package dev.berth.syscall.spawn;

import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;

/**
 * A step of a spawn plan failed in the child, which then exited without running the payload. The
 * message shows the step as strace would, its result, and where it was in the plan:
 * {@code mount("proc", "/x/rootfs/proc", "proc", MS_NOSUID|MS_NODEV|MS_NOEXEC, NULL) = -1 EPERM
 * (Operation not permitted) (step 7 of 31)}. A step that had to return an exact value and returned
 * another (a sync read that saw end of file) has {@link #errno()} 0 and shows the value.
 */
public class SpawnStepException extends ErrnoException {
    private static final long serialVersionUID = 1L;

    private final transient Step step;
    private final int index;
    private final int total;
    private final long result;

    SpawnStepException(Step step, int index, int total, long result) {
        this(null, step, index, total, result, null);
    }

    private SpawnStepException(String context, Step step, int index, int total, long result, Throwable cause) {
        super(context, result < 0 ? (int) -result : 0, step.call(), step.args().stream().map(Arg::render).toList(),
                cause);
        this.step = step;
        this.index = index;
        this.total = total;
        this.result = result;
    }

    /** The step that failed. */
    public Step step() {
        return step;
    }

    /** Its 1-based position in the plan. */
    public int stepNumber() {
        return index + 1;
    }

    /** The number of steps in the plan. */
    public int stepCount() {
        return total;
    }

    /** What the call returned: {@code -errno}, or the unexpected value. */
    public long result() {
        return result;
    }

    @Override
    public String callLine() {
        String call = step.callText();
        String outcome = result < 0 ? " = -1 " + Errno.name((int) -result) + " (" + Errno.message((int) -result) + ")"
                : " = " + result + " (expected " + step.expect() + (step.call().equals("read") && result == 0
                        ? ": the other end closed" : "") + ")";
        String where = " (step " + (index + 1) + " of " + total + (step.label() != null ? ": " + step.label() : "")
                + ")";
        return call + outcome + where;
    }

    @Override
    public SpawnStepException withContext(String context) {
        return new SpawnStepException(joinContext(context), step, index, total, result, this);
    }
}
