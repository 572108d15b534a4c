package dev.berth.runtime.init;

import dev.berth.netlink.ops.RouteSpec;
import dev.berth.netlink.ops.Rtnl;
import dev.berth.syscall.At;
import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Mount;
import dev.berth.syscall.MountException;
import dev.berth.syscall.Mounts;
import dev.berth.syscall.Open;
import dev.berth.syscall.Reboot;
import dev.berth.syscall.Signal;
import dev.berth.syscall.Signals;
import dev.berth.syscall.Syscalls;
import dev.berth.syscall.Wait;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code berth init} as the real PID 1 of a (virtual) machine: what a VM's {@code /sbin/init} does when
 * it only runs one job. Before the payload: the pseudo-filesystems, the hostname, {@code lo} and the
 * first NIC with its address, default route and DNS file (from the kernel's {@code ip=} or a spec).
 * After it: every process stopped (SIGTERM, grace, SIGKILL), {@code sync}, filesystems unmounted, the
 * payload's status printed on the console, and {@code reboot(RB_POWER_OFF)}.
 */
public final class VmInit {
    /** The pseudo-filesystems, in mount order: {@code {target, type, flags, data}}. */
    private static final Object[][] MOUNTS = {
        {"/proc", "proc", Mount.MS_NOSUID | Mount.MS_NODEV | Mount.MS_NOEXEC, null},
        {"/sys", "sysfs", Mount.MS_NOSUID | Mount.MS_NODEV | Mount.MS_NOEXEC, null},
        {"/dev", "devtmpfs", Mount.MS_NOSUID, "mode=0755"},
        {"/dev/pts", "devpts", Mount.MS_NOSUID | Mount.MS_NOEXEC, "mode=0620,gid=5,ptmxmode=0666"},
        {"/dev/shm", "tmpfs", Mount.MS_NOSUID | Mount.MS_NODEV, "mode=1777"},
        {"/run", "tmpfs", Mount.MS_NOSUID | Mount.MS_NODEV, "mode=0755"},
        {"/tmp", "tmpfs", Mount.MS_NOSUID | Mount.MS_NODEV, "mode=1777"},
        {"/sys/fs/cgroup", "cgroup2", Mount.MS_NOSUID | Mount.MS_NODEV | Mount.MS_NOEXEC, null},
    };

    private final InitOptions options;
    private final PrintStream console;
    private final dev.berth.specs.Spec spec;

    /** {@code spec}: the {@code --spec} config (hostname, network extension), or null. */
    public VmInit(InitOptions options, PrintStream console, dev.berth.specs.Spec spec) {
        this.options = options;
        this.console = console;
        this.spec = spec;
    }

    /** Whether this process should act as a VM's init: PID 1 without {@code /proc} mounted, unless told. */
    public static boolean detect(InitOptions options) throws ErrnoException {
        if (options.vm() != null) {
            return options.vm();
        }
        return Syscalls.getpid() == 1 && !Fs.faccessat(At.AT_FDCWD, "/proc/self", 0, 0);
    }

    /** Sets the machine up, runs the payload, shuts down and powers off. Returns only if power-off fails. */
    public int run(List<String> argv, List<String> env) throws Exception {
        Init.catchAll();
        String setupFailure = argv.isEmpty() ? "nothing to run: no command and no process in --spec" : setUp();
        int code;
        if (setupFailure != null) {
            console.println("berth: " + setupFailure);
            console.printf("berth: not starting %s on a machine that is not set up%n", argv);
            code = 1;
        } else {
            console.printf("berth: starting %s after %s s of uptime%n", argv, uptime());
            try {
                code = new Init(options, console).run(argv, env);
            } catch (Exception e) {
                console.println("berth: " + e.getMessage());
                code = 127;
            }
            console.printf("berth: %s exited with status %d%n", argv.get(0), code);
        }
        stopEverything();
        Syscalls.sync();
        unmountAll();
        console.println("berth: powering off");
        console.flush();
        Syscalls.reboot(Reboot.LINUX_REBOOT_CMD_POWER_OFF);
        return code;
    }

    /**
     * Mounts, hostname and network; returns what failed, or null. Nothing may escape from here: when PID 1
     * exits, the kernel panics (the VM test showed a bad {@code ip=} ending in "Attempted to kill init!"
     * with the reason scrolled away by the panic's stack trace).
     */
    private String setUp() {
        try {
            mountPseudoFilesystems();
            // Ctrl-Alt-Del becomes a SIGINT to init instead of an immediate reboot.
            tryOrSay("reboot(LINUX_REBOOT_CMD_CAD_OFF)", () -> Syscalls.reboot(Reboot.LINUX_REBOOT_CMD_CAD_OFF));
            KernelIp ip = KernelIp.fromCmdline(Fs.readFile("/proc/cmdline"));
            if (ip == null && spec != null) {
                ip = SpecNetwork.staticAddress(spec);
            }
            String hostname = spec != null && spec.hostname() != null && !spec.hostname().isEmpty() ? spec.hostname()
                    : ip != null ? ip.hostname() : null;
            if (hostname != null) {
                Syscalls.sethostname(hostname);
            }
            configureNetwork(ip);
            return null;
        } catch (Exception e) {
            return e.getMessage() != null ? e.getMessage() : e.toString();
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private void tryOrSay(String what, Action action) {
        try {
            action.run();
        } catch (Exception e) {
            console.println("berth: " + what + ": " + e.getMessage());
        }
    }

    private static String uptime() {
        try {
            return Fs.readFile("/proc/uptime").split(" ")[0];
        } catch (ErrnoException e) {
            return "?";
        }
    }

    /** Mounts each pseudo-filesystem that is not mounted yet, creating its mount point. */
    void mountPseudoFilesystems() throws ErrnoException {
        for (Object[] m : MOUNTS) {
            String target = (String) m[0];
            if (target.equals("/proc") || !mounted(target)) {
                try {
                    Fs.mkdirat(At.AT_FDCWD, target, 0755);
                } catch (ErrnoException e) {
                    if (!e.is(Errno.EEXIST)) {
                        throw e.withContext("creating the mount point " + target);
                    }
                }
                try {
                    if (!target.equals("/proc") || !Fs.faccessat(At.AT_FDCWD, "/proc/self", 0, 0)) {
                        Mounts.mount((String) m[1], target, (String) m[1], (long) m[2], (String) m[3]);
                    }
                } catch (MountException e) {
                    if (e.is(Errno.ENODEV) && m[1].equals("cgroup2")) {
                        console.println("berth: this kernel has no cgroup2: " + e.getMessage());
                    } else {
                        throw e;
                    }
                }
            }
        }
        String[][] links = {{"/proc/self/fd", "/dev/fd"}, {"/proc/self/fd/0", "/dev/stdin"},
            {"/proc/self/fd/1", "/dev/stdout"}, {"/proc/self/fd/2", "/dev/stderr"}};
        for (String[] l : links) {
            try {
                Fs.symlinkat(l[0], At.AT_FDCWD, l[1]);
            } catch (ErrnoException e) {
                if (!e.is(Errno.EEXIST)) {
                    throw e;
                }
            }
        }
    }

    private static boolean mounted(String target) throws ErrnoException {
        return Fs.readFile("/proc/self/mountinfo").lines().anyMatch(l -> l.split(" ")[4].equals(target));
    }

    /** {@code lo} up, and the NIC from {@code ip=}: address, link up, default route, resolv.conf. */
    void configureNetwork(KernelIp ip) throws ErrnoException {
        try (Rtnl rtnl = Rtnl.open()) {
            rtnl.links().up("lo");
            if (ip == null) {
                return;
            }
            String dev = ip.device() != null ? ip.device()
                    : rtnl.links().list().stream().filter(l -> !l.name().equals("lo")).map(l -> l.name())
                            .findFirst().orElseThrow(() -> new ErrnoException(Errno.ENODEV, "ip=", "no network device"));
            try {
                rtnl.addresses().add(dev, ip.address() + "/" + ip.prefix());
            } catch (ErrnoException e) {
                if (!e.is(Errno.EEXIST)) {
                    throw e.withContext("ip=: address " + ip.address() + " on " + dev);
                }
            }
            rtnl.links().up(dev);
            if (ip.gateway() != null) {
                try {
                    rtnl.routes().add(RouteSpec.defaultRoute(2).via(ip.gateway()).dev(dev));
                } catch (ErrnoException e) {
                    if (!e.is(Errno.EEXIST)) {
                        throw e.withContext("ip=: default route via " + ip.gateway());
                    }
                }
            }
            console.printf("berth: %s %s/%d%s%n", dev, ip.address(), ip.prefix(),
                    ip.gateway() != null ? " via " + ip.gateway() : "");
        }
        if (!ip.dns().isEmpty()) {
            writeResolvConf(ip.dns());
        }
    }

    private static void writeResolvConf(List<String> dns) throws ErrnoException {
        try {
            Fs.mkdirat(At.AT_FDCWD, "/etc", 0755);
        } catch (ErrnoException e) {
            if (!e.is(Errno.EEXIST)) {
                throw e;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String server : dns) {
            sb.append("nameserver ").append(server).append('\n');
        }
        int fd = Fs.openat(At.AT_FDCWD, "/etc/resolv.conf", Open.O_WRONLY | Open.O_CREAT | Open.O_TRUNC
                | Open.O_CLOEXEC, 0644);
        try {
            Fs.writeAll(fd, sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            Fs.close(fd);
        }
    }

    /** SIGTERM to every process, up to the grace period for them to end, then SIGKILL; reaps them all. */
    void stopEverything() throws ErrnoException {
        if (!anyChildren()) {
            return;
        }
        send(Signal.SIGTERM);
        long deadline = System.nanoTime() + (long) (Math.max(0, options.graceSeconds()) * 1e9);
        while (anyChildren() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (anyChildren()) {
            console.println("berth: SIGKILL to the processes left");
            send(Signal.SIGKILL);
            while (anyChildren()) {
                Syscalls.waitid(Wait.P_ALL, 0, Wait.WEXITED);
            }
        }
    }

    private static void send(int sig) throws ErrnoException {
        try {
            Signals.kill(-1, sig);
        } catch (ErrnoException e) {
            if (!e.is(Errno.ESRCH)) {
                throw e;
            }
        }
    }

    /** Reaps what has ended; true if any child is still alive. */
    private static boolean anyChildren() throws ErrnoException {
        while (true) {
            try {
                if (Syscalls.waitid(Wait.P_ALL, 0, Wait.WEXITED | Wait.WNOHANG) == null) {
                    return true;
                }
            } catch (ErrnoException e) {
                if (e.is(Errno.ECHILD)) {
                    return false;
                }
                throw e;
            }
        }
    }

    /** Unmounts every filesystem but the root, innermost first; what is busy is detached. */
    void unmountAll() {
        try {
            List<String> targets = new ArrayList<>(Arrays.asList(Fs.readFile("/proc/self/mountinfo").lines()
                    .map(l -> l.split(" ")[4]).filter(t -> !t.equals("/")).toArray(String[]::new)));
            java.util.Collections.reverse(targets);
            for (String t : targets) {
                try {
                    Mounts.umount2(t, Mount.MNT_DETACH);
                } catch (MountException e) {
                    if (!e.is(Errno.EINVAL) && !e.is(Errno.ENOENT)) {
                        console.println("berth: " + e.getMessage());
                    }
                }
            }
        } catch (ErrnoException e) {
            console.println("berth: listing mounts: " + e.getMessage());
        }
    }
}
