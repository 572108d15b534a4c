package dev.berth.runtime.seccomp;

import dev.berth.syscall.Arch;
import dev.berth.syscall.Seccomp;
import dev.berth.syscall.struct.SockFilter;
import java.util.List;

/**
 * A compiled {@code linux.seccomp}: the classic BPF program and the {@code seccomp(2)} flags to install it with,
 * {@code seccomp(SECCOMP_SET_MODE_FILTER, flags(), program)} (see {@code PlanBuilder.seccomp}).
 */
public final class SeccompProgram {
    private final Arch target;
    private final List<SockFilter> instructions;
    private final int flags;
    private final String listenerPath;
    private final String listenerMetadata;
    private final List<String> notes;
    private final FilterModel model;

    SeccompProgram(Arch target, List<SockFilter> instructions, int flags, String listenerPath, String listenerMetadata,
            List<String> notes, FilterModel model) {
        this.target = target;
        this.instructions = List.copyOf(instructions);
        this.flags = flags;
        this.listenerPath = listenerPath;
        this.listenerMetadata = listenerMetadata;
        this.notes = List.copyOf(notes);
        this.model = model;
    }

    /** The architecture whose kernel the program is for. */
    public Arch target() {
        return target;
    }

    /** The program, at most {@link Seccomp#BPF_MAXINSNS} instructions, ending in {@code ret}. */
    public List<SockFilter> instructions() {
        return instructions;
    }

    /**
     * {@code SECCOMP_FILTER_FLAG_*} for {@code seccomp(2)}: {@code NEW_LISTENER} when a rule notifies, and
     * {@code LOG}, {@code SPEC_ALLOW}, {@code WAIT_KILLABLE_RECV} from the profile's {@code flags}.
     */
    public int flags() {
        return flags;
    }

    /**
     * Whether installing returns a listener fd ({@code SECCOMP_FILTER_FLAG_NEW_LISTENER}) that must reach
     * {@link #listenerPath()} (see {@link SeccompListener}).
     */
    public boolean newListener() {
        return (flags & Seccomp.SECCOMP_FILTER_FLAG_NEW_LISTENER) != 0;
    }

    /** {@code listenerPath}: the unix socket that gets the listener fd, or {@code null}. */
    public String listenerPath() {
        return listenerPath;
    }

    /** {@code listenerMetadata}, sent along with the listener fd, or {@code null}. */
    public String listenerMetadata() {
        return listenerMetadata;
    }

    /** What was left out and why (names unknown on an ABI, architectures this kernel cannot run), for --debug. */
    public List<String> notes() {
        return notes;
    }

    /** The reference meaning of the program, for tests. */
    FilterModel model() {
        return model;
    }

    /** The program as {@code seccomp-tools dump} would show it, one instruction a line. */
    public String render() {
        return BpfRenderer.render(instructions);
    }

    @Override
    public String toString() {
        return "seccomp program for " + target.kernelName() + ": " + instructions.size() + " instructions, flags "
                + Integer.toHexString(flags);
    }
}
