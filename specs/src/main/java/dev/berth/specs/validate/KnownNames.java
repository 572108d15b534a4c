package dev.berth.specs.validate;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names Berth recognises in a spec, for validation and for the features document. Lists are in the
 * kernel's or libseccomp's order.
 */
public final class KnownNames {
    private KnownNames() {}

    /** {@code linux.namespaces[].type}, config-linux.md. */
    public static final List<String> NAMESPACES =
            List.of("mount", "pid", "network", "uts", "ipc", "user", "cgroup", "time");

    /** The kernel's short names (/proc/PID/ns/*) of the namespace types, used in messages. */
    public static final Map<String, String> NAMESPACE_SHORT_NAMES = Map.of(
            "mount", "mnt", "pid", "pid", "network", "net", "uts", "uts", "ipc", "ipc",
            "user", "user", "cgroup", "cgroup", "time", "time");

    /** capabilities(7), numbers 0 to 40 in order. */
    public static final List<String> CAPABILITIES = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
            "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
            "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
            "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
            "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
            "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
            "CAP_CHECKPOINT_RESTORE");

    /** getrlimit(2) resources of Linux. */
    public static final List<String> RLIMITS = List.of(
            "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS", "RLIMIT_NPROC",
            "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS", "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE",
            "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME");

    public static final List<String> SECCOMP_ACTIONS = List.of(
            "SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_TRAP", "SCMP_ACT_ERRNO",
            "SCMP_ACT_TRACE", "SCMP_ACT_ALLOW", "SCMP_ACT_LOG", "SCMP_ACT_NOTIFY");

    /** The actions that return an errno, so that {@code errnoRet} means something. */
    public static final Set<String> SECCOMP_ERRNO_ACTIONS = Set.of("SCMP_ACT_ERRNO", "SCMP_ACT_TRACE");

    public static final List<String> SECCOMP_OPERATORS = List.of(
            "SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ", "SCMP_CMP_GE", "SCMP_CMP_GT",
            "SCMP_CMP_MASKED_EQ");

    /** libseccomp 2.6 architectures. */
    public static final List<String> SECCOMP_ARCHS = List.of(
            "SCMP_ARCH_X86", "SCMP_ARCH_X86_64", "SCMP_ARCH_X32", "SCMP_ARCH_ARM", "SCMP_ARCH_AARCH64",
            "SCMP_ARCH_LOONGARCH64", "SCMP_ARCH_M68K", "SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64", "SCMP_ARCH_MIPS64N32",
            "SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64", "SCMP_ARCH_MIPSEL64N32", "SCMP_ARCH_PPC", "SCMP_ARCH_PPC64",
            "SCMP_ARCH_PPC64LE", "SCMP_ARCH_S390", "SCMP_ARCH_S390X", "SCMP_ARCH_SH", "SCMP_ARCH_SHEB",
            "SCMP_ARCH_PARISC", "SCMP_ARCH_PARISC64", "SCMP_ARCH_RISCV64");

    public static final List<String> SECCOMP_FLAGS = List.of(
            "SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW",
            "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV");

    public static final List<String> SCHED_POLICIES = List.of(
            "SCHED_OTHER", "SCHED_FIFO", "SCHED_RR", "SCHED_BATCH", "SCHED_ISO", "SCHED_IDLE", "SCHED_DEADLINE");

    public static final List<String> SCHED_FLAGS = List.of(
            "SCHED_FLAG_RESET_ON_FORK", "SCHED_FLAG_RECLAIM", "SCHED_FLAG_DL_OVERRUN", "SCHED_FLAG_KEEP_POLICY",
            "SCHED_FLAG_KEEP_PARAMS", "SCHED_FLAG_UTIL_CLAMP_MIN", "SCHED_FLAG_UTIL_CLAMP_MAX");

    public static final List<String> IOPRIO_CLASSES = List.of("IOPRIO_CLASS_RT", "IOPRIO_CLASS_BE", "IOPRIO_CLASS_IDLE");

    public static final List<String> MEMORY_POLICY_MODES = List.of(
            "MPOL_DEFAULT", "MPOL_BIND", "MPOL_INTERLEAVE", "MPOL_WEIGHTED_INTERLEAVE", "MPOL_PREFERRED",
            "MPOL_PREFERRED_MANY", "MPOL_LOCAL");

    public static final List<String> MEMORY_POLICY_FLAGS =
            List.of("MPOL_F_NUMA_BALANCING", "MPOL_F_RELATIVE_NODES", "MPOL_F_STATIC_NODES");

    /**
     * {@code linux.rootfsPropagation}: the spec's four values, and the recursive forms that runc also
     * accepts and some clients write.
     */
    public static final List<String> ROOTFS_PROPAGATIONS = List.of(
            "private", "shared", "slave", "unbindable", "rprivate", "rshared", "rslave", "runbindable");

    public static final List<String> PERSONALITY_DOMAINS = List.of("LINUX", "LINUX32");

    /** {@code linux.devices[].type}. */
    public static final List<String> DEVICE_TYPES = List.of("c", "b", "u", "p");

    /** {@code linux.resources.devices[].type}. */
    public static final List<String> DEVICE_RULE_TYPES = List.of("a", "c", "b");

    /** Clocks a time namespace can offset (time_namespaces(7)). */
    public static final List<String> TIME_NAMESPACE_CLOCKS = List.of("monotonic", "boottime");

    /** Mount options of config.md's "Linux mount options" table, plus the id-mapping options. */
    public static final List<String> MOUNT_OPTIONS = List.of(
            "acl", "async", "atime", "bind", "defaults", "dev", "diratime", "dirsync", "exec", "idmap", "iversion",
            "lazytime", "loud", "mand", "noacl", "noatime", "nodev", "nodiratime", "noexec", "noiversion",
            "nolazytime", "nomand", "norelatime", "nostrictatime", "nosuid", "nosymfollow", "private", "ratime",
            "rbind", "rdev", "rdiratime", "relatime", "remount", "rexec", "ridmap", "rnoatime", "rnodev",
            "rnodiratime", "rnoexec", "rnorelatime", "rnostrictatime", "rnosuid", "rnosymfollow", "ro", "rprivate",
            "rrelatime", "rro", "rrw", "rshared", "rslave", "rstrictatime", "rsuid", "rsymfollow", "runbindable",
            "rw", "shared", "silent", "slave", "strictatime", "suid", "symfollow", "sync", "tmpcopyup", "unbindable");
}
