package dev.berth.runtime.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a container can leave on the host, seen from the host: processes, mounts, children of this JVM,
 * fds of this JVM. Each method returns one line per thing found.
 */
public final class Leaks {
    private Leaks() {}

    /**
     * Processes (not zombies) whose environment holds {@code marker} or whose command line names one of
     * {@code ids} as a word, waiting up to five seconds for dying ones to go.
     */
    public static List<String> processesAfterGrace(String marker, List<String> ids) throws InterruptedException {
        List<String> found = List.of();
        for (int i = 0; i < 200; i++) {
            found = processes(marker, ids);
            if (found.isEmpty()) {
                return found;
            }
            Thread.sleep(25);
        }
        return found;
    }

    static List<String> processes(String marker, List<String> ids) {
        byte[] mark = marker.getBytes(StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                if (p.getFileName().toString().equals(Long.toString(self))) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    char state = stat.charAt(stat.lastIndexOf(')') + 2);
                    if (state == 'Z' || state == 'X') {
                        continue;
                    }
                    byte[] env = Files.readAllBytes(p.resolve("environ"));
                    List<String> argv = List.of(new String(Files.readAllBytes(p.resolve("cmdline")),
                            StandardCharsets.UTF_8).split("\0"));
                    boolean named = ids.stream().anyMatch(argv::contains);
                    if (contains(env, mark) || named) {
                        found.add("process " + p.getFileName() + " (" + String.join(" ", argv) + ")"
                                + (named ? " names a container id" : " has the test's marker"));
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile, or a kernel thread
                }
            }
        } catch (IOException e) {
            found.add("cannot list /proc: " + e);
        }
        return found;
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Mounts in this process's (the host's) mount table at or below {@code dir}. */
    public static List<String> mountsBelow(Path dir) throws IOException {
        return mountsBelow(dir.toRealPath().toString(), Files.readString(Path.of("/proc/self/mountinfo")));
    }

    static List<String> mountsBelow(String prefix, String mountinfo) {
        List<String> found = new ArrayList<>();
        for (String line : mountinfo.split("\n")) {
            String[] f = line.split(" ");
            if (f.length > 4 && (f[4].equals(prefix) || f[4].startsWith(prefix + "/"))) {
                found.add("mount on the host: " + line);
            }
        }
        return found;
    }

    /** Living children of this JVM (every {@code berth} it started must have been waited for). */
    static List<String> livingChildren() throws InterruptedException {
        List<String> found = List.of();
        for (int i = 0; i < 100; i++) {
            found = ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                    .map(h -> "child of the test JVM: " + h.pid() + " " + h.info().commandLine().orElse("?")).toList();
            if (found.isEmpty()) {
                return found;
            }
            Thread.sleep(25);
        }
        return found;
    }

    /** What this JVM's fds point to. */
    static Set<String> openFds() throws IOException {
        Set<String> fds = new HashSet<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : dir) {
                try {
                    fds.add(fd.getFileName() + " -> " + Files.readSymbolicLink(fd));
                } catch (IOException e) {
                    // the directory stream's own fd, closed meanwhile
                }
            }
        }
        return fds;
    }

    /** Pipes, sockets and files of this JVM that were not open before (ProcessBuilder streams not closed). */
    static List<String> newFds(Set<String> before) throws IOException {
        List<String> found = new ArrayList<>();
        for (String fd : openFds()) {
            if (!before.contains(fd) && (fd.contains("pipe:") || fd.contains("socket:") || fd.contains("anon_inode:")
                    || fd.contains("/tmp/"))) {
                found.add("fd of the test JVM: " + fd);
            }
        }
        return found;
    }
}
