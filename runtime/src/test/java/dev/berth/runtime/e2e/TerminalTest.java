package dev.berth.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fd;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Sock;
import dev.berth.syscall.Sockets;
import dev.berth.syscall.struct.SockaddrUn;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code process.terminal} with {@code create --console-socket}: Berth sends the pty master over the
 * socket as runc's {@code recvtty} expects ({@code SCM_RIGHTS}), and the payload has the slave as its
 * controlling terminal and stdio, with the spec's console size.
 */
class TerminalTest extends ContainerTest {
    /** A listening unix socket at {@code path}, as a console-socket client (containerd, recvtty) makes it. */
    private static Fd listen(Path path) throws ErrnoException {
        Fd s = Fd.of(Sockets.socket(Sock.AF_UNIX, Sock.SOCK_STREAM | Sock.SOCK_CLOEXEC, 0));
        try (Arena a = Arena.ofConfined()) {
            SockaddrUn addr = new SockaddrUn(path.toString());
            Sockets.bind(s.get(), addr.allocate(a), addr.length());
            Sockets.listen(s.get(), 1);
        }
        return s;
    }

    /** Everything the master reads until the slave side is gone (EIO) or {@code until} has been seen. */
    private static String readAll(int master, String until) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<String> f = CompletableFuture.supplyAsync(() -> {
            try {
                while (!out.toString(StandardCharsets.UTF_8).contains(until)) {
                    byte[] b = Fs.read(master, 4096);
                    if (b.length == 0) {
                        break;
                    }
                    out.writeBytes(b);
                }
            } catch (ErrnoException e) {
                // EIO: the last slave fd closed
            }
            return out.toString(StandardCharsets.UTF_8);
        }, r -> Thread.ofPlatform().daemon().start(r));
        return f.get(30, TimeUnit.SECONDS);
    }

    @Test
    void thePtyMasterReachesTheConsoleSocketAndThePayloadHasItsTerminal() throws Exception {
        bundle.process().put("terminal", true);
        bundle.process().put("consoleSize", Json.map("height", 33, "width", 101));
        bundle.sh("tty; stty size; [ -t 0 ] && [ -t 1 ] && [ -t 2 ] && echo stdio-is-a-tty; echo done");
        bundle.write();
        track(id);
        Path socket = tmp.resolve("console.sock");
        try (Fd listening = listen(socket)) {
            BerthCli.Running create = berth.start(null, List.of("create", "--bundle", bundle.dir.toString(),
                    "--console-socket", socket.toString(), id));
            Sockets.Received got;
            try (Fd conn = Fd.of(Sockets.accept4(listening.get(), Sock.SOCK_CLOEXEC))) {
                got = Sockets.receiveFds(conn.get(), 64, 4);
            }
            create.await().ok();
            assertEquals(1, got.fds().length, "one fd, the master");
            try (Fd master = Fd.of(got.fds()[0])) {
                berth("start", id).ok();
                String out = readAll(master.get(), "done").replace("\r", "");
                assertTrue(out.startsWith("/dev/pts/0\n33 101\nstdio-is-a-tty\ndone"), out);
            }
        }
    }

    @Test
    void aTerminalWithoutAConsoleSocketIsRefused() throws Exception {
        bundle.process().put("terminal", true);
        bundle.args("true");
        BerthCli.Result r = create();
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("console-socket"), r.toString());
        assertNothingLeft(List.of(id));
    }

    @Test
    void aForegroundRunWithoutAConsoleSocketRelaysTheTerminal() throws Exception {
        // runc's behaviour: berth holds the pty master itself and copies its stdio through it
        bundle.process().put("terminal", true);
        bundle.args("sh", "-c", "tty; [ -t 0 ] && echo stdin-is-a-tty; read line; echo \"got $line\"; exit 5");
        Path input = tmp.resolve("input");
        java.nio.file.Files.writeString(input, "hello\n");
        berth.stdin(input);
        BerthCli.Result r = run();
        assertEquals(5, r.code(), r.toString());
        String out = r.out().replace("\r", "");
        assertTrue(out.contains("/dev/pts/0\nstdin-is-a-tty\n"), r.toString());
        assertTrue(out.contains("got hello\n"), r.toString());
        assertNothingLeft(List.of(id));
    }

    @Test
    void anInteractiveShellEndsWhereItsPipedInputEnds() throws Exception {
        // the end of a non-terminal stdin is typed as ^D on the container's terminal
        bundle.process().put("terminal", true);
        bundle.args("sh");
        Path input = tmp.resolve("input");
        java.nio.file.Files.writeString(input, "echo $((6 * 7))\n");
        berth.stdin(input);
        BerthCli.Result r = run();
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().replace("\r", "").contains("\n42\n"), r.toString());
        assertNothingLeft(List.of(id));
    }

    @Test
    void aDetachedRunWithATerminalNeedsAConsoleSocket() throws Exception {
        bundle.process().put("terminal", true);
        bundle.args("sleep", "10");
        BerthCli.Result r = run("--detach");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("console-socket"), r.toString());
        assertNothingLeft(List.of(id));
    }

    @Test
    void execWithATerminalInTheForegroundRelaysItToo() throws Exception {
        bundle.args("sleep", "60");
        run("--detach").ok();
        Path input = tmp.resolve("input");
        java.nio.file.Files.writeString(input, "hi\n");
        berth.stdin(input);
        BerthCli.Result r = berth("exec", "-t", id, "sh", "-c", "tty; read line; echo \"got $line\"; exit 6");
        assertEquals(6, r.code(), r.toString());
        String out = r.out().replace("\r", "");
        assertTrue(out.matches("(?s)/dev/pts/\\d+\n.*got hi\n.*"), r.toString());
        BerthCli.Result detached = berth("exec", "-t", "--detach", id, "sh");
        assertEquals(1, detached.code(), detached.toString());
        assertTrue(detached.err().contains("console-socket"), detached.toString());
        berth("delete", "--force", id).ok();
        assertNothingLeft(List.of(id));
    }
}
