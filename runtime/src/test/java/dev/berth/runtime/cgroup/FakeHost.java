package dev.berth.runtime.cgroup;

import dev.berth.syscall.Errno;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A recording, in-memory {@link CgroupHost}: directories, files, and a log of every change
 * ({@code mkdir P}, {@code write P V}, {@code rmdir P}, {@code kill PID SIG}) for tests to assert on.
 * A new directory under a mount point gets the files {@link #template} gives for that mount; writes to
 * a missing file fail with {@code ENOENT}, like cgroupfs. Time is virtual.
 */
final class FakeHost implements CgroupHost {
    final Map<String, String> files = new TreeMap<>();
    final Set<String> dirs = new TreeSet<>();
    final List<String> log = new ArrayList<>();
    /** Writes that fail: path to errno. */
    final Map<String, Integer> failWrites = new HashMap<>();
    /** Side effects of writes (a freezer that reaches FROZEN, say): path to action(value). */
    final Map<String, BiConsumer<String, String>> onWrite = new HashMap<>();
    /** Mount point to the files a new cgroup directory there starts with. */
    final Map<String, Function<String, Map<String, String>>> template = new LinkedHashMap<>();
    final Set<String> readOnly = new HashSet<>();
    /** Processes SIGKILL does not remove (stuck in the kernel, say). */
    final Set<Integer> immortal = new HashSet<>();
    /** Runs at every sleep, so states can change between polls. */
    Runnable onSleep = () -> { };
    long clock;

    FakeHost dir(String path) {
        String p = path;
        while (!p.isEmpty() && dirs.add(p)) {
            int i = p.lastIndexOf('/');
            p = i <= 0 ? "" : p.substring(0, i);
        }
        return this;
    }

    FakeHost file(String path, String content) {
        dir(path.substring(0, path.lastIndexOf('/')));
        files.put(path, content);
        return this;
    }

    /** Loads a classpath fixture into {@code path}. */
    FakeHost fixture(String path, String resource) {
        return file(path, resource(resource));
    }

    static String resource(String name) {
        try (InputStream in = FakeHost.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Changes only, no reads: mkdir, write, rmdir, kill. */
    List<String> changes() {
        return List.copyOf(log);
    }

    /** The writes to files named {@code name} (any directory), as {@code name=value}. */
    List<String> writesTo(String dirPrefix) {
        List<String> out = new ArrayList<>();
        for (String l : log) {
            if (l.startsWith("write " + dirPrefix)) {
                String rest = l.substring(("write " + dirPrefix).length());
                if (rest.startsWith("/")) {
                    rest = rest.substring(1);
                }
                int sp = rest.indexOf(' ');
                out.add(rest.substring(0, sp) + "=" + rest.substring(sp + 1));
            }
        }
        return out;
    }

    @Override
    public String read(String path) throws CgroupException {
        String s = files.get(path);
        if (s == null) {
            throw CgroupException.errno("reading", path, dirs.contains(path) ? Errno.EISDIR : Errno.ENOENT);
        }
        return s;
    }

    @Override
    public String readIfExists(String path) {
        return files.get(path);
    }

    @Override
    public void write(String path, String value) throws CgroupException {
        if (!files.containsKey(path)) {
            throw CgroupException.errno("writing " + value + " to", path, Errno.ENOENT);
        }
        Integer errno = failWrites.get(path);
        if (errno != null) {
            throw CgroupException.errno("writing " + value + " to", path, errno);
        }
        log.add("write " + path + " " + value);
        BiConsumer<String, String> effect = onWrite.get(path);
        if (effect != null) {
            effect.accept(path, value);
        } else {
            files.put(path, value);
        }
    }

    @Override
    public boolean exists(String path) {
        return files.containsKey(path) || dirs.contains(path);
    }

    @Override
    public boolean mkdir(String path) throws CgroupException {
        if (dirs.contains(path)) {
            return false;
        }
        String parent = path.substring(0, path.lastIndexOf('/'));
        if (!dirs.contains(parent)) {
            throw CgroupException.errno("creating", path, Errno.ENOENT);
        }
        if (readOnly.contains(parent)) {
            throw CgroupException.errno("creating", path, Errno.EACCES);
        }
        log.add("mkdir " + path);
        dirs.add(path);
        for (Map.Entry<String, Function<String, Map<String, String>>> t : template.entrySet()) {
            if (path.startsWith(t.getKey() + "/")) {
                t.getValue().apply(path).forEach((f, v) -> files.put(path + "/" + f, v));
            }
        }
        return true;
    }

    @Override
    public void rmdir(String path) throws CgroupException {
        if (!dirs.contains(path)) {
            throw CgroupException.errno("removing", path, Errno.ENOENT);
        }
        String procs = files.get(path + "/cgroup.procs");
        boolean children = dirs.stream().anyMatch(d -> d.startsWith(path + "/"));
        if (children || (procs != null && !procs.isBlank())) {
            throw CgroupException.errno("removing", path, Errno.EBUSY);
        }
        log.add("rmdir " + path);
        dirs.remove(path);
        files.keySet().removeIf(f -> f.startsWith(path + "/"));
    }

    @Override
    public List<String> subdirectories(String dir) {
        List<String> out = new ArrayList<>();
        for (String d : dirs) {
            if (d.startsWith(dir + "/") && d.indexOf('/', dir.length() + 1) < 0) {
                out.add(d.substring(dir.length() + 1));
            }
        }
        return out;
    }

    @Override
    public int openDirectory(String path) throws CgroupException {
        if (!dirs.contains(path)) {
            throw CgroupException.errno("opening", path, Errno.ENOENT);
        }
        log.add("open " + path);
        return 42;
    }

    @Override
    public boolean access(String path, int mode) {
        return exists(path) && !readOnly.contains(path);
    }

    @Override
    public boolean kill(int pid, int signal) {
        log.add("kill " + pid + " " + signal);
        boolean found = false;
        for (Map.Entry<String, String> e : files.entrySet()) {
            if (e.getKey().endsWith("/cgroup.procs") && (e.getValue().lines().anyMatch(l -> l.equals(
                    Integer.toString(pid))))) {
                found = true;
                if (signal == 9 && !immortal.contains(pid)) {
                    e.setValue(String.join("\n", e.getValue().lines().filter(l -> !l.equals(Integer.toString(pid)))
                            .toList()));
                }
            }
        }
        return found;
    }

    @Override
    public void sleepMillis(long millis) {
        clock += millis * 1_000_000;
        onSleep.run();
    }

    @Override
    public long nanoTime() {
        return clock;
    }
}
