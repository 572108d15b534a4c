package dev.berth.syscall.spawn;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.berth.syscall.Arch;
import dev.berth.syscall.struct.CloneArgs;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * A plan written into native memory in the layout the trampoline reads ({@code trampoline-*.S}):
 * a header, then one 80-byte record per step. The block also holds the slots, {@code clone_args},
 * the child's stack and everything the arguments point to.
 */
final class NativePlan {
    // Header, must match PLAN_* in the trampoline sources.
    static final long PLAN_NSTEPS = 0;
    static final long PLAN_CLONE_ARGS = 8;
    static final long PLAN_CLONE_SIZE = 16;
    static final long PLAN_SLOTS = 24;
    static final long PLAN_ALL_MASK = 32;
    static final long PLAN_NR_SIGMASK = 40;
    static final long PLAN_NR_CLONE3 = 48;
    static final long PLAN_NR_WRITE = 56;
    static final long PLAN_NR_EXIT = 64;
    static final long PLAN_ERR_STEP = 72;
    static final long PLAN_ERR_RESULT = 80;
    static final long PLAN_NR_CLOSE_RANGE = 88;
    static final long PLAN_STEPS = 96;
    // Step records, must match STEP_*.
    static final long STEP_NR = 0;
    static final long STEP_ARGS = 8;
    static final long STEP_SRC = 56;
    static final long STEP_DST = 62;
    static final long STEP_FLAGS = 63;
    static final long STEP_TOLERATE = 64;
    static final long STEP_SKIP = 68;
    static final long STEP_EXPECT = 72;
    static final long STEP_SIZE = 80;

    static final byte NO_SLOT = (byte) 0xff;
    /** The child never uses its stack (all work is in registers and this block); a page suffices. */
    static final long STACK_SIZE = 4096;

    private static final Arch ARCH = Arch.current();
    private static final int NR_SIGMASK = ARCH.syscall("rt_sigprocmask");
    private static final int NR_CLONE3 = ARCH.syscall("clone3");
    private static final int NR_CLONE = ARCH.syscall("clone");
    private static final int NR_WRITE = ARCH.syscall("write");
    private static final int NR_EXIT_GROUP = ARCH.syscall("exit_group");
    private static final int NR_CLOSE_RANGE = ARCH.syscall("close_range");

    final NativeBlock block;
    final MemorySegment header;
    final MemorySegment pidfd;
    /** Fds made for this spawn (exec shim memfds) that the parent closes once the child is cloned. */
    final int[] parentFds;

    private NativePlan(NativeBlock block, MemorySegment header, MemorySegment pidfd, int[] parentFds) {
        this.block = block;
        this.header = header;
        this.pidfd = pidfd;
        this.parentFds = parentFds;
    }

    /** Writes {@code plan} with the error pipe's write end {@code errFd}, for {@code clone3}. */
    static NativePlan write(SpawnPlan plan, int errFd) throws dev.berth.syscall.ErrnoException {
        return write(plan, errFd, false);
    }

