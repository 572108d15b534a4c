package dev.berth.runtime.config;

import dev.berth.specs.Linux;
import dev.berth.specs.Mount;
import dev.berth.specs.Process;
import dev.berth.specs.Spec;
import dev.berth.syscall.Caps;
import dev.berth.syscall.Personality;
import dev.berth.syscall.Resource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OCI spec (already validated by {@link dev.berth.specs.validate.SpecValidator}) to
 * {@link ContainerConfig}: the step between validation and planning. It refuses, with the JSON path,
 * what Berth does not run (yet), rather than running a container with less isolation than asked.
 */
public final class SpecConverter {
    private SpecConverter() {}

    /** Converts {@code spec} of the bundle at {@code bundle} for container {@code id}. */
    public static ContainerConfig convert(String id, Path bundle, Spec spec) throws ConfigException {
        List<String> problems = new ArrayList<>();
        Linux linux = spec.linux();
        if (linux == null) {
            throw new ConfigException("linux: a Linux container needs the linux section");
        }
        Path absBundle = bundle.toAbsolutePath().normalize();
        Path rootfs = absBundle.resolve(spec.root().path()).normalize();

        List<NamespaceConfig> namespaces = new ArrayList<>();
        for (Linux.Namespace n : linux.namespaces()) {
            NamespaceConfig c = new NamespaceConfig(n.type(), n.path() == null || n.path().isEmpty() ? null : n.path());
            if (c.type().equals("user")) {
                namespaces.add(0, c);
            } else {
                namespaces.add(c);
            }
        }

        List<MountConfig> mounts = new ArrayList<>();
        for (int i = 0; i < spec.mounts().size(); i++) {
            Mount m = spec.mounts().get(i);
            MountOptions o = MountOptions.parse(m.options());
            boolean bind = o.bind() || "bind".equals(m.type());
            String type = bind ? "bind" : m.type();
            if (type == null || type.isEmpty()) {
                problems.add("mounts[" + i + "].type: needed for a mount that is not a bind mount");
                continue;
            }
            String source = m.source();
            if (bind && source != null && !source.startsWith("/")) {
                source = absBundle.resolve(source).normalize().toString();
            }
            if (o.idmap() || !m.uidMappings().isEmpty() || !m.gidMappings().isEmpty()) {
                problems.add("mounts[" + i + "]: idmapped mounts are not supported yet");
            }
            mounts.add(new MountConfig(m.destination(), type, source == null ? type : source, o, i));
        }

        List<DeviceConfig> devices = new ArrayList<>(DeviceConfig.DEFAULTS);
        for (int i = 0; i < linux.devices().size(); i++) {
            Linux.Device d = linux.devices().get(i);
            char t = switch (d.type()) {
                case "c", "u" -> 'c';
                case "b" -> 'b';
                case "p" -> 'p';
                default -> '?';
            };
            if (t == '?') {
                problems.add("linux.devices[" + i + "].type: unknown device type \"" + d.type() + "\"");
                continue;
            }
            devices.removeIf(x -> x.path().equals(d.path()));
            devices.add(new DeviceConfig(d.path(), t, d.major() == null ? 0 : d.major(), d.minor() == null ? 0 : d.minor(),
                    d.fileMode() == null ? 0666 : (int) (long) d.fileMode(), d.uid() == null ? 0 : d.uid(),
                    d.gid() == null ? 0 : d.gid()));
        }

        long propagation = 0;
        if (linux.rootfsPropagation() != null && !linux.rootfsPropagation().isEmpty()) {
            MountOptions p = MountOptions.parse(List.of(linux.rootfsPropagation()));
            propagation = p.propagation() | (p.recursivePropagation() ? dev.berth.syscall.Mount.MS_REC : 0);
        }

        dev.berth.runtime.seccomp.SeccompProgram seccomp = null;
        if (linux.seccomp() != null) {
            try {
                seccomp = dev.berth.runtime.seccomp.SeccompCompiler.compile(linux.seccomp(),
                        dev.berth.syscall.Arch.current());
            } catch (dev.berth.runtime.seccomp.SeccompException e) {
                problems.addAll(e.problems());
            }
        }
        if (linux.intelRdt() != null) {
            problems.add("linux.intelRdt: Intel RDT is not supported");
        }
        if (linux.memoryPolicy() != null) {
            problems.add("linux.memoryPolicy: memory policies are not supported yet");
        }

        ProcessConfig process = spec.process() == null ? null : process(spec.process(), problems);
        int persona = -1;
        if (linux.personality() != null) {
            persona = switch (linux.personality().domain()) {
                case "LINUX" -> Personality.PER_LINUX;
                case "LINUX32" -> Personality.PER_LINUX32;
                default -> {
                    problems.add("linux.personality.domain: unknown domain \"" + linux.personality().domain() + "\"");
                    yield -1;
                }
            };
        }
        Map<String, long[]> offsets = new LinkedHashMap<>();
        linux.timeOffsets().forEach((clock, o) -> offsets.put(clock, new long[] {o.secs(), o.nanosecs()}));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new ContainerConfig(id, absBundle, rootfs, spec.root().readonly(), List.copyOf(namespaces),
                maps(linux.uidMappings()), maps(linux.gidMappings()), spec.hostname(), spec.domainname(),
                List.copyOf(mounts), List.copyOf(devices), linux.maskedPaths(), linux.readonlyPaths(), propagation,
                linux.sysctl(), process, linux.cgroupsPath(), withDeviceAllows(linux.resources(), devices), spec.hooks(), spec.annotations(), persona,
                offsets, seccomp);
    }

