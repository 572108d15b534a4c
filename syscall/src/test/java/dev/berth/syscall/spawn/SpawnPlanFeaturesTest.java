package dev.berth.syscall.spawn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.syscall.Errno;
import dev.berth.syscall.Fd;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Open;
import dev.berth.syscall.Sock;
import dev.berth.syscall.Sockets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trampoline's extras: skipping dependent steps after a tolerated errno, and passing an fd over a socket. */
class SpawnPlanFeaturesTest {
    @TempDir
    Path tmp;

    @Test
    void aToleratedFailureSkipsTheStepsThatDependOnIt() throws Exception {
        Files.writeString(tmp.resolve("present"), "here\n");
        PlanBuilder b = SpawnPlan.builder();
        Slot fd = b.slot();
        // Missing file: openat fails with ENOENT, tolerated, and the dup3 that needs its fd is skipped.
        b.openat(FdRef.CWD, tmp + "/missing", Open.O_RDONLY | Open.O_CLOEXEC, 0).into(fd).tolerate(Errno.ENOENT, 1)
                .dup3(fd, 0, 0);
        // Present file: nothing is skipped, so it becomes stdin.
        Slot fd2 = b.slot();
        b.openat(FdRef.CWD, tmp + "/present", Open.O_RDONLY | Open.O_CLOEXEC, 0).into(fd2).tolerate(Errno.ENOENT, 1)
                .dup3(fd2, 0, 0);
        assertEquals("here\n", Payload.run(Payload.sh(b, "cat")).output());
        assertTrue(b.build().render().contains("[ENOENT ok, then skip 1]"));
    }

    @Test
    void anFdOpenedInTheChildIsSentOverAUnixSocket() throws Exception {
        Files.writeString(tmp.resolve("secret"), "passed by the child\n");
        int[] pair = Sockets.socketpair(Sock.AF_UNIX, Sock.SOCK_STREAM | Sock.SOCK_CLOEXEC, 0);
        try (Fd ours = Fd.of(pair[0]); Fd theirs = Fd.of(pair[1])) {
            PlanBuilder b = SpawnPlan.builder();
            Slot file = b.slot();
            b.openat(FdRef.CWD, tmp + "/secret", Open.O_RDONLY | Open.O_CLOEXEC, 0).into(file)
                    .sendFd(FdRef.of(theirs.get()), file, "console".getBytes(StandardCharsets.UTF_8));
            assertEquals(0, Payload.run(Payload.sh(b, "true")).status().code());
            Sockets.Received got = Sockets.receiveFds(ours.get(), 64, 4);
            assertArrayEquals("console".getBytes(StandardCharsets.UTF_8), got.data());
            assertEquals(1, got.fds().length);
            try (Fd received = Fd.of(got.fds()[0])) {
                assertEquals("passed by the child\n", new String(Fs.read(received.get(), 100), StandardCharsets.UTF_8));
            }
        }
    }
}
