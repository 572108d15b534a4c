package dev.berth.syscall.spawn;

import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fd;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Open;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test helper: runs a plan whose payload writes to a pipe, and returns what it wrote and how it ended. */
final class Payload {
    record Result(String output, ExitStatus status) {}

    static final List<String> ENV = List.of("PATH=/usr/sbin:/usr/bin:/sbin:/bin");

    private Payload() {}

    /** A shell command as the payload of {@code b}. */
    static PlanBuilder sh(PlanBuilder b, String script) {
        return b.execve("/bin/sh", List.of("sh", "-c", script), ENV);
    }

    /** Spawns {@code b} with stdout and stderr into a pipe; waits for exec, end, and all output. */
    static Result run(PlanBuilder b) throws ErrnoException {
        int[] out = Fs.pipe2(Open.O_CLOEXEC);
        try (Fd r = Fd.of(out[0]); Fd w = Fd.of(out[1])) {
            SpawnPlan plan = b.inheritFd(w.get(), 1).inheritFd(w.get(), 2).build();
            try (Spawned s = Spawner.spawn(plan)) {
                w.close();
                s.awaitExec();
                String text = readAll(r.get());
                return new Result(text, s.waitFor());
            }
        }
    }

    static String readAll(int fd) throws ErrnoException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] chunk;
        while ((chunk = Fs.read(fd, 8192)).length > 0) {
            bytes.writeBytes(chunk);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
