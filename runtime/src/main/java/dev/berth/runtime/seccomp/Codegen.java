package dev.berth.runtime.seccomp;

import static dev.berth.syscall.Seccomp.BPF_JEQ;
import static dev.berth.syscall.Seccomp.BPF_JGE;
import static dev.berth.syscall.Seccomp.BPF_JGT;
import static dev.berth.syscall.Seccomp.SECCOMP_DATA_ARCH;
import static dev.berth.syscall.Seccomp.SECCOMP_DATA_NR;
import static dev.berth.syscall.Seccomp.__X32_SYSCALL_BIT;

import dev.berth.runtime.seccomp.BpfWriter.Target;
import dev.berth.syscall.struct.SockFilter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays out the program for a {@link FilterModel}:
 *
 * <pre>
 *   ld [arch]; jeq AUDIT_ARCH_A, section A; jeq AUDIT_ARCH_B, section B; ...; ret bad-arch action
 *   section: ld [nr]; (x86_64 without x32: nr &gt;= __X32_SYSCALL_BIT is bad-arch, except -1)
 *            a binary search over the system call numbers, sorted and grouped into intervals of the same
 *            outcome: each leaf returns an action or enters a system call's argument checks
 *   argument checks: the ArgTree, each node "ld [word]; (and #mask;) jeq/jgt/jge #value"
 * </pre>
 *
 * So a system call costs O(log n) comparisons where libseccomp (without its optional binary tree) tests the
 * numbers one after another.
 */
final class Codegen {
    private final FilterModel model;
    private final BpfWriter w = new BpfWriter();
    private final Map<ArgTree.Level, Map<Target, Target>> levels = new IdentityHashMap<>();

    private Codegen(FilterModel model) {
        this.model = model;
    }

    static List<SockFilter> generate(FilterModel model) {
        return new Codegen(model).program();
    }

    private List<SockFilter> program() {
        Target badArch = Target.ret(model.badArch());
        List<Target> entries = new ArrayList<>();
        for (FilterModel.Section s : model.sections()) {
            entries.add(section(s));
        }
        Target next = badArch;
        for (int i = model.sections().size() - 1; i >= 0; i--) {
            next = Target.at(w.jump(BPF_JEQ, model.sections().get(i).auditArch(), entries.get(i), next));
        }
        w.load(SECCOMP_DATA_ARCH);
        return w.program();
    }

    /** One {@code AUDIT_ARCH_*} value's part; returns its entry. */
    private Target section(FilterModel.Section s) {
        Target deflt = Target.ret(model.defaultAction());
        // the outcome of every number with rules, in unsigned order; runs of the same outcome become intervals
        List<Long> starts = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        Map<Integer, Target> blocks = new HashMap<>();
        List<Integer> conditional = new ArrayList<>();
        s.syscalls().forEach((nr, e) -> {
            if (e.tree != null) {
                conditional.add(nr);
            }
        });
        // argument checks first (they end up after the search, in the same order)
        for (int i = conditional.size() - 1; i >= 0; i--) {
            int nr = conditional.get(i);
            blocks.put(nr, level(s.syscalls().get(nr).tree, deflt));
        }
        long at = 0;
        for (var e : s.syscalls().entrySet()) {
            long nr = Integer.toUnsignedLong(e.getKey());
            Target t = e.getValue().tree == null ? Target.ret(e.getValue().action) : blocks.get(e.getKey());
            if (nr > at) {
                append(starts, targets, at, deflt);
            }
            append(starts, targets, nr, t);
            at = nr + 1;
        }
        if (at <= 0xFFFF_FFFFL) {
            append(starts, targets, at, deflt);
        }
        Target search = search(starts, targets, 0, starts.size());
        if (s.x32Filter()) {
            // x86_64 alone: an x32 number is a bad ABI, except -1, which a tracer uses to skip a call
            Target high = Target.at(w.jump(BPF_JEQ, -1, deflt, Target.ret(model.badArch())));
            search = Target.at(w.jump(BPF_JGE, __X32_SYSCALL_BIT, high, search));
        } else if (search.ret()) {
            return search;
        }
        w.jumpTo(search);
        return Target.at(w.load(SECCOMP_DATA_NR));
    }

