package dev.berth.it.image;

import static dev.berth.it.image.BerthMachine.describe;
import static dev.berth.it.image.BerthMachine.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.it.common.FileTree;
import dev.berth.it.docker.Docker;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fd;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Sock;
import dev.berth.syscall.Sockets;
import dev.berth.syscall.struct.SockaddrUn;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.Container.ExecResult;

/**
 * {@code process.terminal} the way containerd asks for it: berth in the machine connects to a console
 * socket that this test listens on (a host directory bound into the machine; a unix socket works across the
 * bind) and sends the pty master there ({@code SCM_RIGHTS}); the test reads what the payload prints on its
 * terminal. For {@code create --console-socket} and for {@code exec --tty --console-socket}.
 */
class ConsoleIT {
    private static final Path SOCKETS = socketDirectory();

    @RegisterExtension
    static final BerthMachine berth = new BerthMachine().bind(SOCKETS.toString(), "/console");

    private static Path socketDirectory() {
        try {
            Path dir = Docker.work().resolve("console");
            FileTree.deleteHostTree(dir);
            return Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A listening unix socket at {@code path}, as containerd and runc's recvtty make one. */
    private static Fd listen(Path path) throws ErrnoException {
        Fd s = Fd.of(Sockets.socket(Sock.AF_UNIX, Sock.SOCK_STREAM | Sock.SOCK_CLOEXEC, 0));
        try (Arena a = Arena.ofConfined()) {
            SockaddrUn addr = new SockaddrUn(path.toString());
            Sockets.bind(s.get(), addr.allocate(a), addr.length());
            Sockets.listen(s.get(), 1);
        }
        return s;
    }

    /** The one fd berth sent over {@code listening}. */
    private static Fd receiveMaster(Fd listening) throws ErrnoException {
        try (Fd conn = Fd.of(Sockets.accept4(listening.get(), Sock.SOCK_CLOEXEC))) {
            Sockets.Received got = Sockets.receiveFds(conn.get(), 64, 4);
            assertEquals(1, got.fds().length, "one fd, the pty master");
            return Fd.of(got.fds()[0]);
        }
    }

    /** What the master reads until {@code until} has been seen or the terminal is gone, CRs dropped. */
    private static String readUntil(Fd master, String until) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<String> f = CompletableFuture.supplyAsync(() -> {
            try {
                while (!out.toString(StandardCharsets.UTF_8).contains(until)) {
                    byte[] b = Fs.read(master.get(), 4096);
                    if (b.length == 0) {
                        break;
                    }
                    out.writeBytes(b);
                }
            } catch (ErrnoException e) {
                // EIO: the last slave fd is closed
            }
            return out.toString(StandardCharsets.UTF_8);
        }, r -> Thread.ofPlatform().daemon().start(r));
        return f.get(30, TimeUnit.SECONDS).replace("\r", "");
    }

    @Test
    void createSendsThePtyMasterAndThePayloadHasItsTerminal() throws Exception {
        Bundle b = berth.bundle("tty").terminal(33, 101)
                .sh("tty; stty size; [ -t 0 ] && [ -t 1 ] && [ -t 2 ] && echo stdio-is-a-tty; echo done");
        berth.write(b);
        try (Fd listening = listen(SOCKETS.resolve("create.sock"))) {
            ok(berth.berth("create", "--bundle", b.dir(), "--console-socket", "/console/create.sock", "tty"));
            try (Fd master = receiveMaster(listening)) {
                ok(berth.berth("start", "tty"));
                String out = readUntil(master, "done");
                assertTrue(out.startsWith("/dev/pts/0\n33 101\nstdio-is-a-tty\ndone"), out);
            }
        } finally {
            berth.berth("delete", "--force", "tty");
        }
    }

    @Test
    void execWithTtyGetsATerminalOfItsOwn() throws Exception {
        Bundle b = berth.bundle("plain").sh("exec sleep 600");
        berth.write(b);
        ok(berth.sh("berth run --detach --bundle " + b.dir() + " plain > /dev/null 2>&1"));
        try (Fd listening = listen(SOCKETS.resolve("exec.sock"))) {
            ExecResult r = berth.berth("exec", "--tty", "--detach", "--console-socket", "/console/exec.sock", "plain",
                    "sh", "-c", "tty; [ -t 1 ] && echo stdout-is-a-tty; echo done");
            ok(r);
            try (Fd master = receiveMaster(listening)) {
                String out = readUntil(master, "done");
                assertTrue(out.matches("(?s)/dev/pts/\\d+\nstdout-is-a-tty\ndone.*"), out + "\n" + describe(r));
            }
        } finally {
            berth.berth("delete", "--force", "plain");
        }
    }
}
