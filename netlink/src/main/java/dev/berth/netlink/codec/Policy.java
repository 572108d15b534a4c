package dev.berth.netlink.codec;

import java.util.Map;
import java.util.function.Supplier;

/**
 * How to read the attributes of one nest, in the spirit of the kernel's {@code struct nla_policy}: the
 * payload kind of each attribute id. Ids it does not list decode as {@link Attr.Unknown}.
 */
final class Policy {
    enum Kind { U8, U16, U32, U64, BE16, BE32, STR, BIN, FLAG, NESTED, PEER, MULTIPATH, BY_KIND }

    private static final int MAX = 128;

    private final Kind[] kinds = new Kind[MAX];
    private final Object[] children = new Object[MAX];
    final String name;

    /** For {@link Kind#BY_KIND}: per id, the ids of the sibling strings that select the child policy, first present wins. */
    private final int[][] selectors = new int[MAX][];
    /** Every id some {@link Kind#BY_KIND} attribute of this nest is selected by. */
    private final boolean[] isSelector = new boolean[MAX];

    private Policy(String name) {
        this.name = name;
    }

    static Policy named(String name) {
        return new Policy(name);
    }

    Policy put(Kind kind, int... ids) {
        for (int id : ids) {
            kinds[id] = kind;
        }
        return this;
    }

    Policy nested(int id, Supplier<Policy> child) {
        kinds[id] = Kind.NESTED;
        children[id] = child;
        return this;
    }

    Policy peer(int id, Supplier<Policy> child) {
        kinds[id] = Kind.PEER;
        children[id] = child;
        return this;
    }

    Policy multipath(int id, Supplier<Policy> child) {
        kinds[id] = Kind.MULTIPATH;
        children[id] = child;
        return this;
    }

    /**
     * {@code id}'s payload is a nest whose policy depends on the string value of a sibling: the first of
     * {@code selectorIds} present in the message (a bridge port's {@code IFLA_INFO_SLAVE_DATA} is named by
     * {@code IFLA_INFO_SLAVE_KIND} in the kernel's dumps but by {@code IFLA_INFO_KIND} in iproute2's requests).
     */
    Policy byKind(int id, Map<String, Supplier<Policy>> bySelector, int... selectorIds) {
        kinds[id] = Kind.BY_KIND;
        children[id] = bySelector;
        selectors[id] = selectorIds.clone();
        for (int s : selectorIds) {
            isSelector[s] = true;
        }
        return this;
    }

    Kind kind(int id) {
        return id < MAX ? kinds[id] : null;
    }

    @SuppressWarnings("unchecked")
    Policy child(int id) {
        return ((Supplier<Policy>) children[id]).get();
    }

    /** Whether the string attribute {@code id} selects the policy of a sibling. */
    boolean isSelector(int id) {
        return id < MAX && isSelector[id];
    }

    /** The ids whose values select {@code id}'s policy, in order of preference. */
    int[] selectors(int id) {
        return selectors[id];
    }

    @SuppressWarnings("unchecked")
    Policy child(int id, String selector) {
        Supplier<Policy> s = selector == null ? null : ((Map<String, Supplier<Policy>>) children[id]).get(selector);
        return s == null ? null : s.get();
    }
}
