package dev.berth.syscall;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.syscall.struct.EpollEvent;
import dev.berth.syscall.struct.SignalfdSiginfo;
import dev.berth.syscall.struct.Statx;
import dev.berth.syscall.struct.Winsize;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wrappers against what the JDK and /proc say, and their errors. None needs root. */
class SyscallsTest {
    @TempDir
    Path tmp;

    @Test
    void identityMatchesTheJdk() throws Exception {
        assertEquals(ProcessHandle.current().pid(), Syscalls.getpid());
        assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), Syscalls.getppid());
        String status = Fs.readFile("/proc/thread-self/status");
        assertTrue(status.contains("\nPid:\t" + Syscalls.gettid() + "\n"), status);
        int[] uids = Syscalls.getresuid();
        assertEquals(Syscalls.getuid(), uids[0]);
        assertEquals(Syscalls.geteuid(), uids[1]);
        assertEquals(Syscalls.uname().machine(), Arch.current().kernelName());
        assertEquals(System.getProperty("os.name"), Syscalls.uname().sysname());
    }

    @Test
    void failuresNameTheCallArgumentsAndErrno() {
        ErrnoException e = assertThrows(ErrnoException.class,
                () -> Fs.openat(At.AT_FDCWD, tmp + "/missing", Open.O_RDONLY | Open.O_CLOEXEC, 0));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("ENOENT", e.errnoName());
        assertEquals("openat(AT_FDCWD, \"" + tmp + "/missing\", O_RDONLY|O_CLOEXEC, 0) = -1 ENOENT (No such file or "
                + "directory)", e.getMessage());
        ErrnoException bad = assertThrows(ErrnoException.class, () -> Fs.close(987_654));
        assertEquals("close(987654) = -1 EBADF (Bad file descriptor)", bad.getMessage());
        MountException m = assertThrows(MountException.class,
                () -> Mounts.mount("none", tmp + "/nowhere", "tmpfs", Mount.MS_NOSUID | Mount.MS_NODEV, null));
        assertTrue(m.getMessage().startsWith("mount(\"none\", \"" + tmp + "/nowhere\", \"tmpfs\", MS_NOSUID|MS_NODEV, "
                + "NULL) = -1 "), m.getMessage());
        assertTrue(m.withContext("mounting /tmp of box").getMessage().startsWith("mounting /tmp of box: mount("));
    }

    @Test
    void filesReadWriteStatAndDirectories() throws Exception {
        int dir = Fs.open(tmp.toString(), Open.O_RDONLY | Open.O_DIRECTORY | Open.O_CLOEXEC);
        try (Fd d = Fd.of(dir)) {
            Fs.mkdirat(d.get(), "sub", 0750);
            ErrnoException exists = assertThrows(ErrnoException.class, () -> Fs.mkdirat(d.get(), "sub", 0750));
            assertEquals(Errno.EEXIST, exists.errno());
            int fd = Fs.openat(d.get(), "sub/file", Open.O_RDWR | Open.O_CREAT | Open.O_EXCL | Open.O_CLOEXEC, 0640);
            try (Fd f = Fd.of(fd)) {
                Fs.writeAll(f.get(), "hello, kernel".getBytes(StandardCharsets.UTF_8));
                assertEquals(0, Fs.lseek(f.get(), 0, Fcntl.SEEK_SET));
                assertEquals("hello", new String(Fs.read(f.get(), 5), StandardCharsets.UTF_8));
                try (Arena a = Arena.ofConfined()) {
                    MemorySegment buf = a.allocate(6);
                    assertEquals(6, Fs.pread(f.get(), buf, 7));
                    assertEquals("kernel", new String(buf.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8));
                }
                Statx st = Fs.fstat(f.get());
                assertEquals(13, st.size());
                assertTrue(st.isRegularFile());
                assertEquals(0640, st.mode() & 07777);
                assertEquals(Files.getAttribute(tmp.resolve("sub/file"), "unix:ino"), st.ino());
                Fs.ftruncate(f.get(), 5);
                assertEquals(5, Fs.stat(tmp + "/sub/file").size());
            }
            Fs.symlinkat("sub/file", d.get(), "link");
            assertEquals("sub/file", Fs.readlinkat(d.get(), "link"));
            assertTrue(Fs.lstat(tmp + "/link").isSymlink());
            Fs.renameat2(d.get(), "link", d.get(), "link2", Fcntl.RENAME_NOREPLACE);
            int sub = Fs.openat(d.get(), "sub", Open.O_RDONLY | Open.O_DIRECTORY | Open.O_CLOEXEC, 0);
            try (Fd s = Fd.of(sub)) {
                List<Fs.Dirent> entries = Fs.readDirectory(s.get());
                assertEquals(1, entries.size());
                assertEquals("file", entries.get(0).name());
                assertEquals(Fs.Dirent.DT_REG, entries.get(0).type());
            }
            Fs.unlinkat(d.get(), "link2", 0);
            Fs.unlinkat(d.get(), "sub/file", 0);
            Fs.unlinkat(d.get(), "sub", At.AT_REMOVEDIR);
            assertEquals(List.of(), Fs.readDirectory(d.get()));
        }
    }

    @Test
    void openat2InRootContainsSymlinks() throws Exception {
        Files.createDirectories(tmp.resolve("root/etc"));
        Files.writeString(tmp.resolve("root/etc/passwd"), "inside\n");
        Files.createSymbolicLink(tmp.resolve("root/escape"), Path.of("/etc"));
        int root = Fs.open(tmp + "/root", Open.O_PATH | Open.O_DIRECTORY | Open.O_CLOEXEC);
        try (Fd r = Fd.of(root)) {
            int fd = Fs.openat2(r.get(), "escape/passwd", Open.O_RDONLY | Open.O_CLOEXEC, 0, Open.RESOLVE_IN_ROOT);
            try (Fd f = Fd.of(fd)) {
                assertEquals("inside\n", new String(Fs.read(f.get(), 100), StandardCharsets.UTF_8));
            }
            ErrnoException e = assertThrows(ErrnoException.class, () -> Fs.openat2(r.get(), "escape/passwd",
                    Open.O_RDONLY | Open.O_CLOEXEC, 0, Open.RESOLVE_BENEATH));
            assertEquals(Errno.EXDEV, e.errno());
            assertTrue(e.getMessage().contains("resolve=RESOLVE_BENEATH"), e.getMessage());
        }
    }

    @Test
    void pipesDupAndCloexec() throws Exception {
        int[] p = Fs.pipe2(Open.O_CLOEXEC);
        try (Fd r = Fd.of(p[0]); Fd w = Fd.of(p[1])) {
            assertEquals(Fcntl.FD_CLOEXEC, Fs.fcntl(r.get(), Fcntl.F_GETFD, 0));
            Fs.setCloexec(r.get(), false);
            assertEquals(0, Fs.fcntl(r.get(), Fcntl.F_GETFD, 0));
            int copy = Fs.dup3(w.get(), 900, Open.O_CLOEXEC);
            try (Fd c = Fd.of(copy)) {
                assertEquals(900, c.get());
                Fs.writeAll(c.get(), new byte[] {42});
            }
            assertArrayEquals(new byte[] {42}, Fs.read(r.get(), 10));
        }
    }

    @Test
    void closeRangeMarksCloexec() throws Exception {
        int[] p = Fs.pipe2(0);
        try (Fd r = Fd.of(p[0]); Fd w = Fd.of(p[1])) {
            int lo = Math.min(r.get(), w.get());
            int hi = Math.max(r.get(), w.get());
            Fs.closeRange(lo, hi, Fcntl.CLOSE_RANGE_CLOEXEC);
            assertEquals(Fcntl.FD_CLOEXEC, Fs.fcntl(lo, Fcntl.F_GETFD, 0));
            assertEquals(Fcntl.FD_CLOEXEC, Fs.fcntl(hi, Fcntl.F_GETFD, 0));
        }
    }

    @Test
    void memfdAndSendfile() throws Exception {
        int m = Fs.memfdCreate("berth-test", Fcntl.MFD_CLOEXEC);
        int[] p = Fs.pipe2(Open.O_CLOEXEC);
        try (Fd mem = Fd.of(m); Fd r = Fd.of(p[0]); Fd w = Fd.of(p[1])) {
            Fs.writeAll(mem.get(), "memfd contents".getBytes(StandardCharsets.UTF_8));
            Fs.lseek(mem.get(), 0, Fcntl.SEEK_SET);
            assertEquals(14, Fs.sendfile(w.get(), mem.get(), 100));
            assertEquals("memfd contents", new String(Fs.read(r.get(), 100), StandardCharsets.UTF_8));
            assertEquals("/memfd:berth-test (deleted)", Fs.readlinkat(At.AT_FDCWD, "/proc/self/fd/" + mem.get()));
        }
    }

    @Test
    void scmRightsPassesAnOpenFile() throws Exception {
        int[] pair = Sockets.socketpair(Sock.AF_UNIX, Sock.SOCK_STREAM | Sock.SOCK_CLOEXEC, 0);
        int m = Fs.memfdCreate("passed", Fcntl.MFD_CLOEXEC);
        try (Fd a = Fd.of(pair[0]); Fd b = Fd.of(pair[1]); Fd mem = Fd.of(m)) {
            Fs.writeAll(mem.get(), "through the socket".getBytes(StandardCharsets.UTF_8));
            Sockets.sendFds(a.get(), new byte[] {'x'}, mem.get());
            Sockets.Received got = Sockets.receiveFds(b.get(), 16, 4);
            assertArrayEquals(new byte[] {'x'}, got.data());
            assertEquals(1, got.fds().length);
            try (Fd received = Fd.of(got.fds()[0])) {
                assertNotEquals(mem.get(), received.get());
                assertEquals(Fcntl.FD_CLOEXEC, Fs.fcntl(received.get(), Fcntl.F_GETFD, 0));
                Fs.lseek(received.get(), 0, Fcntl.SEEK_SET);
                assertEquals("through the socket", new String(Fs.read(received.get(), 100), StandardCharsets.UTF_8));
                assertEquals(Syscalls.getpid(), Sockets.peerCredentials(b.get()).pid());
            }
        }
    }

    @Test
    void ptyPairWindowSizeAndTerminalCheck() throws Exception {
        Terminals.Pty pty = Terminals.openPty("/dev/ptmx");
        try (Fd master = Fd.of(pty.master()); Fd slave = Fd.of(pty.slave())) {
            assertTrue(Terminals.isatty(slave.get()));
            assertTrue(Fs.readlinkat(At.AT_FDCWD, "/proc/self/fd/" + slave.get()).endsWith("/" + pty.number()));
            Terminals.setWindowSize(master.get(), new Winsize(40, 132));
            assertEquals(new Winsize(40, 132), Terminals.getWindowSize(slave.get()));
            Fs.writeAll(master.get(), "ping\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("ping\n", new String(Fs.read(slave.get(), 100), StandardCharsets.UTF_8));
        }
        int[] p = Fs.pipe2(Open.O_CLOEXEC);
        try (Fd r = Fd.of(p[0]); Fd w = Fd.of(p[1])) {
            assertTrue(!Terminals.isatty(r.get()));
        }
    }

    @Test
    void rawModeAsCfmakerawAndBack() throws Exception {
        Terminals.Pty pty = Terminals.openPty("/dev/ptmx");
        try (Fd master = Fd.of(pty.master()); Fd slave = Fd.of(pty.slave())) {
            byte[] cooked = Terminals.getAttributes(slave.get());
            java.nio.ByteBuffer c = java.nio.ByteBuffer.wrap(cooked).order(java.nio.ByteOrder.nativeOrder());
            assertTrue((c.getInt(Termios.LFLAG) & (Termios.ICANON | Termios.ECHO)) != 0, "a new pty is cooked");
            Terminals.setAttributes(slave.get(), Terminals.raw(cooked));
            java.nio.ByteBuffer r = java.nio.ByteBuffer.wrap(Terminals.getAttributes(slave.get()))
                    .order(java.nio.ByteOrder.nativeOrder());
            assertEquals(0, r.getInt(Termios.LFLAG) & (Termios.ICANON | Termios.ECHO | Termios.ISIG | Termios.IEXTEN));
            assertEquals(0, r.getInt(Termios.OFLAG) & Termios.OPOST);
            assertEquals(Termios.CS8, r.getInt(Termios.CFLAG) & Termios.CSIZE);
            assertEquals(1, r.get(Termios.CC + Termios.VMIN));
            // raw: no line discipline, so a partial line reaches the reader at once and "\n" is not translated
            Fs.writeAll(master.get(), "ab".getBytes(StandardCharsets.UTF_8));
            assertEquals("ab", new String(Fs.read(slave.get(), 100), StandardCharsets.UTF_8));
            Terminals.setAttributes(slave.get(), cooked);
            assertArrayEquals(cooked, Terminals.getAttributes(slave.get()));
        }
    }

    @Test
    void signalMaskSignalfdAndSigtimedwaitOnOneThread() throws Exception {
        // Masks are per thread: use a fresh platform thread so the JVM's own threads are unaffected.
        NsThread.unshared(0, () -> {
            long before = Signals.blocked();
            long old = Signals.sigprocmask(Signal.SIG_BLOCK, Signal.mask(Signal.SIGUSR1, Signal.SIGUSR2));
            assertEquals(before, old);
            assertEquals(Signal.mask(Signal.SIGUSR1, Signal.SIGUSR2),
                    Signals.blocked() & Signal.mask(Signal.SIGUSR1, Signal.SIGUSR2));
            int sfd = Signals.signalfd(-1, Signal.mask(Signal.SIGUSR1), Signal.SFD_CLOEXEC | Signal.SFD_NONBLOCK);
            try (Fd s = Fd.of(sfd)) {
                assertNull(Signals.readSignalfd(s.get()));
                Signals.tgkill(Syscalls.getpid(), Syscalls.gettid(), Signal.SIGUSR1);
                SignalfdSiginfo info = Signals.readSignalfd(s.get());
                assertEquals(Signal.SIGUSR1, info.signo());
                assertEquals(Syscalls.getpid(), info.pid());
            }
            Signals.tgkill(Syscalls.getpid(), Syscalls.gettid(), Signal.SIGUSR2);
            assertTrue((Signals.pending() & Signal.mask(Signal.SIGUSR2)) != 0);
            var got = Signals.sigtimedwait(Signal.mask(Signal.SIGUSR2), java.time.Duration.ofSeconds(5));
            assertEquals(Signal.SIGUSR2, got.signo());
            assertNull(Signals.sigtimedwait(Signal.mask(Signal.SIGUSR2), java.time.Duration.ofMillis(10)));
            Signals.sigprocmask(Signal.SIG_SETMASK, before);
            return null;
        });
    }

    @Test
    void epollSeesAnEventfd() throws Exception {
        int ep = Epolls.create(Epoll.EPOLL_CLOEXEC);
        int ev = Epolls.eventfd(0, Epoll.EFD_CLOEXEC | Epoll.EFD_NONBLOCK);
        try (Fd e = Fd.of(ep); Fd efd = Fd.of(ev)) {
            Epolls.ctl(e.get(), Epoll.EPOLL_CTL_ADD, efd.get(), Epoll.EPOLLIN, 77);
            assertEquals(List.of(), Epolls.wait(e.get(), 4, 0));
            try (Arena a = Arena.ofConfined()) {
                Fs.write(efd.get(), a.allocateFrom(ValueLayout.JAVA_LONG, 3));
            }
            assertEquals(List.of(new EpollEvent(Epoll.EPOLLIN, 77)), Epolls.wait(e.get(), 4, 1000));
        }
    }

    @Test
    void limitsCapabilitiesAndSystem() throws Exception {
        var nofile = Syscalls.getrlimit(Resource.RLIMIT_NOFILE);
        String limits = Fs.readFile("/proc/self/limits");
        assertTrue(limits.matches("(?s).*Max open files\\s+" + nofile.cur() + "\\s+" + nofile.max() + ".*"), limits);
        var caps = Syscalls.capget(0);
        String status = Fs.readFile("/proc/thread-self/status");
        assertTrue(status.contains(String.format("CapEff:\t%016x", caps.effective())), status);
        assertTrue(Syscalls.sysinfo().totalRamBytes() > 0);
        assertTrue(Syscalls.clockGettime(Clocks.CLOCK_MONOTONIC).sec() >= 0);
        assertTrue(Syscalls.schedGetaffinity(0).cardinality() >= 1);
        int old = Syscalls.umask(027);
        assertEquals(027, Syscalls.umask(old));
        assertEquals(0, Syscalls.personality(Personality.QUERY) & 0xff);
        assertTrue(Syscalls.seccompActionAvailable(Seccomp.SECCOMP_RET_ERRNO));
    }

    @Test
    void rawCallByName() throws Exception {
        assertEquals(Syscalls.getppid(), Raw.syscall("getppid"));
        assertThrows(IllegalArgumentException.class, () -> Raw.syscall("no_such_call"));
        ErrnoException e = assertThrows(ErrnoException.class, () -> Raw.syscall("close", -1));
        assertEquals("close(0xffffffffffffffff) = -1 EBADF (Bad file descriptor)", e.getMessage());
    }
}
