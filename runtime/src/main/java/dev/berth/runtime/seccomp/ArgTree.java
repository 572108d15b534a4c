package dev.berth.runtime.seccomp;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The argument checks of one system call on one ABI, merged from all its conditional rules into a decision
 * tree with the semantics of libseccomp's filter database, because users' profiles were written (and tested)
 * against runc and crun, which use libseccomp. What those semantics are, observed from libseccomp 2.5:
 *
 * <ul>
 *   <li>Each condition becomes 32-bit word tests ("nodes"): on a 64-bit ABI a high-word and a low-word test
 *       (three for {@code LT LE GE GT}: high {@code >}, high {@code ==}, low {@code >}/{@code >=}); on a 32-bit ABI
 *       one low-word test. {@code NE LT LE} are the negation of {@code EQ GE GT} with the verdict on the false
 *       branch. Conditions are chained in argument order (AND).</li>
 *   <li>Rules are merged into levels of sibling nodes. Equal nodes (same word, operator, value and mask) are
 *       shared; different ones are kept sorted: higher argument first, high word before low, {@code EQ}-like before
 *       {@code LT}-like before {@code GT}-like, then by value. This order, not the order of the rules, decides
 *       which of two rules with different actions wins where both match.</li>
 *   <li>Evaluating a level tries its nodes in order: a node whose branch ends in an action returns it; a branch
 *       into a deeper level that matches nothing, or a branch with nothing, goes on with the next sibling; a
 *       level that matches nothing falls back to its parent's next sibling, and at the top to the default
 *       action.</li>
 *   <li>A shorter rule meeting a longer one at the same node: the shorter one's action stands where it applies.
 *       Two rules that end in the same node with different actions, or a shorter rule over a longer one with a
 *       different action, are refused ({@code EEXIST} in libseccomp, so runc and crun refuse the container):
 *       {@link Conflict}.</li>
 * </ul>
 *
 * <p>Not mimicked: libseccomp's pruning of redundant sub-trees (an optimisation that changes no verdict).
 */
final class ArgTree {
    /** A node's test on the accumulator: {@code (word & mask) op datum}. */
    enum Test { EQ, GT, GE }

    /** One 32-bit test. */
    static final class Node {
        final int arg;
        final boolean hi;
        final Test test;
        /** Whether the comparison came from MASKED_EQ (libseccomp keeps those apart from plain EQ nodes). */
        final boolean masked;
        /** libseccomp's sort rank of the original operator: 3 for EQ NE MASKED_EQ, 2 for LT LE, 1 for GE GT. */
        final int opRank;
        final boolean lessThan;
        final int datum;
        final int mask;
        final long datumFull;
        Level nextTrue;
        Level nextFalse;
        Action actTrue;
        Action actFalse;

        Node(int arg, boolean hi, Test test, Cmp.Op orig, int datum, int mask, long datumFull) {
            this.arg = arg;
            this.hi = hi;
            this.test = test;
            this.masked = orig == Cmp.Op.MASKED_EQ;
            this.opRank = switch (orig) {
                case EQ, NE, MASKED_EQ -> 3;
                case LT, LE -> 2;
                case GE, GT -> 1;
            };
            this.lessThan = orig == Cmp.Op.LT || orig == Cmp.Op.LE;
            this.mask = mask;
            this.datum = datum & mask;
            this.datumFull = datumFull;
        }

        /** Offset of the tested word in {@code struct seccomp_data} (little-endian ABIs only). */
        int offset() {
            return 16 + 8 * arg + (hi ? 4 : 0);
        }

        boolean leaf() {
            return nextTrue == null && nextFalse == null;
        }

        boolean sameTest(Node o) {
            return rank() == o.rank() && test == o.test && masked == o.masked && datum == o.datum && mask == o.mask;
        }

        private int rank() {
            return (arg << 1) + (hi ? 1 : 0);
        }

        /**
         * Whether this node goes before {@code x} on a level: libseccomp keeps levels in descending order of its
         * {@code _db_chain_lt}, which this is with {@code x} on the left.
         */
        boolean before(Node x) {
            if (x.rank() != rank()) {
                return x.rank() < rank();
            }
            if (x.opRank != opRank) {
                return x.opRank < opRank;
            }
            // among LT/LE the smaller value first, otherwise the larger
            return x.lessThan ? Integer.compareUnsigned(x.datum, datum) > 0 : Integer.compareUnsigned(x.datum, datum) < 0;
        }

