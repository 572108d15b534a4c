package dev.berth.runtime.cgroup;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a container's cgroup lives in each hierarchy, for the cgroupfs driver, as runc resolves
 * {@code linux.cgroupsPath}: an absolute path is taken from each hierarchy's mount point; a relative
 * one is put under the caller's own cgroup on v1 and under its parent on v2 (the caller's own v2 cgroup
 * usually holds processes, and the "no internal processes" rule would keep controllers from being
 * enabled below it); no path at all means the container id, relative. Paths are cleaned lexically as
 * if rooted, so {@code ..} cannot climb out of the base.
 */
final class CgroupPaths {
    private CgroupPaths() {}

    /** The directory of the container's cgroup in each hierarchy Berth joins, in layout order. */
    static Map<Hierarchy, String> resolve(CgroupLayout layout, String cgroupsPath, String id) throws CgroupException {
        String path = cgroupsPath == null || cgroupsPath.isBlank() ? id : cgroupsPath;
        if (path == null || path.isBlank()) {
            throw new CgroupException("no linux.cgroupsPath and no container id to name the cgroup after");
        }
        if (looksSystemd(path)) {
            throw new CgroupException("linux.cgroupsPath \"" + path + "\" is in the systemd driver's slice:prefix:name"
                    + " form; the cgroupfs driver takes a path (pass --systemd-cgroup for the systemd driver)");
        }
        boolean absolute = path.startsWith("/");
        String cleaned = clean(path);
        if (cleaned.equals("/") || cleaned.isEmpty()) {
            throw new CgroupException("linux.cgroupsPath \"" + path + "\" names the base cgroup itself, not a cgroup"
                    + " of the container's own");
        }
        Map<Hierarchy, String> out = new LinkedHashMap<>();
        for (Hierarchy h : layout.joined()) {
            if (absolute) {
                out.put(h, join(h.mountPoint(), cleaned));
                continue;
            }
            String own = h.ownPath() == null ? null : relativeTo(h.ownPath(), h.mountRoot());
            if (own == null) {
                throw new CgroupException("relative linux.cgroupsPath \"" + path + "\": this process's "
                        + h.label() + " cgroup " + h.ownPath() + " is not visible under " + h.mountPoint()
                        + " (mount root " + h.mountRoot() + "); give an absolute path");
            }
            String base = h.unified() ? parent(own) : own;
            out.put(h, join(join(h.mountPoint(), base), cleaned));
        }
        return out;
    }

    /** {@code slice:prefix:name}, the systemd driver's form (no slash, two colons). */
    static boolean looksSystemd(String path) {
        return !path.contains("/") && path.chars().filter(c -> c == ':').count() == 2;
    }

    /**
     * Lexical cleaning as if rooted: empty and {@code .} components go, {@code ..} removes the previous
     * one and stops at the root. An absolute input gives {@code /a/b}, a relative one {@code a/b}.
     */
    static String clean(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(p);
            }
        }
        String joined = String.join("/", parts);
        return path.startsWith("/") ? "/" + joined : joined;
    }

    /** {@code dir} and {@code rel} joined with one slash; an empty or {@code /} {@code rel} gives {@code dir}. */
    static String join(String dir, String rel) {
        String r = rel;
        while (r.startsWith("/")) {
            r = r.substring(1);
        }
        if (r.isEmpty()) {
            return dir;
        }
        return dir.endsWith("/") ? dir + r : dir + "/" + r;
    }

    /** {@code path} below {@code root} as an absolute path ({@code /} for the root itself), or null if outside. */
    static String relativeTo(String path, String root) {
        if (root.equals("/")) {
            return path;
        }
        if (path.equals(root)) {
            return "/";
        }
        if (path.startsWith(root + "/")) {
            return path.substring(root.length());
        }
        return null;
    }

    /** The parent of an absolute path; the root is its own parent. */
    static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i <= 0 ? "/" : path.substring(0, i);
    }
}