    private static void append(List<Long> starts, List<Target> targets, long start, Target t) {
        if (!targets.isEmpty() && targets.getLast().equals(t)) {
            return;
        }
        starts.add(start);
        targets.add(t);
    }

    /** A binary search over intervals {@code [from, to)}; the accumulator holds the number. */
    private Target search(List<Long> starts, List<Target> targets, int from, int to) {
        if (to - from == 1) {
            return targets.get(from);
        }
        int mid = (from + to) >>> 1;
        Target right = search(starts, targets, mid, to);
        Target left = search(starts, targets, from, mid);
        return Target.at(w.jump(BPF_JGE, (int) (long) starts.get(mid), right, left));
    }

    /** A level of argument checks that goes on with {@code cont} when nothing on it decides. */
    private Target level(ArgTree.Level level, Target cont) {
        Map<Target, Target> byCont = levels.computeIfAbsent(level, l -> new HashMap<>());
        Target done = byCont.get(cont);
        if (done != null) {
            return done;
        }
        Target next = cont;
        NodeCode nextCode = null;
        for (int i = level.nodes.size() - 1; i >= 0; i--) {
            nextCode = node(level.nodes.get(i), next, nextCode);
            next = nextCode.entry();
        }
        byCont.put(cont, next);
        return next;
    }

    /**
     * Where a node's code can be entered: at its load, or (when the accumulator already holds the word, or the
     * word masked the same way) after it. {@code offset} is -1 for a node that needed no code.
     */
    private record NodeCode(Target entry, int offset, int mask, Target afterLoad, Target afterMask) {
        /** Where to go from a node that left {@code offset & mask} in the accumulator. */
        Target from(int fromOffset, int fromMask) {
            if (offset < 0 || fromOffset != offset) {
                return entry;
            }
            if (fromMask == mask) {
                return afterMask;
            }
            return fromMask == -1 ? afterLoad : entry;
        }
    }

    /**
     * One node; {@code next} is where it goes on when it does not decide, {@code nextCode} the code of the
     * sibling that starts there (or {@code null}), whose load it may skip.
     */
    private NodeCode node(ArgTree.Node n, Target next, NodeCode nextCode) {
        Target onTrue = n.nextTrue != null ? level(n.nextTrue, next) : n.actTrue != null ? Target.ret(n.actTrue) : next;
        Target onFalse = n.nextFalse != null ? level(n.nextFalse, next)
                : n.actFalse != null ? Target.ret(n.actFalse) : next;
        if (n.mask == 0) {
            // a MASKED_EQ half with nothing to compare (0 == 0): no code, go where the test always goes
            Target always = switch (n.test) {
                case EQ, GE -> onTrue;
                case GT -> onFalse;
            };
            return new NodeCode(always, -1, 0, always, always);
        }
        // straight on to a sibling that tests the same word: the accumulator already holds it
        if (nextCode != null) {
            Target shortcut = nextCode.from(n.offset(), n.mask);
            if (onTrue.equals(next)) {
                onTrue = shortcut;
            }
            if (onFalse.equals(next)) {
                onFalse = shortcut;
            }
        }
        int op = switch (n.test) {
            case EQ -> BPF_JEQ;
            case GT -> BPF_JGT;
            case GE -> BPF_JGE;
        };
        Target afterMask = Target.at(w.jump(op, n.datum, onTrue, onFalse));
        Target afterLoad = n.mask != -1 ? Target.at(w.and(n.mask)) : afterMask;
        return new NodeCode(Target.at(w.load(n.offset())), n.offset(), n.mask, afterLoad, afterMask);
    }
}
