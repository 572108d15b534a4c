package dev.berth.specs.internal;

import dev.berth.specs.Hook;
import dev.berth.specs.Hooks;
import dev.berth.specs.IdMapping;
import dev.berth.specs.Mount;
import dev.berth.specs.Process;
import dev.berth.specs.Process.Capabilities;
import dev.berth.specs.Process.Rlimit;
import dev.berth.specs.Process.Scheduler;
import dev.berth.specs.Spec;
import java.io.IOException;

/**
 * Writes config.json and its process part, in the field order of the spec's Go types (the order
 * {@code runc spec} prints), omitting what Go's {@code omitempty} omits.
 */
public final class SpecWriters {
    private SpecWriters() {}

    public static void spec(JsonOut out, Spec s) throws IOException {
        out.startObject();
        out.requiredString("ociVersion", s.ociVersion());
        out.object("process", s.process(), SpecWriters::process);
        out.object("root", s.root(), (o, r) -> {
            o.startObject();
            o.requiredString("path", r.path());
            o.flag("readonly", r.readonly());
            o.endObject();
        });
        out.string("hostname", s.hostname());
        out.string("domainname", s.domainname());
        out.list("mounts", s.mounts(), SpecWriters::mount);
        out.object("hooks", s.hooks(), SpecWriters::hooks);
        out.stringMap("annotations", s.annotations());
        out.object("linux", s.linux(), LinuxWriter::linux);
        out.endObject();
    }

    public static void process(JsonOut out, Process p) throws IOException {
        out.startObject();
        out.flag("terminal", p.terminal());
        out.object("consoleSize", p.consoleSize(), (o, c) -> {
            o.startObject();
            o.requiredUnsigned("height", c.height());
            o.requiredUnsigned("width", c.width());
            o.endObject();
        });
        out.object("user", p.user(), (o, u) -> {
            o.startObject();
            o.requiredNumber("uid", u.uid());
            o.requiredNumber("gid", u.gid());
            o.number("umask", u.umask());
            o.numbers("additionalGids", u.additionalGids());
            o.endObject();
        });
        out.strings("args", p.args());
        out.string("commandLine", p.commandLine());
        out.strings("env", p.env());
        out.requiredString("cwd", p.cwd());
        out.object("capabilities", p.capabilities(), SpecWriters::capabilities);
        out.list("rlimits", p.rlimits(), SpecWriters::rlimit);
        out.flag("noNewPrivileges", p.noNewPrivileges());
        out.string("apparmorProfile", p.apparmorProfile());
        out.number("oomScoreAdj", p.oomScoreAdj());
        out.object("scheduler", p.scheduler(), SpecWriters::scheduler);
        out.string("selinuxLabel", p.selinuxLabel());
        out.object("ioPriority", p.ioPriority(), (o, io) -> {
            o.startObject();
            o.requiredString("class", io.ioClass());
            o.requiredNumber("priority", io.priority());
            o.endObject();
        });
        out.object("execCPUAffinity", p.execCpuAffinity(), (o, a) -> {
            o.startObject();
            o.string("initial", a.initialCpus());
            o.string("final", a.finalCpus());
            o.endObject();
        });
        out.endObject();
    }

    private static void capabilities(JsonOut out, Capabilities c) throws IOException {
        out.startObject();
        for (String set : Capabilities.SETS) {
            out.strings(set, c.byName(set));
        }
        out.endObject();
    }

    private static void rlimit(JsonOut out, Rlimit r) throws IOException {
        out.startObject();
        out.requiredString("type", r.type());
        out.requiredUnsigned("hard", r.hard());
        out.requiredUnsigned("soft", r.soft());
        out.endObject();
    }

    private static void scheduler(JsonOut out, Scheduler s) throws IOException {
        out.startObject();
        out.requiredString("policy", s.policy());
        out.numberNonZero("nice", s.nice());
        out.numberNonZero("priority", s.priority());
        out.strings("flags", s.flags());
        out.unsignedNonZero("runtime", s.runtime());
        out.unsignedNonZero("deadline", s.deadline());
        out.unsignedNonZero("period", s.period());
        out.endObject();
    }

    static void mount(JsonOut out, Mount m) throws IOException {
        out.startObject();
        out.requiredString("destination", m.destination());
        out.string("type", m.type());
        out.string("source", m.source());
        out.strings("options", m.options());
        out.list("uidMappings", m.uidMappings(), SpecWriters::idMapping);
        out.list("gidMappings", m.gidMappings(), SpecWriters::idMapping);
        out.endObject();
    }

    static void idMapping(JsonOut out, IdMapping m) throws IOException {
        out.startObject();
        out.requiredNumber("containerID", m.containerId());
        out.requiredNumber("hostID", m.hostId());
        out.requiredNumber("size", m.size());
        out.endObject();
    }

    private static void hooks(JsonOut out, Hooks h) throws IOException {
        out.startObject();
        for (String name : Hooks.NAMES) {
            out.list(name, h.byName(name), SpecWriters::hook);
        }
        out.endObject();
    }

    private static void hook(JsonOut out, Hook h) throws IOException {
        out.startObject();
        out.requiredString("path", h.path());
        out.strings("args", h.args());
        out.strings("env", h.env());
        out.number("timeout", h.timeout());
        out.endObject();
    }
}
