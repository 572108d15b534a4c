package dev.berth.runtime.cgroup;

import dev.berth.specs.Resources;
import dev.berth.syscall.Errno;
import dev.berth.syscall.Signal;
import dev.berth.syscall.Syscalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A container's cgroup, for the cgroupfs driver: one directory in every hierarchy the container joins
 * ({@link CgroupLayout#joined()}), v1, v2 or both on hybrid hosts. The runtime uses it as:
 *
 * <pre>{@code
 * Cgroup cg = Cgroup.create(CgroupLayout.detect(), linux.cgroupsPath(), id); // mkdir -p, remembers what it made
 * warnings = cg.apply(linux.resources());          // limits in place before the payload runs
 * int fd = cg.openUnifiedDirectory();              // -1 without cgroup v2; else plan.intoCgroup(fd), close after spawn
 * cg.place(pid);                                   // cgroup.procs everywhere (v1 needs it after clone; v2 is a no-op then)
 * state.save(cg.saved());                          // later verbs: Cgroup.load(layout, saved)
 * cg.freeze(...) / cg.thaw(...) / cg.stats() / cg.update(resources) / cg.pids() / cg.killAll(SIGKILL, ...)
 * cg.delete();                                     // rmdir of exactly what create made, innermost first
 * }</pre>
 *
 * <p>If {@code apply} or {@code place} fails during {@code create}, call {@link #delete()}: it removes
 * what was made and nothing else. Every failure is a {@link CgroupException} naming the file, the value
 * and the errno, or the spec field and why it is refused.
 */
public final class Cgroup {
    /** How long {@link #delete()} retries {@code EBUSY} (tasks that were killed still exiting). */
    private static final int RMDIR_TRIES = 12;

    private final CgroupHost host;
    private final CgroupLayout layout;
    private final Map<Hierarchy, String> dirs;
    private final List<String> created;

    private Cgroup(CgroupHost host, CgroupLayout layout, Map<Hierarchy, String> dirs, List<String> created) {
        this.host = host;
        this.layout = layout;
        this.dirs = Collections.unmodifiableMap(new LinkedHashMap<>(dirs));
        this.created = new ArrayList<>(created);
    }

    /**
     * The directories a cgroup is made of, to keep in the container's state between runtime processes.
     *
     * @param dirs the container's directory in each hierarchy it joined
     * @param created the directories {@link #create} made, parents first; {@link #delete()} removes these
     */
    public record Saved(List<String> dirs, List<String> created) {
        public Saved {
            dirs = List.copyOf(dirs);
            created = List.copyOf(created);
        }
    }

    /**
     * Makes the container's cgroup from {@code linux.cgroupsPath} (null: the container id, relative) in
     * every hierarchy: missing directories are created and remembered, new v1 cpusets get their parent's
     * {@code cpuset.cpus} and {@code cpuset.mems} (tasks cannot join an empty cpuset), and on the unified
     * hierarchy each ancestor enables the controllers it offers in {@code cgroup.subtree_control}, as runc
     * does (best effort; an ancestor that holds processes cannot). An existing leaf is joined only if it
     * has no processes. On failure, everything made so far is removed.
     */
    public static Cgroup create(CgroupLayout layout, String cgroupsPath, String id) throws CgroupException {
        return create(KernelHost.INSTANCE, layout, cgroupsPath, id);
    }

    static Cgroup create(CgroupHost host, CgroupLayout layout, String cgroupsPath, String id) throws CgroupException {
        Map<Hierarchy, String> dirs = CgroupPaths.resolve(layout, cgroupsPath, id);
        Cgroup cg = new Cgroup(host, layout, dirs, List.of());
        try {
            for (Map.Entry<Hierarchy, String> e : dirs.entrySet()) {
                cg.make(e.getKey(), e.getValue());
            }
        } catch (CgroupException e) {
            throw cg.deletedAfter(e);
        }
        return cg;
    }

    /** Removes the directories made, for a create that failed with {@code e}; returns {@code e}. */
    private CgroupException deletedAfter(CgroupException e) {
        try {
            delete();
        } catch (CgroupException undo) {
            e.addSuppressed(undo);
        }
        return e;
    }

    /**
     * {@link #create} then {@link #apply}: if applying fails, the directories made are removed before the
     * error is thrown, so a failed container create leaves no cgroup behind. Warnings go to {@code warn}.
     */
    public static Cgroup create(CgroupLayout layout, String cgroupsPath, String id, Resources resources,
            Consumer<String> warn) throws CgroupException {
        return create(KernelHost.INSTANCE, layout, cgroupsPath, id, resources, warn);
    }

    static Cgroup create(CgroupHost host, CgroupLayout layout, String cgroupsPath, String id, Resources resources,
            Consumer<String> warn) throws CgroupException {
        Cgroup cg = create(host, layout, cgroupsPath, id);
        try {
            cg.apply(resources).forEach(warn);
            return cg;
        } catch (CgroupException e) {
            throw cg.deletedAfter(e);
        }
    }

    private void make(Hierarchy h, String leaf) throws CgroupException {
        String rel = leaf.substring(h.mountPoint().length());
        String current = h.mountPoint();
        List<String> parts = new ArrayList<>();
        for (String p : rel.split("/")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        for (String part : parts) {
            if (h.unified()) {
                enableControllers(current);
            }
            String parent = current;
            current = CgroupPaths.join(current, part);
            if (mkdir(h, current)) {
                created.add(current);
                if (!h.unified() && h.has("cpuset")) {
                    inheritCpuset(parent, current);
                }
            } else if (current.equals(leaf)) {
                List<Integer> busy = procs(current);
                if (!busy.isEmpty()) {
                    throw new CgroupException("cgroup " + leaf + " already exists and has processes " + busy
                            + " (another container's cgroup?)");
                }
            }
        }
    }

    private boolean mkdir(Hierarchy h, String dir) throws CgroupException {
        try {
            return host.mkdir(dir);
        } catch (CgroupException e) {
            if (!e.is(Errno.EACCES) && !e.is(Errno.EPERM) && !e.is(Errno.EROFS)) {
                throw e;
            }
            throw new CgroupException(e.getMessage() + " (uid " + Syscalls.geteuid() + (h.unified()
                    ? ": a rootless container needs a cgroup v2 subtree delegated to its user)"
                    : ": cgroup v1 hierarchies cannot be delegated to a rootless user)"), e.errno(), e);
        }
    }

    /** Enables, one by one, each controller {@code dir} offers but has not enabled for its children. */
    private void enableControllers(String dir) throws CgroupException {
        String offered = host.readIfExists(CgroupPaths.join(dir, "cgroup.controllers"));
        String enabled = host.readIfExists(CgroupPaths.join(dir, "cgroup.subtree_control"));
        if (offered == null || enabled == null) {
            return;
        }
        List<String> on = List.of(enabled.trim().split("\\s+"));
        for (String c : offered.trim().split("\\s+")) {
            if (!c.isEmpty() && !on.contains(c)) {
                try {
                    host.write(CgroupPaths.join(dir, "cgroup.subtree_control"), "+" + c);
                } catch (CgroupException e) {
                    // Best effort as in runc: a cgroup with processes cannot delegate controllers
                    // (EBUSY), a rootless caller may not (EACCES); a limit that needs one fails later
                    // with the missing file named.
                }
            }
        }
    }

    private void inheritCpuset(String parent, String dir) throws CgroupException {
        for (String file : List.of("cpuset.cpus", "cpuset.mems")) {
            String mine = host.read(CgroupPaths.join(dir, file)).trim();
            if (mine.isEmpty()) {
                String theirs = host.read(CgroupPaths.join(parent, file)).trim();
                if (theirs.isEmpty()) {
                    throw new CgroupException("cannot initialise " + CgroupPaths.join(dir, file) + ": the parent's "
                            + CgroupPaths.join(parent, file) + " is empty too");
                }
                host.write(CgroupPaths.join(dir, file), theirs);
            }
        }
    }

    /** A cgroup another runtime process created, from its {@link #saved()} form. */
    public static Cgroup load(CgroupLayout layout, Saved saved) throws CgroupException {
        return load(KernelHost.INSTANCE, layout, saved);
    }

    static Cgroup load(CgroupHost host, CgroupLayout layout, Saved saved) throws CgroupException {
        Map<Hierarchy, String> dirs = new LinkedHashMap<>();
        for (String dir : saved.dirs()) {
            Hierarchy best = null;
            for (Hierarchy h : layout.hierarchies()) {
                boolean under = dir.equals(h.mountPoint()) || dir.startsWith(h.mountPoint() + "/");
                if (under && (best == null || h.mountPoint().length() > best.mountPoint().length())) {
                    best = h;
                }
            }
            if (best == null) {
                throw new CgroupException("saved cgroup " + dir + " is under no mounted cgroup hierarchy here");
            }
            dirs.put(best, dir);
        }
        return new Cgroup(host, layout, dirs, saved.created());
    }

    /** What to keep in the container's state to {@link #load} this cgroup later. */
    public Saved saved() {
        return new Saved(List.copyOf(dirs.values()), created);
    }

    /** The layout this cgroup was made in. */
    public CgroupLayout layout() {
        return layout;
    }

    /** The container's directory in each hierarchy, by {@link Hierarchy#label()}. */
    public Map<String, String> directories() {
        Map<String, String> out = new LinkedHashMap<>();
        dirs.forEach((h, d) -> out.put(h.label(), d));
        return out;
    }

    /** The container's directory in the hierarchy serving {@code controller}, or null. */
    public String directoryOf(String controller) {
        Hierarchy h = layout.hierarchyOf(controller);
        return h == null ? null : dirs.get(h);
    }

    /** The container's cgroup v2 directory, or null on v1-only hosts. */
    public String unifiedDirectory() {
        Hierarchy u = layout.unified();
        return u == null ? null : dirs.get(u);
    }

    /** The directories {@link #create} made (parents first): exactly what {@link #delete()} removes. */
    public List<String> createdDirectories() {
        return List.copyOf(created);
    }

    /**
     * Opens the container's cgroup v2 directory for {@code CLONE_INTO_CGROUP}
     * ({@code PlanBuilder.intoCgroup(fd)}, clone3(2)): the child starts inside it, never running a
     * moment outside its limits. Returns -1 without cgroup v2. The caller closes the fd after the spawn.
     */
    public int openUnifiedDirectory() throws CgroupException {
        String dir = unifiedDirectory();
        return dir == null ? -1 : host.openDirectory(dir);
    }

    /**
     * Moves process {@code pid} (all its threads) into the cgroup in every hierarchy by writing
     * {@code cgroup.procs}. Writing where it already is (the unified hierarchy after
     * {@code CLONE_INTO_CGROUP}) changes nothing. {@code EINVAL} for a task still being created is
     * retried briefly, as runc does.
     */
    public void place(int pid) throws CgroupException {
        for (Map.Entry<Hierarchy, String> e : dirs.entrySet()) {
            String file = CgroupPaths.join(e.getValue(), "cgroup.procs");
            for (int attempt = 1;; attempt++) {
                try {
                    host.write(file, Integer.toString(pid));
                    break;
                } catch (CgroupException ex) {
                    if (!ex.is(Errno.EINVAL) || attempt == 5) {
                        throw ex.withContext("placing process " + pid + " in its " + e.getKey().label() + " cgroup");
                    }
                    host.sleepMillis(30);
                }
            }
        }
    }

    /**
     * Applies {@code linux.resources} (see {@link ResourceWriter} for the rules; zero or absent values
     * are left alone). Returns warnings for settings the kernel does not honour, to be printed.
     */
    public List<String> apply(Resources resources) throws CgroupException {
        return ResourceWriter.apply(resources, new Target(host, layout, dirs, false));
    }

    /**
     * Applies a partial {@code Resources} ({@code update --resources}): zero or absent values leave the
     * current ones, {@code checkBeforeUpdate} is honoured, a v2 swap limit is converted against the
     * memory limit in force, and device rules are refused (update does not change them).
     */
    public List<String> update(Resources resources) throws CgroupException {
        return ResourceWriter.apply(resources, new Target(host, layout, dirs, true));
    }

    // ---- freezer ----------------------------------------------------------------------------------

    private record FreezerDir(String dir, boolean v2) {}

    /** The v1 freezer if mounted, else cgroup v2's {@code cgroup.freeze}; null if neither exists. */
    private FreezerDir freezerDir() {
        Hierarchy h = layout.hierarchyOf("freezer");
        if (h != null && !h.unified() && dirs.containsKey(h)) {
            return new FreezerDir(dirs.get(h), false);
        }
        String u = unifiedDirectory();
        if (u != null && host.exists(CgroupPaths.join(u, "cgroup.freeze"))) {
            return new FreezerDir(u, true);
        }
        return null;
    }

    private FreezerDir requireFreezer() throws CgroupException {
        FreezerDir f = freezerDir();
        if (f == null) {
            throw new CgroupException("no freezer for " + dirs.values() + ": neither a v1 freezer hierarchy nor"
                    + " cgroup.freeze (cgroup v2, Linux 5.2+) is available");
        }
        return f;
    }

    /** Stops every task ({@code pause}); waits up to {@code timeout} for all to stop, else thaws and fails. */
    public void freeze(Duration timeout) throws CgroupException {
        FreezerDir f = requireFreezer();
        Freezer.freeze(host, f.dir(), f.v2(), timeout);
    }

    /** Lets every task run again ({@code resume}). */
    public void thaw(Duration timeout) throws CgroupException {
        FreezerDir f = requireFreezer();
        Freezer.thaw(host, f.dir(), f.v2(), timeout);
    }

    /** The freezer state; {@link FreezerState#THAWED} when the host has no freezer. */
    public FreezerState freezerState() throws CgroupException {
        FreezerDir f = freezerDir();
        return f == null ? FreezerState.THAWED : Freezer.state(host, f.dir(), f.v2());
    }

    // ---- processes --------------------------------------------------------------------------------

    /**
     * Every process in the cgroup or in cgroups the container made below it, in any hierarchy, sorted
     * ({@code cgroup.procs}; {@code ps}).
     */
    public List<Integer> pids() throws CgroupException {
        TreeSet<Integer> all = new TreeSet<>();
        for (String dir : dirs.values()) {
            collect(dir, all);
        }
        return List.copyOf(all);
    }

    private void collect(String dir, TreeSet<Integer> into) throws CgroupException {
        if (!host.exists(dir)) {
            return;
        }
        into.addAll(procs(dir));
        for (String child : host.subdirectories(dir)) {
            collect(CgroupPaths.join(dir, child), into);
        }
    }

    private List<Integer> procs(String dir) throws CgroupException {
        String text = host.readIfExists(CgroupPaths.join(dir, "cgroup.procs"));
        List<Integer> out = new ArrayList<>();
        if (text != null) {
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    out.add(Integer.parseInt(line.trim()));
                }
            }
        }
        return out;
    }

    /**
     * Sends {@code signal} to every process of the cgroup ({@code kill --all}). For {@code SIGKILL} with
     * cgroup v2's {@code cgroup.kill} (Linux 5.14+) one write kills them all, forks included; otherwise
     * the cgroup is frozen while the pids are read and signalled (so none can fork or be replaced
     * meanwhile), then restored to its previous freezer state, except that a {@code SIGKILL} always thaws
     * (a frozen v1 task dies only when thawed). For {@code SIGKILL} this repeats until the cgroup is
     * empty or {@code timeout} has passed, which is an error listing the survivors.
     */
    public void killAll(int signal, Duration timeout) throws CgroupException {
        long deadline = host.nanoTime() + timeout.toNanos();
        String u = unifiedDirectory();
        if (signal == Signal.SIGKILL && u != null && host.exists(CgroupPaths.join(u, "cgroup.kill"))) {
            host.write(CgroupPaths.join(u, "cgroup.kill"), "1");
            if (awaitEmpty(deadline, false)) {
                return;
            }
        }
        signalEach(signal, timeout);
        if (signal == Signal.SIGKILL && !awaitEmpty(deadline, true)) {
            throw new CgroupException("processes " + pids() + " are still in " + dirs.values() + " "
                    + timeout.toMillis() + " ms after SIGKILL");
        }
    }

    private void signalEach(int signal, Duration timeout) throws CgroupException {
        FreezerDir f = freezerDir();
        FreezerState before = f == null ? null : Freezer.state(host, f.dir(), f.v2());
        boolean frozeHere = false;
        if (f != null && before != FreezerState.FROZEN) {
            try {
                Freezer.freeze(host, f.dir(), f.v2(), timeout);
                frozeHere = true;
            } catch (CgroupException e) {
                // a task stuck in uninterruptible sleep: signal without the freeze rather than not at all
            }
        }
        try {
            for (int pid : pids()) {
                host.kill(pid, signal);
            }
        } finally {
            if (frozeHere || (before == FreezerState.FROZEN && signal == Signal.SIGKILL)) {
                Freezer.thaw(host, f.dir(), f.v2(), timeout);
            }
        }
    }

    /** Polls until no process is left; {@code resignal} sends SIGKILL again to any that are. */
    private boolean awaitEmpty(long deadline, boolean resignal) throws CgroupException {
        long sleep = 1;
        while (true) {
            List<Integer> left = pids();
            if (left.isEmpty()) {
                return true;
            }
            if (host.nanoTime() - deadline > 0) {
                return false;
            }
            if (resignal) {
                for (int pid : left) {
                    host.kill(pid, Signal.SIGKILL);
                }
            }
            host.sleepMillis(sleep);
            sleep = Math.min(sleep * 2, 50);
        }
    }

    // ---- stats ------------------------------------------------------------------------------------

    /** Usage counters in runc's {@code events --stats} shape ({@link StatsJson} prints them). */
    public CgroupStats stats() throws CgroupException {
        return StatsReader.read(new Target(host, layout, dirs, false));
    }

    /**
     * How many processes the OOM killer has killed in this cgroup: {@code oom_kill} of v1
     * {@code memory.oom_control} (Linux 4.13+) or of v2 {@code memory.events}. {@code events} reports an
     * {@code oom} event when it grows. 0 without a memory controller.
     */
    public long oomKills() throws CgroupException {
        Hierarchy h = layout.hierarchyOf("memory");
        if (h == null || !dirs.containsKey(h)) {
            return 0;
        }
        String text = host.readIfExists(CgroupPaths.join(dirs.get(h), h.unified() ? "memory.events" : "memory.oom_control"));
        if (text != null) {
            for (String line : text.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 2 && f[0].equals("oom_kill")) {
                    return Long.parseLong(f[1]);
                }
            }
        }
        return 0;
    }

    // ---- delete -----------------------------------------------------------------------------------

    /**
     * Removes exactly the directories {@link #create} made, innermost first, after any child cgroups the
     * container made inside its own; {@code EBUSY} (tasks still exiting) is retried for about a second.
     * Directories that already existed are left, and so is a made ancestor that another container's
     * cgroup has since been put in. Fails listing every directory it could not remove,
     * with the processes still in it, after trying them all.
     */
    public void delete() throws CgroupException {
        List<String> failures = new ArrayList<>();
        for (int i = created.size() - 1; i >= 0; i--) {
            String dir = created.get(i);
            try {
                removeTree(dir, false);
                created.remove(i);
            } catch (CgroupException e) {
                List<Integer> left = host.exists(dir) ? procsQuietly(dir) : List.of();
                failures.add(e.getMessage() + (left.isEmpty() ? "" : " (processes " + left + " remain)"));
            }
        }
        if (!failures.isEmpty()) {
            throw new CgroupException("could not remove " + failures.size() + " cgroup director"
                    + (failures.size() == 1 ? "y" : "ies") + ": " + String.join("; ", failures));
        }
    }

    private List<Integer> procsQuietly(String dir) {
        try {
            return procs(dir);
        } catch (CgroupException e) {
            return List.of();
        }
    }

    /**
     * Removes {@code dir}. Below the container's own directory everything goes (child cgroups the
     * container made); an ancestor this cgroup made that now holds another container's cgroup is left.
     */
    private void removeTree(String dir, boolean owned) throws CgroupException {
        if (!host.exists(dir)) {
            return;
        }
        boolean mine = owned || dirs.containsValue(dir);
        for (String child : host.subdirectories(dir)) {
            if (!mine) {
                return; // shared with a sibling made since: not ours to remove
            }
            removeTree(CgroupPaths.join(dir, child), true);
        }
        long sleep = 1;
        for (int attempt = 1;; attempt++) {
            try {
                host.rmdir(dir);
                return;
            } catch (CgroupException e) {
                if (e.is(Errno.ENOENT)) {
                    return;
                }
                if (!e.is(Errno.EBUSY) || attempt == RMDIR_TRIES) {
                    throw e;
                }
                host.sleepMillis(sleep);
                sleep = Math.min(sleep * 2, 200);
            }
        }
    }

    @Override
    public String toString() {
        return "cgroup " + Objects.requireNonNullElse(unifiedDirectory(), String.join(", ", dirs.values()));
    }
}
