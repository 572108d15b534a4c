package dev.berth.specs.internal;

import com.fasterxml.jackson.core.JsonLocation;
import dev.berth.specs.Process;
import dev.berth.specs.Process.Capabilities;
import dev.berth.specs.Process.ConsoleSize;
import dev.berth.specs.Process.ExecCpuAffinity;
import dev.berth.specs.Process.IoPriority;
import dev.berth.specs.Process.Rlimit;
import dev.berth.specs.Process.Scheduler;
import dev.berth.specs.Process.User;
import dev.berth.specs.SpecException;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code process}: config.md "Process", "POSIX process", "Linux process", "User". */
public final class ProcessReader {
    private ProcessReader() {}

    public static Process read(JsonIn in) throws SpecException {
        in.expectObject();
        JsonLocation start = in.mark();
        boolean terminal = false;
        boolean noNewPrivileges = false;
        ConsoleSize consoleSize = null;
        User user = null;
        List<String> args = null;
        List<String> env = null;
        List<Rlimit> rlimits = null;
        String commandLine = null;
        String cwd = null;
        String apparmorProfile = null;
        String selinuxLabel = null;
        Capabilities capabilities = null;
        Integer oomScoreAdj = null;
        Scheduler scheduler = null;
        IoPriority ioPriority = null;
        ExecCpuAffinity execCpuAffinity = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "terminal" -> terminal = in.bool();
                case "consoleSize" -> consoleSize = consoleSize(in);
                case "user" -> user = user(in);
                case "args" -> args = in.strings();
                case "commandLine" -> commandLine = in.string();
                case "env" -> env = in.strings();
                case "cwd" -> cwd = in.string();
                case "capabilities" -> capabilities = capabilities(in);
                case "rlimits" -> {
                    rlimits = new ArrayList<>();
                    for (in.startArray(); in.nextElement(); ) {
                        rlimits.add(rlimit(in));
                    }
                }
                case "noNewPrivileges" -> noNewPrivileges = in.bool();
                case "apparmorProfile" -> apparmorProfile = in.string();
                case "oomScoreAdj" -> oomScoreAdj = in.int32();
                case "scheduler" -> scheduler = scheduler(in);
                case "selinuxLabel" -> selinuxLabel = in.string();
                case "ioPriority" -> ioPriority = ioPriority(in);
                case "execCPUAffinity" -> execCpuAffinity = execCpuAffinity(in);
                default -> in.skip();
            }
        }
        if (cwd == null) {
            throw in.missing(start, "cwd");
        }
        return new Process(terminal, consoleSize, user, args, commandLine, env, cwd, capabilities, rlimits,
                noNewPrivileges, apparmorProfile, oomScoreAdj, scheduler, selinuxLabel, ioPriority, execCpuAffinity);
    }

    private static ConsoleSize consoleSize(JsonIn in) throws SpecException {
        in.expectObject();
        JsonLocation start = in.mark();
        Long height = null;
        Long width = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "height" -> height = in.uint64();
                case "width" -> width = in.uint64();
                default -> in.skip();
            }
        }
        if (height == null) {
            throw in.missing(start, "height");
        }
        if (width == null) {
            throw in.missing(start, "width");
        }
        return new ConsoleSize(height, width);
    }

    private static User user(JsonIn in) throws SpecException {
        in.expectObject();
        long uid = 0;
        long gid = 0;
        Long umask = null;
        List<Long> additionalGids = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "uid" -> uid = in.uint32();
                case "gid" -> gid = in.uint32();
                case "umask" -> umask = in.uint32();
                case "additionalGids" -> {
                    additionalGids = new ArrayList<>();
                    for (in.startArray(); in.nextElement(); ) {
                        additionalGids.add(in.uint32());
                    }
                }
                default -> in.skip();
            }
        }
        return new User(uid, gid, umask, additionalGids);
    }

    private static Capabilities capabilities(JsonIn in) throws SpecException {
        in.expectObject();
        List<String> bounding = null;
        List<String> effective = null;
        List<String> inheritable = null;
        List<String> permitted = null;
        List<String> ambient = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "bounding" -> bounding = in.strings();
                case "effective" -> effective = in.strings();
                case "inheritable" -> inheritable = in.strings();
                case "permitted" -> permitted = in.strings();
                case "ambient" -> ambient = in.strings();
                default -> in.skip();
            }
        }
        return new Capabilities(bounding, effective, inheritable, permitted, ambient);
    }

    private static Rlimit rlimit(JsonIn in) throws SpecException {
        in.expectObject();
        JsonLocation start = in.mark();
        String type = null;
        Long hard = null;
        Long soft = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "type" -> type = in.string();
                case "hard" -> hard = in.uint64();
                case "soft" -> soft = in.uint64();
                default -> in.skip();
            }
        }
        if (type == null) {
            throw in.missing(start, "type");
        }
        if (soft == null) {
            throw in.missing(start, "soft");
        }
        if (hard == null) {
            throw in.missing(start, "hard");
        }
        return new Rlimit(type, hard, soft);
    }

    private static Scheduler scheduler(JsonIn in) throws SpecException {
        in.expectObject();
        JsonLocation start = in.mark();
        String policy = null;
        int nice = 0;
        int priority = 0;
        List<String> flags = null;
        long runtime = 0;
        long deadline = 0;
        long period = 0;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "policy" -> policy = in.string();
                case "nice" -> nice = in.int32();
                case "priority" -> priority = in.int32();
                case "flags" -> flags = in.strings();
                case "runtime" -> runtime = in.uint64();
                case "deadline" -> deadline = in.uint64();
                case "period" -> period = in.uint64();
                default -> in.skip();
            }
        }
        if (policy == null) {
            throw in.missing(start, "policy");
        }
        return new Scheduler(policy, nice, priority, flags, runtime, deadline, period);
    }

    private static IoPriority ioPriority(JsonIn in) throws SpecException {
        in.expectObject();
        JsonLocation start = in.mark();
        String ioClass = null;
        int priority = 0;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "class" -> ioClass = in.string();
                case "priority" -> priority = in.int32();
                default -> in.skip();
            }
        }
        if (ioClass == null) {
            throw in.missing(start, "class");
        }
        return new IoPriority(ioClass, priority);
    }

    private static ExecCpuAffinity execCpuAffinity(JsonIn in) throws SpecException {
        in.expectObject();
        String initial = null;
        String last = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "initial" -> initial = in.string();
                case "final" -> last = in.string();
                default -> in.skip();
            }
        }
        return new ExecCpuAffinity(initial, last);
    }
}
