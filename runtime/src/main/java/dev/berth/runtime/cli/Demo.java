package dev.berth.runtime.cli;

import dev.berth.syscall.Caps;
import dev.berth.syscall.Clone;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Mount;
import dev.berth.syscall.Mounts;
import dev.berth.syscall.NsThread;
import dev.berth.syscall.Open;
import dev.berth.syscall.Resource;
import dev.berth.syscall.Syscalls;
import dev.berth.syscall.struct.Statx;
import dev.berth.syscall.struct.Utsname;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code berth demo}: the syscall layer doing real work, readable as a script. As root it also makes a
 * private mount and UTS namespace on one thread, sets a hostname and mounts a tmpfs there, and shows
 * that the host saw none of it.
 */
public final class Demo {
    private Demo() {}

    public static int run(String[] args, PrintStream out) throws Exception {
        Utsname u = Syscalls.uname();
        out.printf("kernel      %s %s %s%n", u.sysname(), u.release(), u.machine());
        out.printf("process     pid %d, thread %d, uid %d, gid %d%n", Syscalls.getpid(), Syscalls.gettid(),
                Syscalls.getuid(), Syscalls.getgid());
        out.printf("capabilities %d effective%n", Caps.names(Syscalls.capget(0).effective()).size());
        out.printf("open files  %s%n", Syscalls.getrlimit(Resource.RLIMIT_NOFILE));
        try {
            Fs.open("/nonexistent/berth", Open.O_RDONLY | Open.O_CLOEXEC);
        } catch (ErrnoException e) {
            out.printf("an error    %s%n", e.getMessage());
        }
        if (Syscalls.geteuid() != 0) {
            out.println("namespaces  (run as root to see a private mount and UTS namespace)");
            return 0;
        }
        String hostHostname = u.nodename();
        String inside = NsThread.unshared(Clone.CLONE_NEWNS | Clone.CLONE_NEWUTS, () -> {
            Syscalls.sethostname("berth-demo");
            Mounts.mount("tmpfs", "/mnt", "tmpfs", Mount.MS_NOSUID | Mount.MS_NODEV, "size=1m,mode=0755");
            int fd = Fs.openat(-100, "/mnt/hello", Open.O_WRONLY | Open.O_CREAT | Open.O_CLOEXEC, 0644);
            Fs.writeAll(fd, "hello from a private namespace\n".getBytes(StandardCharsets.UTF_8));
            Fs.close(fd);
            Statx st = Fs.stat("/mnt/hello");
            return "hostname " + Syscalls.uname().nodename() + ", /mnt/hello " + st.size() + " bytes on mount "
                    + st.mntId();
        });
        out.printf("inside      %s%n", inside);
        boolean leaked = Fs.readFile("/proc/self/mountinfo").contains(" /mnt/hello")
                || !Syscalls.uname().nodename().equals(hostHostname);
        out.printf("host        hostname %s, /mnt/hello %s%n", Syscalls.uname().nodename(),
                Fs.faccessat(-100, "/mnt/hello", 0, 0) ? "exists (leaked!)" : "absent");
        return leaked ? 1 : 0;
    }
}
