package dev.berth.specs;

import dev.berth.specs.Linux.Namespace;
import dev.berth.specs.Process.Capabilities;
import dev.berth.specs.Process.Rlimit;
import dev.berth.specs.Resources.DeviceRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The specs Berth starts from: what {@code berth spec} writes, its rootless variant, and the base of
 * {@code berth sandbox}. Each call returns a new value; change it with the records' {@code with} methods.
 */
public final class DefaultSpecs {
    private static final List<String> CAPABILITIES = List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");
    private static final List<String> ENV =
            List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm");
    private static final List<String> MASKED_PATHS = List.of(
            "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
            "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi", "/sys/devices/virtual/tpm");
    private static final List<String> READONLY_PATHS =
            List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

    private DefaultSpecs() {}

    /**
     * What {@code berth spec} writes, the content of {@code runc spec} (runc 1.2 and later, which dropped
     * the inheritable and ambient sets for CVE-2022-29162): {@code sh} on a terminal as
     * root in {@code /}, no new privileges, three capabilities ({@code CAP_AUDIT_WRITE},
     * {@code CAP_KILL}, {@code CAP_NET_BIND_SERVICE}), 1024 open files, a read-only {@code rootfs},
     * hostname {@code berth}, {@code /proc}, a tmpfs {@code /dev} with {@code pts}, {@code shm} and
     * {@code mqueue}, read-only {@code /sys} and {@code /sys/fs/cgroup}, runc's masked and read-only
     * paths, all devices denied, and new pid, network, ipc, uts, mount and cgroup namespaces. (runc adds
     * the cgroup namespace only on a cgroup v2 host; Berth always does, since every current distribution
     * is on v2 and runc handles it on v1 as well.)
     */
    public static Spec runcLike() {
        Process process = new Process(true, null, Process.User.ROOT, List.of("sh"), null, ENV, "/",
                new Capabilities(CAPABILITIES, CAPABILITIES, List.of(), CAPABILITIES, List.of()),
                List.of(new Rlimit("RLIMIT_NOFILE", 1024, 1024)), true, null, null, null, null, null, null);
        List<Mount> mounts = List.of(
                new Mount("/proc", "proc", "proc", List.of()),
                devMount(),
                ptsMount(),
                new Mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")),
                new Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
                sysMount(),
                new Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("nosuid", "noexec", "nodev", "relatime", "ro")));
        Linux linux = Linux.EMPTY
                .withPaths(MASKED_PATHS, READONLY_PATHS)
                .withResources(denyAllDevices())
                .withNamespaces(namespaces("pid", "network", "ipc", "uts", "mount", "cgroup"));
        return new Spec(Spec.VERSION, process, new Root("rootfs", true), "berth", null, mounts, null, Map.of(), linux);
    }

    /** {@link #runcLike()} for an unprivileged caller: {@code berth spec --rootless}, see {@link #toRootless}. */
    public static Spec rootless(long uid, long gid) {
        return toRootless(runcLike(), uid, gid);
    }

    /**
     * Converts {@code spec} for an unprivileged caller as runc's {@code ToRootless} does: a new user
     * namespace whose root is the caller ({@code uid}, {@code gid}, one id each), no network namespace
     * (an unprivileged caller cannot connect a new one to anything), {@code /sys} bind-mounted from the
     * host instead of a new sysfs (which needs a network namespace owned by the user namespace),
     * {@code uid=}/{@code gid=} mount options removed (ids beyond the mapping do not exist), and no cgroup
     * resources (an unprivileged caller has no cgroup to limit).
     */
    public static Spec toRootless(Spec spec, long uid, long gid) {
        Linux linux = spec.linux() == null ? Linux.EMPTY : spec.linux();
        List<Namespace> namespaces = new ArrayList<>();
        for (Namespace ns : linux.namespaces()) {
            if (!ns.type().equals("network") && !ns.type().equals("user")) {
                namespaces.add(ns);
            }
        }
        namespaces.add(new Namespace("user"));
        List<Mount> mounts = new ArrayList<>();
        for (Mount m : spec.mounts()) {
            if (m.destination().equals("/sys") || m.destination().equals("/sys/")) {
                mounts.add(new Mount("/sys", "none", "/sys", List.of("rbind", "nosuid", "noexec", "nodev", "ro")));
                continue;
            }
            List<String> options = new ArrayList<>();
            for (String option : m.options()) {
                if (!option.startsWith("uid=") && !option.startsWith("gid=")) {
                    options.add(option);
                }
            }
            mounts.add(new Mount(m.destination(), m.type(), m.source(), options, m.uidMappings(), m.gidMappings()));
        }
        Linux converted = linux.withNamespaces(namespaces)
                .withIdMappings(List.of(new IdMapping(0, uid, 1)), List.of(new IdMapping(0, gid, 1)))
                .withResources(null);
        return spec.withMounts(mounts).withLinux(converted);
    }

    /**
     * The base of {@code berth sandbox}: a throw-away container made of the host's own files. New pid,
     * mount, uts, ipc, network and cgroup namespaces; a read-only root ({@code rootfs}, which the
     * sandbox points at an empty directory) with the host's {@code /usr}, {@code /bin}, {@code /sbin},
     * {@code /lib} and {@code /lib64} bind-mounted read-only (missing ones are the runtime's to drop);
     * fresh {@code /proc}, {@code /dev} (tmpfs with {@code pts}, {@code shm}, {@code mqueue}) and
     * {@code /tmp} (tmpfs, mode 1777); read-only {@code /sys}; runc's masked and read-only paths; all
     * devices denied in the device cgroup; hostname {@code sandbox}; {@code sh} without a terminal in
     * {@code /tmp}, no new privileges, runc's three capabilities, 1024 open files. The runtime sets the
     * command and adds the network and limits the caller asks for.
     */
    public static Spec sandbox() {
        Process process = new Process(false, null, Process.User.ROOT, List.of("sh"), null, ENV, "/tmp",
                new Capabilities(CAPABILITIES, CAPABILITIES, List.of(), CAPABILITIES, List.of()),
                List.of(new Rlimit("RLIMIT_NOFILE", 1024, 1024)), true, null, null, null, null, null, null);
        List<Mount> mounts = new ArrayList<>(List.of(
                new Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
                devMount(),
                ptsMount(),
                new Mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")),
                new Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
                sysMount(),
                new Mount("/tmp", "tmpfs", "tmpfs", List.of("nosuid", "nodev", "mode=1777"))));
        for (String dir : List.of("/usr", "/bin", "/sbin", "/lib", "/lib64")) {
            mounts.add(new Mount(dir, "none", dir, List.of("rbind", "ro", "nosuid", "nodev")));
        }
        Linux linux = Linux.EMPTY
                .withPaths(MASKED_PATHS, READONLY_PATHS)
                .withResources(denyAllDevices())
                .withNamespaces(namespaces("pid", "mount", "uts", "ipc", "network", "cgroup"));
        return new Spec(Spec.VERSION, process, new Root("rootfs", true), "sandbox", null, mounts, null, Map.of(), linux);
    }

    private static Mount devMount() {
        return new Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k"));
    }

    private static Mount ptsMount() {
        return new Mount("/dev/pts", "devpts", "devpts",
                List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"));
    }

    private static Mount sysMount() {
        return new Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro"));
    }

    private static Resources denyAllDevices() {
        return new Resources(List.of(new DeviceRule(false, null, null, null, "rwm")), null, null, null, null, null,
                null, null, null);
    }

    private static List<Namespace> namespaces(String... types) {
        List<Namespace> out = new ArrayList<>();
        for (String type : types) {
            out.add(new Namespace(type));
        }
        return out;
    }
}
