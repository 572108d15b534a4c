package dev.berth.runtime.plan;

import java.util.List;
import java.util.Map;

/**
 * What the host side prepared for the container's init before the clone, as fd numbers the child
 * inherits and facts about the host: the inputs of {@link ChildPlanner} besides the config. Tests
 * make one with fixed numbers and assert on the plan.
 *
 * @param goFd child's end of the first sync pipe: it waits there until the parent has written the
 *     id maps, placed it in its cgroups and set up its network; -1 for none
 * @param hooksReadyFd child's end of the pipe on which it says "mounts done, before pivot_root" (for the
 *     prestart, createRuntime and createContainer hooks), or -1
 * @param hooksGoFd child's end of the pipe it waits on until those hooks have run, or -1
 * @param readyFd child's end of the pipe on which it says "set up" once everything but exec is done
 * @param execFifo the exec FIFO's host path ({@code create}: the child then waits for {@code start}), or
 *     null to exec at once ({@code run})
 * @param startFd without an exec FIFO, the child's end of a pipe it waits on before exec (so that
 *     {@code run} can run the startContainer hooks first), or -1
 * @param consoleSocketFd a unix socket connected to {@code --console-socket}, or -1
 * @param joinFds open namespace files to {@code setns} into, by OCI type
 * @param preserveFds {@code --preserve-fds N}: fds 3..3+N-1 are passed on
 * @param noPivot {@code --no-pivot}: move the root and {@code chroot} instead of {@code pivot_root}
 * @param capLastCap the kernel's highest capability ({@code /proc/sys/kernel/cap_last_cap})
 * @param maskedDirs the masked paths that are directories (tmpfs over them); the rest get {@code /dev/null}
 * @param cgroupMounts how a {@code cgroup} mount is made on this host
 * @param fileBindSources bind mount sources that are not directories (their mount points are files)
 * @param executables the paths to exec the payload from, tried in order (its PATH search)
 * @param dieWithParent SIGKILL the init when the thread that spawned it ends ({@code berth sandbox})
 * @param newKeyring a session keyring of the container's own (runc's default; {@code --no-new-keyring} off)
 * @param setgroupsAllowed false in a user namespace whose {@code setgroups} is "deny" (rootless)
 * @param seccompSocket the child's end of the socket a seccomp listener fd is sent over, or -1
 * @param cgroupFd the container's cgroup v2 directory, to clone the init straight into it, or -1
 */
public record ChildContext(int goFd, int hooksReadyFd, int hooksGoFd, int readyFd, String execFifo, int startFd,
        int consoleSocketFd, Map<String, Integer> joinFds, int preserveFds, boolean noPivot,
        int capLastCap, List<String> maskedDirs, CgroupMounts cgroupMounts, java.util.Set<String> fileBindSources,
        List<String> executables, boolean dieWithParent, boolean newKeyring, boolean setgroupsAllowed,
        int seccompSocket, int cgroupFd) {

    /**
     * The cgroup hierarchies a container's {@code cgroup} mount shows.
     *
     * @param unified mount a single cgroup2 (a v2 host)
     * @param v1 the v1 hierarchies: directory name under the mount to {mount options ({@code "cpu,cpuacct"},
     *     {@code "name=systemd"}), the container's cgroup directory on the host (bound when there is no
     *     cgroup namespace)}
     * @param hybridUnified on a hybrid host, also a cgroup2 at {@code unified}
     * @param unifiedBind the container's cgroup2 directory on the host (bound when there is no cgroup namespace)
     */
    public record CgroupMounts(boolean unified, Map<String, String[]> v1, boolean hybridUnified, String unifiedBind) {
        /** No cgroup hierarchy (a host without cgroups, or tests). */
        public static final CgroupMounts NONE = new CgroupMounts(false, Map.of(), false, null);
    }
}
