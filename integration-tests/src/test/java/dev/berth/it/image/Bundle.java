package dev.berth.it.image;

import dev.berth.specs.DefaultSpecs;
import dev.berth.specs.Linux;
import dev.berth.specs.Mount;
import dev.berth.specs.Process;
import dev.berth.specs.Spec;
import dev.berth.specs.SpecWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An OCI bundle in a {@link BerthMachine}: {@code /bundles/NAME}, with its own copy of the machine's busybox
 * root file system and a {@code config.json} that starts as runc's default spec
 * ({@link DefaultSpecs#runcLike()}: read-only root, new pid, network, ipc, uts, mount and cgroup
 * namespaces, three capabilities) without a terminal, edited through the spec model's records.
 */
public final class Bundle {
    private final String name;
    private Spec spec;

    Bundle(String name) {
        this.name = name;
        Spec base = DefaultSpecs.runcLike();
        this.spec = base.withProcess(base.process().withTerminal(false));
    }

    /** The bundle's name, also the id its container gets from {@link BerthMachine#run}. */
    public String name() {
        return name;
    }

    /** Its directory in the machine. */
    public String dir() {
        return "/bundles/" + name;
    }

    public Spec spec() {
        return spec;
    }

    /** The payload is {@code sh -c SCRIPT}. */
    public Bundle sh(String script) {
        return args("sh", "-c", script);
    }

    public Bundle args(String... args) {
        return process(p -> p.withArgs(List.of(args)));
    }

    public Bundle process(UnaryOperator<Process> change) {
        spec = spec.withProcess(change.apply(spec.process()));
        return this;
    }

    public Bundle linux(UnaryOperator<Linux> change) {
        spec = spec.withLinux(change.apply(spec.linux()));
        return this;
    }

    public Bundle spec(UnaryOperator<Spec> change) {
        spec = change.apply(spec);
        return this;
    }

    /** Appends a mount. */
    public Bundle mount(String destination, String type, String source, String... options) {
        List<Mount> mounts = new ArrayList<>(spec.mounts());
        mounts.add(new Mount(destination, type, source, List.of(options)));
        spec = spec.withMounts(mounts);
        return this;
    }

    /** {@code process.user}: uid, gid and additional groups. */
    public Bundle user(long uid, long gid, Long... additionalGids) {
        return process(p -> p.withUser(new Process.User(uid, gid, null, List.of(additionalGids))));
    }

    /** {@code process.capabilities}, and whether {@code process.noNewPrivileges} is set. */
    public Bundle capabilities(Process.Capabilities caps, boolean noNewPrivileges) {
        return process(p -> new Process(p.terminal(), p.consoleSize(), p.user(), p.args(), p.commandLine(), p.env(),
                p.cwd(), caps, p.rlimits(), noNewPrivileges, p.apparmorProfile(), p.oomScoreAdj(), p.scheduler(),
                p.selinuxLabel(), p.ioPriority(), p.execCpuAffinity()));
    }

    /** {@code process.terminal} with {@code process.consoleSize}. */
    public Bundle terminal(long height, long width) {
        return process(p -> new Process(true, new Process.ConsoleSize(height, width), p.user(), p.args(),
                p.commandLine(), p.env(), p.cwd(), p.capabilities(), p.rlimits(), p.noNewPrivileges(),
                p.apparmorProfile(), p.oomScoreAdj(), p.scheduler(), p.selinuxLabel(), p.ioPriority(),
                p.execCpuAffinity()));
    }

    /** Removes the namespace of {@code type}: the container shares the machine's. */
    public Bundle withoutNamespace(String type) {
        return linux(l -> l.withNamespaces(l.namespaces().stream().filter(n -> !n.type().equals(type)).toList()));
    }

    byte[] configJson() {
        return SpecWriter.toBytes(spec);
    }
}
