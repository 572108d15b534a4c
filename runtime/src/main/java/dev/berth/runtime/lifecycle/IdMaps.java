package dev.berth.runtime.lifecycle;

import dev.berth.runtime.config.ContainerConfig;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Syscalls;
import dev.berth.syscall.spawn.ExitStatus;
import dev.berth.syscall.spawn.SpawnPlan;
import dev.berth.syscall.spawn.Spawned;
import dev.berth.syscall.spawn.Spawner;
import java.util.ArrayList;
import java.util.List;

/**
 * Writing a new user namespace's {@code uid_map} and {@code gid_map} ({@code user_namespaces(7)}) while
 * its first process waits. Root writes any mapping. An unprivileged caller may write only a mapping of
 * its own ids, after {@code setgroups} is set to "deny"; anything wider (subordinate ids from
 * {@code /etc/subuid}) goes through the setuid helpers {@code newuidmap}/{@code newgidmap}, as rootless
 * podman and runc do.
 */
final class IdMaps {
    private IdMaps() {}

    /** Whether the container's processes may call setgroups: not where an unprivileged caller denied it. */
    static boolean setgroupsAllowed(ContainerConfig c) {
        return !c.newUserNamespace() || Syscalls.geteuid() == 0 || needsHelpers(c);
    }

    private static boolean needsHelpers(ContainerConfig c) {
        return !ownIdsOnly(c.uidMappings(), Syscalls.geteuid()) || !ownIdsOnly(c.gidMappings(), Syscalls.getegid());
    }

    private static boolean ownIdsOnly(List<ContainerConfig.IdMap> maps, int id) {
        return maps.size() == 1 && maps.get(0).size() == 1 && maps.get(0).hostId() == Integer.toUnsignedLong(id);
    }

    static void write(int pid, ContainerConfig c) throws Exception {
        if (Syscalls.geteuid() == 0) {
            Fs.writeFile("/proc/" + pid + "/uid_map", lines(c.uidMappings()));
            Fs.writeFile("/proc/" + pid + "/gid_map", lines(c.gidMappings()));
        } else if (!needsHelpers(c)) {
            Fs.writeFile("/proc/" + pid + "/setgroups", "deny");
            Fs.writeFile("/proc/" + pid + "/uid_map", lines(c.uidMappings()));
            Fs.writeFile("/proc/" + pid + "/gid_map", lines(c.gidMappings()));
        } else {
            helper("newuidmap", pid, c.uidMappings());
            helper("newgidmap", pid, c.gidMappings());
        }
    }

    private static String lines(List<ContainerConfig.IdMap> maps) {
        StringBuilder sb = new StringBuilder();
        for (ContainerConfig.IdMap m : maps) {
            sb.append(m).append('\n');
        }
        return sb.toString();
    }

    /** Runs {@code newuidmap PID inside outside count...}; its own checks against /etc/subuid decide. */
    private static void helper(String name, int pid, List<ContainerConfig.IdMap> maps) throws Exception {
        String path = null;
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            if (Fs.faccessat(dev.berth.syscall.At.AT_FDCWD, dir + "/" + name, 1, 0)) {
                path = dir + "/" + name;
                break;
            }
        }
        if (path == null) {
            throw new ErrnoException(dev.berth.syscall.Errno.ENOENT, name,
                    "a rootless mapping of more than your own id needs " + name + " (Debian package uidmap)");
        }
        List<String> argv = new ArrayList<>(List.of(name, Integer.toString(pid)));
        for (ContainerConfig.IdMap m : maps) {
            argv.add(Long.toString(m.containerId()));
            argv.add(Long.toString(m.hostId()));
            argv.add(Long.toString(m.size()));
        }
        try (Spawned s = Spawner.start(SpawnPlan.builder().execve(path, argv, List.of()).build())) {
            ExitStatus st = s.waitFor();
            if (!st.exited() || st.code() != 0) {
                throw new ErrnoException(dev.berth.syscall.Errno.EPERM, name, String.join(" ", argv),
                        st + " (does /etc/sub" + (name.contains("uid") ? "uid" : "gid") + " grant these ids?)");
            }
        }
    }
}