        boolean evaluate(long[] args) {
            int word = (int) (hi ? args[arg] >>> 32 : args[arg]) & mask;
            return switch (test) {
                case EQ -> word == datum;
                case GT -> Integer.compareUnsigned(word, datum) > 0;
                case GE -> Integer.compareUnsigned(word, datum) >= 0;
            };
        }
    }

    /** Sibling nodes, tried in order. */
    static final class Level {
        final List<Node> nodes = new ArrayList<>(2);

        Level(Node first) {
            nodes.add(first);
        }
    }

    /** Two rules that libseccomp refuses to combine. */
    static final class Conflict extends Exception {
        private static final long serialVersionUID = 1L;

        Conflict(String message) {
            super(message, null, false, false);
        }
    }

    private ArgTree() {}

    /**
     * The chain of one rule's conditions (already sorted by argument, one per argument) on an ABI with 64-bit
     * ({@code args64}) or 32-bit arguments, ending in {@code action}; {@code null} when no condition is left
     * (a {@code MASKED_EQ} with a zero mask always holds).
     */
    static Level chain(List<Cmp> conditions, boolean args64, Action action) {
        Level head = null;
        List<Branch> accept = new ArrayList<>();
        for (Cmp c : conditions) {
            long mask = c.mask();
            long datum = c.datum();
            boolean needLo = !(c.op() == Cmp.Op.MASKED_EQ && (int) mask == 0);
            boolean needHi = !(c.op() == Cmp.Op.MASKED_EQ && (int) (mask >>> 32) == 0);
            List<Branch> next = new ArrayList<>();
            Node first;
            if (!args64) {
                if (!needLo) {
                    continue;
                }
                Test t = switch (c.op()) {
                    case NE, EQ, MASKED_EQ -> Test.EQ;
                    case LT, GE -> Test.GE;
                    case LE, GT -> Test.GT;
                };
                first = new Node(c.index(), false, t, c.op(), (int) datum, (int) mask, c.value());
                boolean onTrue = !(c.op() == Cmp.Op.NE || c.op() == Cmp.Op.LT || c.op() == Cmp.Op.LE);
                next.add(new Branch(first, onTrue));
            } else {
                if (!needLo && !needHi) {
                    continue;
                }
                int hiMask = (int) (mask >>> 32);
                int loMask = (int) mask;
                int hiDatum = (int) (datum >>> 32);
                int loDatum = (int) datum;
                switch (c.op()) {
                    case GT, GE, LE, LT -> {
                        Node n0 = new Node(c.index(), true, Test.GT, c.op(), hiDatum, hiMask, datum);
                        Node n1 = new Node(c.index(), true, Test.EQ, c.op(), hiDatum, hiMask, datum);
                        Test low = c.op() == Cmp.Op.GT || c.op() == Cmp.Op.LE ? Test.GT : Test.GE;
                        Node n2 = new Node(c.index(), false, low, c.op(), loDatum, loMask, datum);
                        n0.nextFalse = new Level(n1);
                        n1.nextTrue = new Level(n2);
                        first = n0;
                        if (c.op() == Cmp.Op.GT || c.op() == Cmp.Op.GE) {
                            next.add(new Branch(n0, true));
                            next.add(new Branch(n2, true));
                        } else {
                            next.add(new Branch(n1, false));
                            next.add(new Branch(n2, false));
                        }
                    }
                    default -> {
                        Test t = Test.EQ;
                        Node n0 = new Node(c.index(), true, t, c.op(), hiDatum, hiMask, datum);
                        Node n1 = new Node(c.index(), false, t, c.op(), loDatum, loMask, datum);
                        n0.nextTrue = new Level(n1);
                        first = n0;
                        if (c.op() == Cmp.Op.NE) {
                            next.add(new Branch(n0, false));
                            next.add(new Branch(n1, false));
                        } else {
                            next.add(new Branch(n1, true));
                        }
                    }
                }
            }
            Level level = new Level(first);
            if (head == null) {
                head = level;
            } else {
                for (Branch b : accept) {
                    b.link(level);
                }
            }
            accept = next;
        }
        for (Branch b : accept) {
            b.finish(action);
        }
        return head;
    }

