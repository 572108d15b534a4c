package dev.berth.specs.validate;

import static dev.berth.specs.validate.Violations.field;
import static dev.berth.specs.validate.Violations.index;
import static dev.berth.specs.validate.Violations.quote;

import dev.berth.specs.Process;
import dev.berth.specs.Process.Capabilities;
import dev.berth.specs.Process.Rlimit;
import dev.berth.specs.Process.Scheduler;
import dev.berth.specs.Spec;
import dev.berth.specs.internal.Syntax;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** config.md "Process", "POSIX process", "Linux process", "User"; runc's checks where the spec is silent. */
final class ProcessCheck implements Check {
    private static final Set<String> CAPABILITIES = Set.copyOf(KnownNames.CAPABILITIES);
    private static final Set<String> RLIMITS = Set.copyOf(KnownNames.RLIMITS);

    @Override
    public void check(Spec spec, Violations out) {
        if (spec.process() != null) {
            check(spec.process(), "process", out);
        }
    }

    /** Checks {@code p}, whose JSON path is {@code base} ({@code process}, or empty for a lone process.json). */
    static void check(Process p, String base, Violations out) {
        if (p.args().isEmpty()) {
            out.add(field(base, "args"), "must have at least one entry");
        }
        out.nuls(field(base, "args"), p.args());
        out.env(field(base, "env"), p.env());
        String cwd = field(base, "cwd");
        if (!out.nul(cwd, p.cwd()) && !Syntax.isAbsolute(p.cwd())) {
            out.add(cwd, "must be an absolute path");
        }
        if (p.user().umask() != null && p.user().umask() > 0777) {
            out.add(field(field(base, "user"), "umask"), p.user().umask() + " has bits outside 0777");
        }
        rlimits(p.rlimits(), field(base, "rlimits"), out);
        if (p.capabilities() != null) {
            capabilities(p.capabilities(), field(base, "capabilities"), out);
        }
        if (p.oomScoreAdj() != null && (p.oomScoreAdj() < -1000 || p.oomScoreAdj() > 1000)) {
            out.add(field(base, "oomScoreAdj"), "must be -1000 to 1000, got " + p.oomScoreAdj());
        }
        if (p.scheduler() != null) {
            scheduler(p.scheduler(), field(base, "scheduler"), out);
        }
        if (p.ioPriority() != null) {
            String path = field(base, "ioPriority");
            if (!KnownNames.IOPRIO_CLASSES.contains(p.ioPriority().ioClass())) {
                out.add(field(path, "class"), "unknown I/O priority class " + quote(p.ioPriority().ioClass()));
            }
            if (p.ioPriority().priority() < 0 || p.ioPriority().priority() > 7) {
                out.add(field(path, "priority"), "must be 0 to 7, got " + p.ioPriority().priority());
            }
        }
        if (p.execCpuAffinity() != null) {
            String path = field(base, "execCPUAffinity");
            cpuList(field(path, "initial"), p.execCpuAffinity().initialCpus(), out);
            cpuList(field(path, "final"), p.execCpuAffinity().finalCpus(), out);
        }
    }

    static void cpuList(String path, String list, Violations out) {
        if (list != null && !Syntax.isCpuList(list)) {
            out.add(path, quote(list) + " is not a CPU list such as 0-3,7");
        }
    }

    private static void rlimits(List<Rlimit> rlimits, String path, Violations out) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rlimits.size(); i++) {
            Rlimit r = rlimits.get(i);
            String at = index(path, i);
            if (!RLIMITS.contains(r.type())) {
                out.add(field(at, "type"), "unknown rlimit " + quote(r.type()));
            } else if (!seen.add(r.type())) {
                out.add(field(at, "type"), "duplicate rlimit " + quote(r.type()));
            }
            if (Long.compareUnsigned(r.soft(), r.hard()) > 0) {
                out.add(field(at, "soft"), "soft limit " + Long.toUnsignedString(r.soft())
                        + " exceeds the hard limit " + Long.toUnsignedString(r.hard()));
            }
        }
    }

    private static void capabilities(Capabilities caps, String path, Violations out) {
        for (String set : Capabilities.SETS) {
            List<String> names = caps.byName(set);
            for (int i = 0; i < names.size(); i++) {
                if (!CAPABILITIES.contains(names.get(i))) {
                    out.add(index(field(path, set), i), "unknown capability " + quote(names.get(i)));
                }
            }
        }
        // capset(2) refuses an effective capability that is not permitted; prctl(PR_CAP_AMBIENT_RAISE)
        // refuses an ambient one that is not both permitted and inheritable
        Set<String> permitted = Set.copyOf(caps.permitted());
        Set<String> inheritable = Set.copyOf(caps.inheritable());
        for (int i = 0; i < caps.effective().size(); i++) {
            String cap = caps.effective().get(i);
            if (CAPABILITIES.contains(cap) && !permitted.contains(cap)) {
                out.add(index(field(path, "effective"), i), quote(cap) + " is effective but not permitted");
            }
        }
        for (int i = 0; i < caps.ambient().size(); i++) {
            String cap = caps.ambient().get(i);
            if (CAPABILITIES.contains(cap) && !(permitted.contains(cap) && inheritable.contains(cap))) {
                out.add(index(field(path, "ambient"), i), quote(cap) + " is ambient but not both permitted and inheritable");
            }
        }
    }

    private static void scheduler(Scheduler s, String path, Violations out) {
        boolean known = KnownNames.SCHED_POLICIES.contains(s.policy());
        if (!known) {
            out.add(field(path, "policy"), "unknown scheduling policy " + quote(s.policy()));
        }
        if (s.nice() < -20 || s.nice() > 19) {
            out.add(field(path, "nice"), "must be -20 to 19, got " + s.nice());
        }
        boolean realtime = s.policy().equals("SCHED_FIFO") || s.policy().equals("SCHED_RR");
        if (s.priority() != 0 && known && !realtime) {
            out.add(field(path, "priority"), "only SCHED_FIFO and SCHED_RR take a priority");
        } else if (realtime && (s.priority() < 1 || s.priority() > 99)) {
            out.add(field(path, "priority"), "must be 1 to 99 for " + s.policy() + ", got " + s.priority());
        }
        if (known && !s.policy().equals("SCHED_DEADLINE") && (s.runtime() != 0 || s.deadline() != 0 || s.period() != 0)) {
            out.add(path, "runtime, deadline and period are for SCHED_DEADLINE only");
        }
        Map<String, Integer> flags = new HashMap<>();
        for (int i = 0; i < s.flags().size(); i++) {
            String flag = s.flags().get(i);
            if (!KnownNames.SCHED_FLAGS.contains(flag)) {
                out.add(index(field(path, "flags"), i), "unknown scheduler flag " + quote(flag));
            } else if (flags.putIfAbsent(flag, i) != null) {
                out.add(index(field(path, "flags"), i), "duplicate scheduler flag " + quote(flag));
            }
        }
    }
}