    /**
     * The spec's device cgroup rules followed by an allow rule for every device the container gets (the
     * defaults and {@code linux.devices}) and for the pty devices ({@code /dev/console}, {@code /dev/ptmx},
     * {@code /dev/pts/*}), as runc appends them: a spec that denies all devices (runc's and docker's do)
     * still lets the container create and use its own /dev.
     */
    static dev.berth.specs.Resources withDeviceAllows(dev.berth.specs.Resources r, List<DeviceConfig> devices) {
        if (r == null || r.devices().isEmpty()) {
            return r;
        }
        List<dev.berth.specs.Resources.DeviceRule> rules = new ArrayList<>(r.devices());
        for (DeviceConfig d : devices) {
            if (d.type() != 'p') {
                rules.add(new dev.berth.specs.Resources.DeviceRule(true, String.valueOf(d.type()), d.major(), d.minor(),
                        "rwm"));
            }
        }
        rules.add(new dev.berth.specs.Resources.DeviceRule(true, "c", 5L, 1L, "rwm"));
        rules.add(new dev.berth.specs.Resources.DeviceRule(true, "c", 5L, 2L, "rwm"));
        rules.add(new dev.berth.specs.Resources.DeviceRule(true, "c", 136L, null, "rwm"));
        return new dev.berth.specs.Resources(rules, r.memory(), r.cpu(), r.pids(), r.blockIo(), r.hugepageLimits(),
                r.network(), r.rdma(), r.unified());
    }

    private static List<ContainerConfig.IdMap> maps(List<dev.berth.specs.IdMapping> list) {
        return list.stream().map(m -> new ContainerConfig.IdMap(m.containerId(), m.hostId(), m.size())).toList();
    }

    /** Converts a process (also the one of {@code exec --process}). */
    public static ProcessConfig process(Process p, List<String> problems) {
        Process.User user = p.user() == null ? Process.User.ROOT : p.user();
        int[] groups = user.additionalGids().stream().mapToInt(Long::intValue).toArray();
        Process.Capabilities caps = p.capabilities();
        long[] sets = new long[5];
        if (caps != null) {
            for (int s = 0; s < 5; s++) {
                String name = Process.Capabilities.SETS.get(s);
                for (String cap : caps.byName(name)) {
                    int n = Caps.number(cap);
                    if (n < 0) {
                        problems.add("process.capabilities." + name + ": unknown capability \"" + cap + "\"");
                    } else {
                        sets[s] |= 1L << n;
                    }
                }
            }
        }
        List<long[]> rlimits = new ArrayList<>();
        for (int i = 0; i < p.rlimits().size(); i++) {
            Process.Rlimit r = p.rlimits().get(i);
            int res = Resource.number(r.type());
            if (res < 0) {
                problems.add("process.rlimits[" + i + "].type: unknown rlimit \"" + r.type() + "\"");
            } else {
                rlimits.add(new long[] {res, r.soft(), r.hard()});
            }
        }
        if (p.scheduler() != null) {
            problems.add("process.scheduler: scheduling policies are not supported yet");
        }
        if (p.execCpuAffinity() != null) {
            problems.add("process.execCPUAffinity: CPU affinity is not supported yet");
        }
        if (p.ioPriority() != null) {
            problems.add("process.ioPriority: I/O priorities are not supported yet");
        }
        if (p.selinuxLabel() != null && !p.selinuxLabel().isEmpty()) {
            problems.add("process.selinuxLabel: SELinux labels are not supported");
        }
        int umask = user.umask() == null ? -1 : (int) (long) user.umask();
        int rows = p.consoleSize() == null ? 0 : (int) p.consoleSize().height();
        int cols = p.consoleSize() == null ? 0 : (int) p.consoleSize().width();
        return new ProcessConfig(p.args(), p.env(), p.cwd() == null || p.cwd().isEmpty() ? "/" : p.cwd(), (int) user.uid(),
                (int) user.gid(), groups, umask, sets[0], sets[1], sets[3], sets[2], sets[4], List.copyOf(rlimits),
                p.noNewPrivileges(), p.oomScoreAdj(), p.terminal(), rows, cols);
    }
}