    /** One way out of a condition that means "it holds". */
    private record Branch(Node node, boolean onTrue) {
        void link(Level level) {
            if (onTrue) {
                node.nextTrue = level;
            } else {
                node.nextFalse = level;
            }
        }

        void finish(Action action) {
            if (onTrue) {
                node.actTrue = action;
            } else {
                node.actFalse = action;
            }
        }
    }

    /** Merges the one-node level {@code added} (a new rule's chain, or part of it) into {@code existing}. */
    static void merge(Level existing, Level added) throws Conflict {
        Node n = added.nodes.get(0);
        List<Node> nodes = existing.nodes;
        for (int i = 0; i < nodes.size(); i++) {
            Node x = nodes.get(i);
            if (x.sameTest(n)) {
                mergeNode(x, n);
                return;
            }
            if (n.before(x)) {
                nodes.add(i, n);
                return;
            }
        }
        nodes.add(n);
    }

    private static void mergeNode(Node x, Node n) throws Conflict {
        if (n.actTrue != null) {
            if (x.actTrue == null) {
                requireOnly(x.nextTrue, n.actTrue);
                x.nextTrue = null;
                x.actTrue = n.actTrue;
            } else if (!x.actTrue.equals(n.actTrue)) {
                // a 64-bit GT/GE on the same high word: the larger value's action wins above it
                if (n.hi && Long.compareUnsigned(n.datumFull, x.datumFull) > 0) {
                    x.actTrue = n.actTrue;
                }
                if (x.leaf() || n.leaf()) {
                    throw new Conflict("two rules end in the same test with " + x.actTrue + " and " + n.actTrue);
                }
            }
        }
        if (n.actFalse != null) {
            if (x.actFalse == null) {
                requireOnly(x.nextFalse, n.actFalse);
                x.nextFalse = null;
                x.actFalse = n.actFalse;
            } else if (!x.actFalse.equals(n.actFalse) && (x.leaf() || n.leaf())) {
                throw new Conflict("two rules end in the same test with " + x.actFalse + " and " + n.actFalse);
            }
        }
        if (n.nextTrue != null) {
            if (x.nextTrue != null) {
                merge(x.nextTrue, n.nextTrue);
            } else if (x.actTrue == null) {
                x.nextTrue = n.nextTrue;
            } else {
                return; // the existing rule is shorter: it decides here
            }
        }
        if (n.nextFalse != null) {
            if (x.nextFalse != null) {
                merge(x.nextFalse, n.nextFalse);
            } else if (x.actFalse == null) {
                x.nextFalse = n.nextFalse;
            }
        }
    }

    /** A shorter rule may replace a longer one only if the longer one could only give the same action. */
    private static void requireOnly(Level level, Action action) throws Conflict {
        if (level == null) {
            return;
        }
        for (Node n : level.nodes) {
            if ((n.actTrue != null && !n.actTrue.equals(action)) || (n.actFalse != null && !n.actFalse.equals(action))) {
                throw new Conflict("a rule with " + action + " would hide a longer one with "
                        + (n.actTrue != null && !n.actTrue.equals(action) ? n.actTrue : n.actFalse));
            }
            requireOnly(n.nextTrue, action);
            requireOnly(n.nextFalse, action);
        }
    }

    /** The action the tree gives for these arguments, or {@code null} when no rule matches. */
    static Action evaluate(Level level, long[] args) {
        for (Node n : level.nodes) {
            boolean t = n.evaluate(args);
            Level next = t ? n.nextTrue : n.nextFalse;
            Action act = t ? n.actTrue : n.actFalse;
            if (next != null) {
                Action a = evaluate(next, args);
                if (a != null) {
                    return a;
                }
            } else if (act != null) {
                return act;
            }
        }
        return null;
    }

    /** How many distinct nodes the tree has (for limits and tests). */
    static int size(Level level) {
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        count(level, seen);
        return seen.size();
    }

    private static void count(Level level, Map<Node, Boolean> seen) {
        if (level == null) {
            return;
        }
        for (Node n : level.nodes) {
            if (seen.put(n, Boolean.TRUE) == null) {
                count(n.nextTrue, seen);
                count(n.nextFalse, seen);
            }
        }
    }
}
