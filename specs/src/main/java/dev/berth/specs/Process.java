package dev.berth.specs;

import dev.berth.specs.internal.Immutable;
import java.util.List;
import java.util.Objects;

/**
 * The container process ({@code process} of config.json, or the whole {@code --process} file of
 * {@code exec}).
 *
 * @param terminal whether a pseudoterminal is allocated for the process
 * @param consoleSize terminal size, null when absent; ignored without {@code terminal}
 * @param user uid, gid, umask and groups; uid and gid 0 when the document has no {@code user}
 * @param args argv; the first entry is looked up like execvp(3)'s file
 * @param commandLine Windows only; kept so that nothing read is lost; null when absent
 * @param env environment, {@code NAME=value} entries
 * @param cwd working directory, absolute
 * @param capabilities capability sets, null when absent
 * @param rlimits resource limits (setrlimit(2))
 * @param noNewPrivileges sets {@code PR_SET_NO_NEW_PRIVS}
 * @param apparmorProfile null when absent
 * @param oomScoreAdj value for {@code /proc/PID/oom_score_adj}, null to leave it alone
 * @param scheduler sched_setattr(2) attributes, null when absent
 * @param selinuxLabel null when absent
 * @param ioPriority ioprio_set(2) class and level, null when absent
 * @param execCpuAffinity CPU affinity of an exec'd process ({@code execCPUAffinity}), null when absent
 */
public record Process(
        boolean terminal,
        ConsoleSize consoleSize,
        User user,
        List<String> args,
        String commandLine,
        List<String> env,
        String cwd,
        Capabilities capabilities,
        List<Rlimit> rlimits,
        boolean noNewPrivileges,
        String apparmorProfile,
        Integer oomScoreAdj,
        Scheduler scheduler,
        String selinuxLabel,
        IoPriority ioPriority,
        ExecCpuAffinity execCpuAffinity) {

    public Process {
        Objects.requireNonNull(cwd, "cwd");
        user = user == null ? User.ROOT : user;
        args = Immutable.list(args);
        env = Immutable.list(env);
        rlimits = Immutable.list(rlimits);
    }

    public Process withArgs(List<String> args) {
        return new Process(terminal, consoleSize, user, args, commandLine, env, cwd, capabilities, rlimits,
                noNewPrivileges, apparmorProfile, oomScoreAdj, scheduler, selinuxLabel, ioPriority, execCpuAffinity);
    }

    public Process withTerminal(boolean terminal) {
        return new Process(terminal, consoleSize, user, args, commandLine, env, cwd, capabilities, rlimits,
                noNewPrivileges, apparmorProfile, oomScoreAdj, scheduler, selinuxLabel, ioPriority, execCpuAffinity);
    }

    public Process withUser(User user) {
        return new Process(terminal, consoleSize, user, args, commandLine, env, cwd, capabilities, rlimits,
                noNewPrivileges, apparmorProfile, oomScoreAdj, scheduler, selinuxLabel, ioPriority, execCpuAffinity);
    }

    public Process withEnv(List<String> env) {
        return new Process(terminal, consoleSize, user, args, commandLine, env, cwd, capabilities, rlimits,
                noNewPrivileges, apparmorProfile, oomScoreAdj, scheduler, selinuxLabel, ioPriority, execCpuAffinity);
    }

    public Process withCwd(String cwd) {
        return new Process(terminal, consoleSize, user, args, commandLine, env, cwd, capabilities, rlimits,
                noNewPrivileges, apparmorProfile, oomScoreAdj, scheduler, selinuxLabel, ioPriority, execCpuAffinity);
    }

    /**
     * Console size in characters; both uint64.
     *
     * @param height rows
     * @param width columns
     */
    public record ConsoleSize(long height, long width) {}

    /**
     * The POSIX user of the process, ids in the container's user namespace.
     *
     * @param uid uint32
     * @param gid uint32
     * @param umask uint32, null to keep the caller's umask
     * @param additionalGids supplementary groups (setgroups(2)), each uint32
     */
    public record User(long uid, long gid, Long umask, List<Long> additionalGids) {
        /** uid 0, gid 0: what an absent {@code user} means. */
        public static final User ROOT = new User(0, 0, null, List.of());

        public User {
            additionalGids = Immutable.list(additionalGids);
        }
    }

    /**
     * The capability sets of capabilities(7), each a list of names such as {@code CAP_CHOWN}.
     */
    public record Capabilities(
            List<String> bounding,
            List<String> effective,
            List<String> inheritable,
            List<String> permitted,
            List<String> ambient) {

        /** The JSON names of the sets. */
        public static final List<String> SETS = List.of("bounding", "effective", "inheritable", "permitted", "ambient");

        public Capabilities {
            bounding = Immutable.list(bounding);
            effective = Immutable.list(effective);
            inheritable = Immutable.list(inheritable);
            permitted = Immutable.list(permitted);
            ambient = Immutable.list(ambient);
        }

        /** The set named {@code name} (one of {@link #SETS}). */
        public List<String> byName(String name) {
            return switch (name) {
                case "bounding" -> bounding;
                case "effective" -> effective;
                case "inheritable" -> inheritable;
                case "permitted" -> permitted;
                case "ambient" -> ambient;
                default -> throw new IllegalArgumentException("no capability set " + name);
            };
        }
    }

    /**
     * One resource limit (getrlimit(2)).
     *
     * @param type {@code RLIMIT_NOFILE} and the like
     * @param hard uint64 bits; {@code -1L} is {@code RLIM_INFINITY}
     * @param soft uint64 bits; {@code -1L} is {@code RLIM_INFINITY}
     */
    public record Rlimit(String type, long hard, long soft) {
        public Rlimit {
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * Scheduling attributes for sched_setattr(2); numbers absent from the document are 0.
     *
     * @param policy {@code SCHED_OTHER}, {@code SCHED_FIFO}...
     * @param nice int32
     * @param priority int32, for {@code SCHED_FIFO} and {@code SCHED_RR}
     * @param flags {@code SCHED_FLAG_*} names
     * @param runtime uint64 bits, nanoseconds, {@code SCHED_DEADLINE}
     * @param deadline uint64 bits, nanoseconds, {@code SCHED_DEADLINE}
     * @param period uint64 bits, nanoseconds, {@code SCHED_DEADLINE}
     */
    public record Scheduler(String policy, int nice, int priority, List<String> flags, long runtime, long deadline, long period) {
        public Scheduler {
            Objects.requireNonNull(policy, "policy");
            flags = Immutable.list(flags);
        }
    }

    /**
     * I/O priority (ioprio_set(2)).
     *
     * @param ioClass {@code IOPRIO_CLASS_RT}, {@code IOPRIO_CLASS_BE} or {@code IOPRIO_CLASS_IDLE} ({@code class})
     * @param priority 0 (highest) to 7 (lowest)
     */
    public record IoPriority(String ioClass, int priority) {
        public IoPriority {
            Objects.requireNonNull(ioClass, "ioClass");
        }
    }

    /**
     * CPUs an exec'd process runs on, as cpuset lists such as {@code 0-3,7}.
     *
     * @param initialCpus before joining the container's cgroup ({@code initial}), null when absent
     * @param finalCpus after joining it ({@code final}), null when absent
     */
    public record ExecCpuAffinity(String initialCpus, String finalCpus) {}
}
