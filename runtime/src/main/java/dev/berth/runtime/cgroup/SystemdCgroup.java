package dev.berth.runtime.cgroup;

/**
 * The systemd cgroup driver ({@code --systemd-cgroup}, where cgroupsPath is {@code slice:prefix:name} and
 * systemd creates a transient scope over D-Bus). Berth does not implement it yet; this class tells
 * which of the two reasons applies on this host, so the error says what to do.
 */
public final class SystemdCgroup {
    private SystemdCgroup() {}

    /**
     * Whether systemd is the host's init and cgroup manager: {@code /run/systemd/system} exists, the
     * test of sd_booted(3) that runc also uses.
     */
    public static boolean running() {
        return running(KernelHost.INSTANCE);
    }

    static boolean running(CgroupHost host) {
        return host.exists("/run/systemd/system");
    }

    /** Always fails: the reason {@code --systemd-cgroup} cannot be honoured here, and the way out. */
    public static void require() throws CgroupException {
        throw unavailable(KernelHost.INSTANCE);
    }

    static CgroupException unavailable(CgroupHost host) {
        if (!running(host)) {
            String init;
            try {
                init = host.read("/proc/1/comm").trim();
            } catch (CgroupException e) {
                init = "unknown";
            }
            return new CgroupException("--systemd-cgroup: systemd is not running as the cgroup manager here"
                    + " (/run/systemd/system does not exist; PID 1 is \"" + init + "\"); drop --systemd-cgroup to"
                    + " use the cgroupfs driver with a path as linux.cgroupsPath");
        }
        return new CgroupException("--systemd-cgroup: the systemd cgroup driver (transient scopes over D-Bus) is not"
                + " implemented in Berth yet; drop --systemd-cgroup to use the cgroupfs driver with a path as"
                + " linux.cgroupsPath");
    }
}
