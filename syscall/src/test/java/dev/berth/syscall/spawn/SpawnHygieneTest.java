package dev.berth.syscall.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.syscall.At;
import dev.berth.syscall.Fd;
import dev.berth.syscall.Fs;
import dev.berth.syscall.NsThread;
import dev.berth.syscall.Open;
import dev.berth.syscall.Signal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the payload inherits: only the fds asked for, no blocked or caught signals; and the JVM is unchanged. */
class SpawnHygieneTest {
    private static Map<String, String> status(String path) throws Exception {
        return Fs.readFile(path).lines().filter(l -> l.contains(":\t"))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')), l -> l.substring(l.indexOf('\t') + 1)));
    }

    private static List<String> fds(int pid) throws Exception {
        try (Fd d = Fd.of(Fs.open("/proc/" + pid + "/fd", Open.O_RDONLY | Open.O_DIRECTORY | Open.O_CLOEXEC))) {
            return Fs.readDirectory(d.get()).stream().map(Fs.Dirent::name).sorted().toList();
        }
    }

    private static String describe(int pid) {
        try {
            StringBuilder sb = new StringBuilder();
            for (String fd : fds(pid)) {
                sb.append(fd).append(" -> ").append(Fs.readlinkat(At.AT_FDCWD, "/proc/" + pid + "/fd/" + fd)).append('\n');
            }
            return sb.toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Test
    void payloadSeesOnlyStdioAndRequestedFdsAndCleanSignals() throws Exception {
        // A JVM-side fd opened without O_CLOEXEC must not leak; one inherited on purpose must arrive as fd 5.
        int leaky = Fs.open("/dev/null", Open.O_RDONLY);
        int wanted = Fs.open("/etc/hostname", Open.O_RDONLY | Open.O_CLOEXEC);
        try (Fd l = Fd.of(leaky); Fd w = Fd.of(wanted)) {
            NsThread.unshared(0, () -> {
                // Block a signal on the spawning thread: the payload must still start with an empty mask.
                long jvmMask = dev.berth.syscall.Signals.sigprocmask(Signal.SIG_BLOCK, Signal.mask(Signal.SIGUSR2));
                Map<String, String> before = status("/proc/thread-self/status");
                SpawnPlan plan = SpawnPlan.builder().inheritFd(w.get(), 5)
                        .execve("/bin/sleep", List.of("sleep", "30"), List.of()).build();
                try (Spawned s = Spawner.spawn(plan)) {
                    s.awaitExec();
                    // sleep's start-up opens files of its own (locale); look once it sleeps.
                    for (int i = 0; i < 500 && !Fs.readFile("/proc/" + s.pid() + "/wchan").contains("nanosleep"); i++) {
                        Thread.sleep(10);
                    }
                    assertEquals(List.of("0", "1", "2", "5"), fds(s.pid()), () -> describe(s.pid()));
                    assertEquals(Fs.readlinkat(At.AT_FDCWD, "/proc/self/fd/" + w.get()),
                            Fs.readlinkat(At.AT_FDCWD, "/proc/" + s.pid() + "/fd/5"));
                    Map<String, String> child = status("/proc/" + s.pid() + "/status");
                    assertEquals("0000000000000000", child.get("SigBlk"), child.toString());
                    assertEquals("0000000000000000", child.get("SigCgt"));
                    assertEquals("0000000000000000", child.get("SigIgn"));
                    s.kill(Signal.SIGKILL);
                    assertEquals(ExitStatus.killed(Signal.SIGKILL), s.waitFor());
                }
                Map<String, String> after = status("/proc/thread-self/status");
                assertEquals(before.get("SigBlk"), after.get("SigBlk"), "the spawning thread's mask is restored");
                assertEquals(before.get("SigCgt"), after.get("SigCgt"), "the JVM's handlers are unchanged");
                dev.berth.syscall.Signals.sigprocmask(Signal.SIG_SETMASK, jvmMask);
                return null;
            });
        }
    }

    @Test
    void stdioCanBeRemappedEvenOntoEachOther() throws Exception {
        // 1 -> 2 and 2 -> 1 swapped: the two-pass inheritance must not overwrite a source before it is copied.
        int[] a = Fs.pipe2(Open.O_CLOEXEC);
        int[] b = Fs.pipe2(Open.O_CLOEXEC);
        try (Fd ar = Fd.of(a[0]); Fd aw = Fd.of(a[1]); Fd br = Fd.of(b[0]); Fd bw = Fd.of(b[1])) {
            SpawnPlan plan = Payload.sh(SpawnPlan.builder(), "echo out; echo err >&2").inheritFd(aw.get(), 2)
                    .inheritFd(bw.get(), 1).build();
            try (Spawned s = Spawner.spawn(plan)) {
                aw.close();
                bw.close();
                s.awaitExec();
                assertEquals(ExitStatus.exited(0), s.waitFor());
            }
            assertEquals("err\n", Payload.readAll(ar.get()));
            assertEquals("out\n", Payload.readAll(br.get()));
        }
    }

    @Test
    void planRendersLikeStrace() {
        PlanBuilder b = SpawnPlan.builder().cloneFlags(dev.berth.syscall.Clone.CLONE_NEWPID);
        Slot root = b.slot();
        b.openat(FdRef.CWD, "/x/rootfs", Open.O_PATH | Open.O_DIRECTORY | Open.O_CLOEXEC, 0).into(root)
                .mkdirat(root, "proc", 0555).tolerate(dev.berth.syscall.Errno.EEXIST).label("mounts[1]")
                .mount("proc", "/x/rootfs/proc", "proc", dev.berth.syscall.Mount.MS_NOSUID
                        | dev.berth.syscall.Mount.MS_NODEV | dev.berth.syscall.Mount.MS_NOEXEC, null)
                .execve("/bin/sh", List.of("sh"), List.of("PATH=/bin"));
        String rendered = b.build().render().replaceAll("(?m)^\\d+ rt_sigaction\\(.*\\n", "");
        int n = PlanBuilder.ignoredSignalCount();
        String renumbered = rendered.lines().map(l -> l.matches("^\\d+ .*") && Integer.parseInt(l.split(" ")[0]) > 2
                ? (Integer.parseInt(l.split(" ")[0]) - n) + l.substring(l.indexOf(' ')) : l)
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        assertEquals("""
                clone3({flags=CLONE_VM|CLONE_PIDFD|CLONE_NEWPID|CLONE_CLEAR_SIGHAND, exit_signal=SIGCHLD}, 88)
                1 close_range(3, 4294967295, CLOSE_RANGE_CLOEXEC)  # fds not inherited close at exec
                2 close_range(3, ~0, 0) except []  # the child holds only the fds its plan uses
                3 openat(AT_FDCWD, "/x/rootfs", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0) -> $0
                4 mkdirat($0, "proc", 0555) [EEXIST ok]  # mounts[1]
                5 mount("proc", "/x/rootfs/proc", "proc", MS_NOSUID|MS_NODEV|MS_NOEXEC, NULL)
                6 rt_sigprocmask(SIG_SETMASK, [], NULL, 8)  # the payload's signal mask
                7 execve("/bin/sh", ["sh"], ["PATH=/bin"])
                """, renumbered, "apart from resetting the " + n + " signals this JVM ignores");
    }
}
