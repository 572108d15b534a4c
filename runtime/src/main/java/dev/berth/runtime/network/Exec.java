package dev.berth.runtime.network;

import dev.berth.syscall.Clone;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fcntl;
import dev.berth.syscall.Fd;
import dev.berth.syscall.Fs;
import dev.berth.syscall.spawn.ExitStatus;
import dev.berth.syscall.spawn.FdRef;
import dev.berth.syscall.spawn.PlanBuilder;
import dev.berth.syscall.spawn.SpawnPlan;
import dev.berth.syscall.spawn.Spawned;
import dev.berth.syscall.spawn.Spawner;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Runs a program (an external CNI plugin, {@code nft}) with the spawn engine: optionally inside another
 * network namespace ({@code setns} as a plan step, so no Java thread changes namespace), with its
 * standard input, output and error in memory files. Memory files rather than pipes: the child can write
 * as much as it likes without the parent reading while it runs, so nothing can deadlock.
 */
final class Exec {
    /** How a program ended and what it printed. */
    record Outcome(ExitStatus status, byte[] stdout, byte[] stderr) {
        boolean ok() {
            return status.exited() && status.code() == 0;
        }

        String stderrText() {
            return new String(stderr, StandardCharsets.UTF_8).strip();
        }
    }

    private Exec() {}

    /**
     * Runs {@code path} with {@code argv} and {@code env}, {@code stdin} as its input, inside the network
     * namespace {@code netnsFd} (-1: the caller's), and waits for it.
     */
    static Outcome run(String path, List<String> argv, List<String> env, byte[] stdin, int netnsFd)
            throws ErrnoException {
        try (Fd in = Fd.of(Fs.memfdCreate("stdin", Fcntl.MFD_CLOEXEC));
                Fd out = Fd.of(Fs.memfdCreate("stdout", Fcntl.MFD_CLOEXEC));
                Fd err = Fd.of(Fs.memfdCreate("stderr", Fcntl.MFD_CLOEXEC))) {
            Fs.writeAll(in.get(), stdin);
            Fs.lseek(in.get(), 0, Fcntl.SEEK_SET);
            PlanBuilder b = SpawnPlan.builder();
            if (netnsFd >= 0) {
                b.setns(FdRef.of(netnsFd), Clone.CLONE_NEWNET).label("enter the host-side network namespace");
            }
            b.execve(path, argv, env).inheritFd(in.get(), 0).inheritFd(out.get(), 1).inheritFd(err.get(), 2);
            ExitStatus status;
            try (Spawned child = Spawner.start(b.build())) {
                status = child.waitFor();
            }
            return new Outcome(status, readAll(out.get()), readAll(err.get()));
        }
    }

    private static byte[] readAll(int fd) throws ErrnoException {
        Fs.lseek(fd, 0, Fcntl.SEEK_SET);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] chunk;
        while ((chunk = Fs.read(fd, 65536)).length > 0) {
            bytes.writeBytes(chunk);
        }
        return bytes.toByteArray();
    }

    /** The first executable {@code name} in {@code dirs}, or null. */
    static String find(List<Path> dirs, String name) {
        for (Path d : dirs) {
            Path p = d.resolve(name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** The directories of {@code $PATH}, with the sbin ones a root shell has even when PATH lacks them. */
    static List<Path> systemPath() {
        LinkedHashSet<Path> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(":")) {
                if (!d.isEmpty()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        for (String d : List.of("/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/local/bin", "/usr/bin", "/bin")) {
            dirs.add(Path.of(d));
        }
        return List.copyOf(dirs);
    }
}
