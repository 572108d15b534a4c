package dev.berth.syscall.abi;

import java.util.List;

/**
 * A C translation unit's header set. glibc's headers and the kernel's uapi headers clash (glibc 2.36's
 * {@code <sys/mount.h>} and {@code <linux/mount.h>} define the same names, {@code <signal.h>} and
 * {@code <asm/signal.h>} two different {@code sigset_t}), so each check names the unit whose headers
 * define its C counterpart, and each unit is compiled on its own.
 */
enum Unit {
    /** The kernel's own headers ({@code linux-libc-dev}), no libc header at all: the ABI the syscalls see. */
    UAPI("uapi", List.of(
            "#include <stddef.h>",
            "#include <linux/types.h>",
            "#include <linux/sched.h>",
            "#include <linux/mount.h>",
            "#include <linux/fcntl.h>",
            "#include <linux/openat2.h>",
            "#include <linux/stat.h>",
            "#include <linux/fs.h>",
            "#include <linux/close_range.h>",
            "#include <linux/memfd.h>",
            "#include <asm/signal.h>",
            "#include <asm/siginfo.h>",
            "#include <linux/signalfd.h>",
            "#include <linux/prctl.h>",
            "#include <linux/securebits.h>",
            "#include <linux/capability.h>",
            "#include <linux/seccomp.h>",
            "#include <linux/filter.h>",
            "#include <linux/audit.h>",
            "#include <asm/unistd.h>",
            "#include <asm/ioctls.h>",
            "#include <asm/termbits.h>",
            "#include <linux/nsfs.h>",
            "#include <linux/netlink.h>",
            "#include <linux/wait.h>",
            "#include <linux/resource.h>",
            "#include <linux/reboot.h>",
            "#include <linux/eventpoll.h>",
            "#include <linux/mman.h>",
            "#include <linux/personality.h>",
            "#include <linux/time.h>",
            "#include <linux/time_types.h>",
            "#include <linux/ioprio.h>",
            "#include <linux/errno.h>",
            "#include <linux/sysinfo.h>")),

    /** glibc's headers (2.36), for what only the C library defines or what Berth mirrors from it. */
    GLIBC("glibc", List.of(
            "#define _GNU_SOURCE",
            "#include <stddef.h>",
            "#include <errno.h>",
            "#include <signal.h>",
            "#include <sys/mount.h>",
            "#include <sys/socket.h>",
            "#include <sys/un.h>",
            "#include <sys/uio.h>",
            "#include <sys/epoll.h>",
            "#include <sys/eventfd.h>",
            "#include <sys/ioctl.h>",
            "#include <sys/utsname.h>",
            "#include <linux/netlink.h>")),

    /** The system call numbers alone. */
    SYSCALLS("syscalls", List.of("#include <asm/unistd.h>"));

    final String fileName;
    final List<String> prelude;

    Unit(String fileName, List<String> prelude) {
        this.fileName = fileName;
        this.prelude = prelude;
    }

    /** Whether this unit includes {@code header} ({@code "<linux/sched.h>"}). */
    boolean includes(String header) {
        return prelude.contains("#include " + header);
    }
}
