package dev.berth.specs.internal;

import com.fasterxml.jackson.core.JsonLocation;
import dev.berth.specs.Features;
import dev.berth.specs.Features.Cgroup;
import dev.berth.specs.Features.Enabled;
import dev.berth.specs.Features.IntelRdtFeatures;
import dev.berth.specs.Features.LinuxFeatures;
import dev.berth.specs.Features.MemoryPolicyFeatures;
import dev.berth.specs.Features.MountExtensions;
import dev.berth.specs.Features.SeccompFeatures;
import dev.berth.specs.SpecException;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Reads and writes the features document (features.md, features-linux.md). */
public final class FeaturesJson {
    private FeaturesJson() {}

    public static Features read(JsonIn in) throws SpecException {
        in.expectObject();
        JsonLocation start = in.mark();
        String min = null;
        String max = null;
        List<String> hooks = null;
        List<String> mountOptions = null;
        LinuxFeatures linux = null;
        Map<String, String> annotations = null;
        List<String> unsafe = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "ociVersionMin" -> min = in.string();
                case "ociVersionMax" -> max = in.string();
                case "hooks" -> hooks = in.strings();
                case "mountOptions" -> mountOptions = in.strings();
                case "linux" -> linux = linux(in);
                case "annotations" -> annotations = in.stringMap();
                case "potentiallyUnsafeConfigAnnotations" -> unsafe = in.strings();
                default -> in.skip();
            }
        }
        if (min == null) {
            throw in.missing(start, "ociVersionMin");
        }
        if (max == null) {
            throw in.missing(start, "ociVersionMax");
        }
        return new Features(min, max, hooks, mountOptions, linux, annotations, unsafe);
    }

    private static LinuxFeatures linux(JsonIn in) throws SpecException {
        in.expectObject();
        List<String> namespaces = null;
        List<String> capabilities = null;
        Cgroup cgroup = null;
        SeccompFeatures seccomp = null;
        Enabled apparmor = null;
        Enabled selinux = null;
        IntelRdtFeatures intelRdt = null;
        MountExtensions mountExtensions = null;
        Enabled netDevices = null;
        MemoryPolicyFeatures memoryPolicy = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "namespaces" -> namespaces = in.strings();
                case "capabilities" -> capabilities = in.strings();
                case "cgroup" -> cgroup = cgroup(in);
                case "seccomp" -> seccomp = seccomp(in);
                case "apparmor" -> apparmor = enabled(in);
                case "selinux" -> selinux = enabled(in);
                case "intelRdt" -> intelRdt = intelRdt(in);
                case "mountExtensions" -> mountExtensions = mountExtensions(in);
                case "netDevices" -> netDevices = enabled(in);
                case "memoryPolicy" -> memoryPolicy = memoryPolicy(in);
                default -> in.skip();
            }
        }
        return new LinuxFeatures(namespaces, capabilities, cgroup, seccomp, apparmor, selinux, intelRdt,
                mountExtensions, netDevices, memoryPolicy);
    }

    private static Cgroup cgroup(JsonIn in) throws SpecException {
        in.expectObject();
        Boolean v1 = null;
        Boolean v2 = null;
        Boolean systemd = null;
        Boolean systemdUser = null;
        Boolean rdma = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "v1" -> v1 = in.bool();
                case "v2" -> v2 = in.bool();
                case "systemd" -> systemd = in.bool();
                case "systemdUser" -> systemdUser = in.bool();
                case "rdma" -> rdma = in.bool();
                default -> in.skip();
            }
        }
        return new Cgroup(v1, v2, systemd, systemdUser, rdma);
    }

    private static SeccompFeatures seccomp(JsonIn in) throws SpecException {
        in.expectObject();
        Boolean enabled = null;
        List<String> actions = null;
        List<String> operators = null;
        List<String> archs = null;
        List<String> knownFlags = null;
        List<String> supportedFlags = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "enabled" -> enabled = in.bool();
                case "actions" -> actions = in.strings();
                case "operators" -> operators = in.strings();
                case "archs" -> archs = in.strings();
                case "knownFlags" -> knownFlags = in.strings();
                case "supportedFlags" -> supportedFlags = in.strings();
                default -> in.skip();
            }
        }
        return new SeccompFeatures(enabled, actions, operators, archs, knownFlags, supportedFlags);
    }

    private static Enabled enabled(JsonIn in) throws SpecException {
        in.expectObject();
        Boolean enabled = null;
        for (String f; (f = in.nextField()) != null; ) {
            if (f.equals("enabled")) {
                enabled = in.bool();
            } else {
                in.skip();
            }
        }
        return new Enabled(enabled);
    }

    private static IntelRdtFeatures intelRdt(JsonIn in) throws SpecException {
        in.expectObject();
        Boolean enabled = null;
        Boolean schemata = null;
        Boolean monitoring = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "enabled" -> enabled = in.bool();
                case "schemata" -> schemata = in.bool();
                case "monitoring" -> monitoring = in.bool();
                default -> in.skip();
            }
        }
        return new IntelRdtFeatures(enabled, schemata, monitoring);
    }

    private static MountExtensions mountExtensions(JsonIn in) throws SpecException {
        in.expectObject();
        Enabled idmap = null;
        for (String f; (f = in.nextField()) != null; ) {
            if (f.equals("idmap")) {
                idmap = enabled(in);
            } else {
                in.skip();
            }
        }
        return new MountExtensions(idmap);
    }

    private static MemoryPolicyFeatures memoryPolicy(JsonIn in) throws SpecException {
        in.expectObject();
        List<String> modes = null;
        List<String> flags = null;
        for (String f; (f = in.nextField()) != null; ) {
            switch (f) {
                case "modes" -> modes = in.strings();
                case "flags" -> flags = in.strings();
                default -> in.skip();
            }
        }
        return new MemoryPolicyFeatures(modes, flags);
    }

    public static void write(JsonOut out, Features f) throws IOException {
        out.startObject();
        out.requiredString("ociVersionMin", f.ociVersionMin());
        out.requiredString("ociVersionMax", f.ociVersionMax());
        out.strings("hooks", f.hooks());
        out.strings("mountOptions", f.mountOptions());
        out.object("linux", f.linux(), FeaturesJson::linux);
        out.stringMap("annotations", f.annotations());
        out.strings("potentiallyUnsafeConfigAnnotations", f.potentiallyUnsafeConfigAnnotations());
        out.endObject();
    }

    private static void linux(JsonOut out, LinuxFeatures l) throws IOException {
        out.startObject();
        out.strings("namespaces", l.namespaces());
        out.strings("capabilities", l.capabilities());
        out.object("cgroup", l.cgroup(), (o, c) -> {
            o.startObject();
            o.bool("v1", c.v1());
            o.bool("v2", c.v2());
            o.bool("systemd", c.systemd());
            o.bool("systemdUser", c.systemdUser());
            o.bool("rdma", c.rdma());
            o.endObject();
        });
        out.object("seccomp", l.seccomp(), (o, s) -> {
            o.startObject();
            o.bool("enabled", s.enabled());
            o.strings("actions", s.actions());
            o.strings("operators", s.operators());
            o.strings("archs", s.archs());
            o.strings("knownFlags", s.knownFlags());
            o.strings("supportedFlags", s.supportedFlags());
            o.endObject();
        });
        out.object("apparmor", l.apparmor(), FeaturesJson::enabled);
        out.object("selinux", l.selinux(), FeaturesJson::enabled);
        out.object("intelRdt", l.intelRdt(), (o, r) -> {
            o.startObject();
            o.bool("enabled", r.enabled());
            o.bool("schemata", r.schemata());
            o.bool("monitoring", r.monitoring());
            o.endObject();
        });
        out.object("mountExtensions", l.mountExtensions(), (o, m) -> {
            o.startObject();
            o.object("idmap", m.idmap(), FeaturesJson::enabled);
            o.endObject();
        });
        out.object("netDevices", l.netDevices(), FeaturesJson::enabled);
        out.object("memoryPolicy", l.memoryPolicy(), (o, m) -> {
            o.startObject();
            o.strings("modes", m.modes());
            o.strings("flags", m.flags());
            o.endObject();
        });
        out.endObject();
    }

    private static void enabled(JsonOut out, Enabled e) throws IOException {
        out.startObject();
        out.bool("enabled", e.enabled());
        out.endObject();
    }
}
