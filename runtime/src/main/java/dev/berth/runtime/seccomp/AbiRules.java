package dev.berth.runtime.seccomp;

import dev.berth.syscall.AuditArch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rules of a filter for one ABI: per system call number either one unconditional action or an
 * {@link ArgTree}. Rules are added in profile order with libseccomp's rules for a system call that already has
 * some: the first unconditional rule stands and later ones are dropped; an unconditional rule replaces the
 * conditional ones before it; conditional rules merge into the tree.
 *
 * <p>On i386 the socket and SysV IPC calls also exist multiplexed through {@code socketcall(2)} and {@code ipc(2)},
 * which older programs use: as libseccomp does, a rule for {@code socket} is also added for {@code socketcall}
 * with {@code arg0 == SYS_SOCKET} (the call number replacing any condition on {@code arg0}, whose other
 * arguments the filter cannot see), before the rule for the direct call.
 */
final class AbiRules {
    /** What a system call gets: {@code tree == null} means {@code action} unconditionally. */
    static final class Entry {
        Action action;
        ArgTree.Level tree;

        Entry(Action action, ArgTree.Level tree) {
            this.action = action;
            this.tree = tree;
        }

        /** The verdict for these arguments, or {@code null} when no rule matches. */
        Action evaluate(long[] args) {
            return tree == null ? action : ArgTree.evaluate(tree, args);
        }
    }

    /** i386's {@code socketcall} and {@code ipc} call numbers ({@code <linux/net.h>} SYS_*, {@code <linux/ipc.h>}). */
    private static final Map<String, Integer> SOCKETCALL = numbered("socket bind connect listen accept getsockname "
            + "getpeername socketpair send recv sendto recvfrom shutdown setsockopt getsockopt sendmsg recvmsg accept4 "
            + "recvmmsg sendmmsg", 1);
    private static final Map<String, Integer> IPC = Map.ofEntries(Map.entry("semop", 1), Map.entry("semget", 2),
            Map.entry("semctl", 3), Map.entry("semtimedop", 4), Map.entry("msgsnd", 11), Map.entry("msgrcv", 12),
            Map.entry("msgget", 13), Map.entry("msgctl", 14), Map.entry("shmat", 21), Map.entry("shmdt", 22),
            Map.entry("shmget", 23), Map.entry("shmctl", 24));

    final AuditArch abi;
    final TreeMap<Integer, Entry> syscalls = new TreeMap<>(Integer::compareUnsigned);
    /**
     * Rules for calls this ABI lacks but another has: libseccomp keeps them in its database under a pseudo number
     * (except on i386) and so refuses conflicting ones there too; they never reach the program.
     */
    private final Map<String, Entry> phantoms = new java.util.HashMap<>();

    AbiRules(AuditArch abi) {
        this.abi = abi;
    }

    private static Map<String, Integer> numbered(String names, int first) {
        Map<String, Integer> m = new java.util.HashMap<>();
        int n = first;
        for (String s : names.split(" ")) {
            m.put(s, n++);
        }
        return Map.copyOf(m);
    }

    /** Whether i386 multiplexes {@code name} through {@code socketcall(2)} or {@code ipc(2)}. */
    static boolean multiplexed(String name) {
        return SOCKETCALL.containsKey(name) || IPC.containsKey(name);
    }

    /** Whether {@code name} means something on this ABI (a number, or a multiplexed call on i386). */
    boolean knows(String name) {
        return abi.syscall(name) >= 0 || (abi == AuditArch.I386 && (SOCKETCALL.containsKey(name) || IPC.containsKey(name)));
    }

    /**
     * Adds a rule for {@code name}, whose conditions are sorted by argument with at most one per argument; does
     * nothing when this ABI has no such call.
     */
    void add(String name, List<Cmp> conditions, Action action) throws ArgTree.Conflict {
        if (abi == AuditArch.I386) {
            Integer call = SOCKETCALL.get(name);
            String mux = "socketcall";
            if (call == null) {
                call = IPC.get(name);
                mux = "ipc";
            }
            if (call != null) {
                List<Cmp> muxed = new ArrayList<>();
                muxed.add(new Cmp(0, Cmp.Op.EQ, call, 0));
                for (Cmp c : conditions) {
                    if (c.index() != 0) {
                        muxed.add(c);
                    }
                }
                add(abi.syscall(mux), muxed, action);
            }
        }
        int nr = abi.syscall(name);
        if (nr >= 0) {
            add(syscalls, nr, conditions, action);
        } else if (abi != AuditArch.I386 && knownAnywhere(name)) {
            add(phantoms, name, conditions, action);
        }
    }

    private static boolean knownAnywhere(String name) {
        if (multiplexed(name)) {
            return true;
        }
        for (AuditArch a : AuditArch.values()) {
            if (a.syscall(name) >= 0) {
                return true;
            }
        }
        return false;
    }

    private void add(int nr, List<Cmp> conditions, Action action) throws ArgTree.Conflict {
        add(syscalls, nr, conditions, action);
    }

    private <K> void add(Map<K, Entry> into, K key, List<Cmp> conditions, Action action) throws ArgTree.Conflict {
        ArgTree.Level tree = ArgTree.chain(conditions, abi.args64(), action);
        Entry e = into.get(key);
        if (e == null) {
            into.put(key, new Entry(action, tree));
        } else if (e.tree == null) {
            // an unconditional rule came first: it stands
        } else if (tree == null) {
            e.tree = null;
            e.action = action;
        } else {
            ArgTree.merge(e.tree, tree);
        }
    }

    /** The verdict for system call {@code nr}, or {@code null} when no rule matches. */
    Action evaluate(int nr, long[] args) {
        Entry e = syscalls.get(nr);
        return e == null ? null : e.evaluate(args);
    }
}
