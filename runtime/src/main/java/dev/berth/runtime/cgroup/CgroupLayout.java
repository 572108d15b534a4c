package dev.berth.runtime.cgroup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which cgroup hierarchies this host has, where they are mounted, which controllers each serves, and
 * this process's cgroup in each: detected from {@code /proc/thread-self/mountinfo} and
 * {@code /proc/thread-self/cgroup} (cgroups(7), proc(5)), never assumed. A host is {@link Mode#V1}
 * (controllers on v1 hierarchies only), {@link Mode#V2} (the unified hierarchy only; named v1
 * hierarchies such as {@code name=systemd} do not count) or {@link Mode#HYBRID} (controllers on v1 and a
 * cgroup2 mount, which may itself serve controllers no v1 hierarchy took, such as {@code hugetlb}).
 */
public final class CgroupLayout {
    /** How the controllers are split between cgroup v1 and v2. */
    public enum Mode { V1, V2, HYBRID }

    /** The v1 controllers the kernel knows; any other mount option is not a controller. */
    static final Set<String> V1_CONTROLLERS = Set.of("cpu", "cpuacct", "cpuset", "memory", "devices", "freezer",
            "net_cls", "net_prio", "blkio", "perf_event", "hugetlb", "pids", "rdma", "misc", "debug");

    private final Mode mode;
    private final List<Hierarchy> hierarchies;

    CgroupLayout(List<Hierarchy> hierarchies) throws CgroupException {
        this.hierarchies = List.copyOf(hierarchies);
        boolean v1 = hierarchies.stream().anyMatch(h -> !h.unified() && !h.controllers().isEmpty());
        boolean v2 = hierarchies.stream().anyMatch(Hierarchy::unified);
        if (!v1 && !v2) {
            throw new CgroupException("no cgroup hierarchy is mounted (no cgroup or cgroup2 line in mountinfo)");
        }
        this.mode = v1 && v2 ? Mode.HYBRID : v1 ? Mode.V1 : Mode.V2;
    }

    /** The layout this thread sees. */
    public static CgroupLayout detect() throws CgroupException {
        return detect(KernelHost.INSTANCE);
    }

    static CgroupLayout detect(CgroupHost host) throws CgroupException {
        String dir = host.exists("/proc/thread-self/mountinfo") ? "/proc/thread-self/" : "/proc/self/";
        String mountinfo = host.read(dir + "mountinfo");
        String cgroup = host.read(dir + "cgroup");
        List<CgroupException> failures = new ArrayList<>();
        CgroupLayout layout = parse(mountinfo, cgroup, mountPoint -> {
            try {
                String s = host.readIfExists(CgroupPaths.join(mountPoint, "cgroup.controllers"));
                return s == null ? "" : s;
            } catch (CgroupException e) {
                failures.add(e);
                return "";
            }
        });
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
        return layout;
    }

    /**
     * The layout described by a {@code mountinfo} and a {@code /proc/PID/cgroup} text;
     * {@code v2Controllers} gives the {@code cgroup.controllers} content at a cgroup2 mount point.
     */
    static CgroupLayout parse(String mountinfo, String procCgroup, Function<String, String> v2Controllers)
            throws CgroupException {
        Map<String, String> own = parseProcCgroup(procCgroup);
        Set<String> seen = new LinkedHashSet<>();
        List<Hierarchy> out = new ArrayList<>();
        for (String line : mountinfo.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            MountLine m = MountLine.parse(line);
            if (m == null) {
                continue;
            }
            if (m.fstype.equals("cgroup2")) {
                if (seen.add("")) {
                    Set<String> ctrls = new LinkedHashSet<>(Arrays.asList(v2Controllers.apply(m.mountPoint).trim()
                            .split("\\s+")));
                    ctrls.remove("");
                    out.add(new Hierarchy(0, ctrls, null, true, m.mountPoint, m.root, own.get("")));
                }
            } else if (m.fstype.equals("cgroup")) {
                Set<String> ctrls = new LinkedHashSet<>();
                String name = null;
                for (String opt : m.superOptions.split(",")) {
                    if (V1_CONTROLLERS.contains(opt)) {
                        ctrls.add(opt);
                    } else if (opt.startsWith("name=")) {
                        name = opt.substring(5);
                    }
                }
                if (ctrls.isEmpty() && name == null) {
                    continue;
                }
                String key = key(ctrls, name);
                if (seen.add(key)) {
                    out.add(new Hierarchy(ids(procCgroup).getOrDefault(key, -1), ctrls, name, false, m.mountPoint,
                            m.root, own.get(key)));
                }
            }
        }
        return new CgroupLayout(out);
    }

    /** {@code /proc/PID/cgroup} as hierarchy key (sorted controllers, {@code name=x}, or "" for v2) to path. */
    static Map<String, String> parseProcCgroup(String text) throws CgroupException {
        Map<String, String> out = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(":", 3);
            if (f.length < 3) {
                throw new CgroupException("unexpected line in /proc/self/cgroup: \"" + line + "\"");
            }
            out.put(lineKey(f[1]), f[2]);
        }
        return out;
    }

    private static Map<String, Integer> ids(String text) {
        Map<String, Integer> out = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.split(":", 3);
            if (f.length == 3) {
                try {
                    out.put(lineKey(f[1]), Integer.parseInt(f[0]));
                } catch (NumberFormatException ignored) {
                    // a malformed id only loses the number, which is informational
                }
            }
        }
        return out;
    }

    private static String lineKey(String list) {
        if (list.isEmpty()) {
            return "";
        }
        Set<String> ctrls = new LinkedHashSet<>();
        String name = null;
        for (String c : list.split(",")) {
            if (c.startsWith("name=")) {
                name = c.substring(5);
            } else {
                ctrls.add(c);
            }
        }
        return key(ctrls, name);
    }

    private static String key(Set<String> ctrls, String name) {
        List<String> parts = new ArrayList<>(ctrls.stream().sorted().toList());
        if (name != null) {
            parts.add("name=" + name);
        }
        return String.join(",", parts);
    }

    /** One line of mountinfo, the fields cgroups need. */
    private record MountLine(String root, String mountPoint, String fstype, String superOptions) {
        static MountLine parse(String line) {
            String[] f = line.split(" ");
            int dash = Arrays.asList(f).indexOf("-");
            if (dash < 6 || f.length < dash + 4) {
                return null;
            }
            return new MountLine(unescape(f[3]), unescape(f[4]), f[dash + 1], f[dash + 3]);
        }
    }

    /** mountinfo escapes space, tab, newline and backslash as octal {@code \040}. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }

    /** V1, V2 or HYBRID. */
    public Mode mode() {
        return mode;
    }

    /** Every mounted hierarchy, in mountinfo order. */
    public List<Hierarchy> hierarchies() {
        return hierarchies;
    }

    /** The cgroup v2 hierarchy, or null. */
    public Hierarchy unified() {
        return hierarchies.stream().filter(Hierarchy::unified).findFirst().orElse(null);
    }

    /**
     * The hierarchy that serves {@code controller}: its v1 hierarchy if one is mounted, else the unified
     * hierarchy if it offers it, else null. On the unified hierarchy {@code freezer} (cgroup.freeze,
     * Linux 5.2) and {@code devices} (eBPF, Linux 4.15) are not listed in {@code cgroup.controllers} but
     * built in; they are reported there on V2 hosts.
     */
    public Hierarchy hierarchyOf(String controller) {
        for (Hierarchy h : hierarchies) {
            if (!h.unified() && h.has(controller)) {
                return h;
            }
        }
        Hierarchy u = unified();
        if (u == null) {
            return null;
        }
        if (u.has(controller)) {
            return u;
        }
        if (mode == Mode.V2 && (controller.equals("freezer") || controller.equals("devices"))) {
            return u;
        }
        return null;
    }

    /**
     * The hierarchies a container joins, as runc does: every v1 hierarchy with controllers, the
     * {@code name=systemd} one, and the unified one (on hybrid hosts, processes are placed there too).
     */
    public List<Hierarchy> joined() {
        return hierarchies.stream()
                .filter(h -> h.unified() || !h.controllers().isEmpty() || "systemd".equals(h.name()))
                .toList();
    }

    /** This layout with only the hierarchies {@code keep} accepts (tests view a hybrid host as V1 or V2). */
    CgroupLayout only(java.util.function.Predicate<Hierarchy> keep) throws CgroupException {
        return new CgroupLayout(hierarchies.stream().filter(keep).toList());
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(mode.name());
        for (Hierarchy h : hierarchies) {
            b.append("\n  ").append(h.label()).append(" at ").append(h.mountPoint());
            if (h.unified()) {
                b.append(" [").append(String.join(" ", h.controllers())).append("]");
            }
            b.append(", own cgroup ").append(h.ownPath());
        }
        return b.toString();
    }
}
