package dev.berth.syscall.spawn;

import dev.berth.syscall.Clone;
import dev.berth.syscall.Signal;
import java.util.List;

/**
 * An immutable description of a child process's work before it becomes the payload: the
 * {@code clone3(2)} flags, and the system calls the child makes, in order, through the trampoline.
 * No Java code runs in the child (DESIGN.md, "The spawn engine"). Build one with {@link #builder()},
 * run it with {@link Spawner#spawn(SpawnPlan)}, print it with {@link #render()}.
 *
 * @param cloneFlags {@code clone_args.flags} besides the ones every spawn uses
 *     ({@code CLONE_VM|CLONE_CLEAR_SIGHAND|CLONE_PIDFD}): namespace flags, mostly
 * @param cgroupFd a cgroup v2 directory fd for {@code CLONE_INTO_CGROUP}, or -1
 * @param exitSignal the signal the parent gets when the child ends ({@code SIGCHLD})
 * @param ownMemory clone without {@code CLONE_VM}: the child gets a copy of the parent's memory, as after
 *     {@code fork}. Slower, but a single-threaded process of its own, which some calls require before exec
 *     ({@code setns} into a time namespace refuses a child sharing the JVM's memory with {@code EUSERS})
 * @param steps every step, prologue and epilogue included
 */
public record SpawnPlan(long cloneFlags, int cgroupFd, int exitSignal, boolean ownMemory, List<Step> steps) {
    /** Flags every spawn uses. */
    public static final long BASE_FLAGS = Clone.CLONE_VM | Clone.CLONE_CLEAR_SIGHAND | Clone.CLONE_PIDFD;

    public SpawnPlan {
        steps = List.copyOf(steps);
        if ((cloneFlags & (Clone.CLONE_VFORK | Clone.CLONE_THREAD | Clone.CLONE_SIGHAND | Clone.CLONE_FILES
                | Clone.CLONE_FS | Clone.CSIGNAL)) != 0) {
            throw new IllegalArgumentException("clone flags not allowed in a spawn plan: " + Clone.format(cloneFlags));
        }
    }

    /** A new builder. */
    public static PlanBuilder builder() {
        return new PlanBuilder();
    }

    /** All flags given to {@code clone3}. */
    public long allCloneFlags() {
        long base = ownMemory ? BASE_FLAGS & ~Clone.CLONE_VM : BASE_FLAGS;
        return base | cloneFlags | (cgroupFd >= 0 ? Clone.CLONE_INTO_CGROUP : 0);
    }

    /** The plan as strace would show the child's calls, one numbered line per step. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("clone3({flags=").append(Clone.format(allCloneFlags())).append(", exit_signal=")
                .append(Signal.name(exitSignal));
        if (cgroupFd >= 0) {
            sb.append(", cgroup=").append(cgroupFd);
        }
        sb.append("}, 88)\n");
        int width = Integer.toString(steps.size()).length();
        for (int i = 0; i < steps.size(); i++) {
            sb.append(String.format("%" + width + "d ", i + 1)).append(steps.get(i).render()).append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