    /**
     * With {@code legacyClone}, the header makes the trampoline call {@code clone(2)} instead of
     * {@code clone3}: its {@code clone_args} word holds the flags and exit signal, its size word the stack's
     * top, which are {@code clone}'s first two arguments on x86_64 and aarch64 alike. The flags then lack
     * {@code CLONE_PIDFD} (the parent gets the pidfd from {@code pidfd_open}) and {@code CLONE_CLEAR_SIGHAND}
     * (the plan must reset the handlers itself: {@link Spawner} adds the steps); see {@link #fitsLegacyClone}.
     */
    static NativePlan write(SpawnPlan plan, int errFd, boolean legacyClone) throws dev.berth.syscall.ErrnoException {
        NativeBlock block = new NativeBlock();
        java.util.IdentityHashMap<Arg.ShimElf, Integer> shims = new java.util.IdentityHashMap<>();
        try {
            for (Step step : plan.steps()) {
                for (Arg a : step.args()) {
                    if (a instanceof Arg.ShimElf shim && !shims.containsKey(shim)) {
                        shims.put(shim, ExecShim.memfd(shim.elf()));
                    }
                }
            }
            int[] extra = shims.values().stream().mapToInt(Integer::intValue).toArray();
            List<Step> steps = plan.steps();
            MemorySegment h = block.allocate(PLAN_STEPS + STEP_SIZE * steps.size(), 16);
            MemorySegment slots = block.allocate(8L * (Slot.ERR + 1), 8);
            slots.set(JAVA_LONG, 8L * Slot.ERR, errFd);
            MemorySegment stack = block.allocate(STACK_SIZE, 16);
            MemorySegment pidfd = block.allocate(JAVA_INT);
            pidfd.set(JAVA_INT, 0, -1);
            MemorySegment cloneArgs = new CloneArgs(plan.allCloneFlags(), pidfd.address(), 0, 0, plan.exitSignal(),
                    stack.address(), STACK_SIZE, 0, 0, 0, Math.max(plan.cgroupFd(), 0)).allocate(block);

            h.set(JAVA_LONG, PLAN_NSTEPS, steps.size());
            if (legacyClone) {
                long flags = plan.allCloneFlags() & ~(dev.berth.syscall.Clone.CLONE_PIDFD
                        | dev.berth.syscall.Clone.CLONE_CLEAR_SIGHAND);
                h.set(JAVA_LONG, PLAN_CLONE_ARGS, flags | plan.exitSignal());
                h.set(JAVA_LONG, PLAN_CLONE_SIZE, stack.address() + STACK_SIZE);
            } else {
                h.set(JAVA_LONG, PLAN_CLONE_ARGS, cloneArgs.address());
                h.set(JAVA_LONG, PLAN_CLONE_SIZE, CloneArgs.LAYOUT.byteSize());
            }
            h.set(JAVA_LONG, PLAN_SLOTS, slots.address());
            h.set(JAVA_LONG, PLAN_ALL_MASK, -1L);
            h.set(JAVA_LONG, PLAN_NR_SIGMASK, NR_SIGMASK);
            h.set(JAVA_LONG, PLAN_NR_CLONE3, legacyClone ? NR_CLONE : NR_CLONE3);
            h.set(JAVA_LONG, PLAN_NR_WRITE, NR_WRITE);
            h.set(JAVA_LONG, PLAN_NR_EXIT, NR_EXIT_GROUP);
            h.set(JAVA_LONG, PLAN_NR_CLOSE_RANGE, NR_CLOSE_RANGE);
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                if (step.nr() == Step.CLOSE_OTHER_FDS) {
                    step = keepErrorPipe(step, errFd, extra);
                }
                writeStep(h.asSlice(PLAN_STEPS + STEP_SIZE * i, STEP_SIZE), step, block, shims);
            }
            return new NativePlan(block, h, pidfd, extra);
        } catch (RuntimeException | Error e) {
            block.free();
            for (int fd : shims.values()) {
                Spawner.closeQuietly(fd);
            }
            throw e;
        }
    }

    /**
     * Whether {@code plan} can run through {@code clone(2)}: no {@code CLONE_INTO_CGROUP} and no flag above
     * 32 bits other than {@code CLONE_CLEAR_SIGHAND}, and no {@code CLONE_NEWTIME}, whose bit {@code clone}
     * reads as part of the exit signal.
     */
    static boolean fitsLegacyClone(SpawnPlan plan) {
        long flags = plan.allCloneFlags() & ~dev.berth.syscall.Clone.CLONE_CLEAR_SIGHAND;
        return plan.cgroupFd() < 0 && (flags & ~0xffff_ffffL) == 0 && (flags & dev.berth.syscall.Clone.CSIGNAL) == 0;
    }

    /** The close-other-fds step with the error pipe and {@code extra} added to the fds it keeps. */
    private static Step keepErrorPipe(Step step, int errFd, int[] extra) {
        Arg.Kept kept = (Arg.Kept) step.args().get(0);
        int[] fds = java.util.Arrays.copyOf(kept.fds(), kept.fds().length + 1 + extra.length);
        fds[kept.fds().length] = errFd;
        System.arraycopy(extra, 0, fds, kept.fds().length + 1, extra.length);
        java.util.Arrays.sort(fds);
        List<Arg> args = new java.util.ArrayList<>(step.args());
        args.set(0, new Arg.Kept(fds));
        args.set(1, Arg.dec(fds.length));
        return new Step(step.call(), step.nr(), args, step.tolerate(), step.skip(), step.expect(), step.result(),
                step.label());
    }

    private static void writeStep(MemorySegment s, Step step, NativeBlock block,
            java.util.Map<Arg.ShimElf, Integer> shims) {
        s.set(JAVA_LONG, STEP_NR, step.nr());
        for (int i = 0; i < 6; i++) {
            byte src = NO_SLOT;
            long value = 0;
            if (i < step.args().size()) {
                Arg a = step.args().get(i);
                if (a instanceof Arg.FromSlot fs) {
                    src = (byte) fs.slot().index();
                } else if (a instanceof Arg.ShimElf shim) {
                    value = shims.get(shim);
                } else {
                    value = a.materialize(block);
                }
            }
            s.set(JAVA_LONG, STEP_ARGS + 8L * i, value);
            s.set(JAVA_BYTE, STEP_SRC + i, src);
        }
        s.set(JAVA_BYTE, STEP_DST, step.result() == null ? NO_SLOT : (byte) step.result().index());
        s.set(JAVA_BYTE, STEP_FLAGS, (byte) (step.expect() == null ? 0 : 1));
        s.set(JAVA_INT, STEP_TOLERATE, step.tolerate());
        s.set(JAVA_BYTE, STEP_SKIP, (byte) step.skip());
        s.set(JAVA_LONG, STEP_EXPECT, step.expect() == null ? 0 : step.expect());
    }
}
