package dev.berth.runtime.cgroup;

import java.util.List;

/**
 * What the cgroup code asks of the kernel: cgroupfs files and directories, signals, and time for
 * bounded polling. {@link KernelHost} is the real one; unit tests use a recording fake, so the order
 * and content of writes can be asserted without root.
 */
interface CgroupHost {
    /** The whole content of a cgroupfs file. */
    String read(String path) throws CgroupException;

    /** The content of {@code path}, or null when it does not exist (the controller or kernel lacks it). */
    String readIfExists(String path) throws CgroupException;

    /** One {@code write(2)} of {@code value}, as cgroupfs expects. */
    void write(String path, String value) throws CgroupException;

    /** Whether {@code path} exists. */
    boolean exists(String path);

    /** Makes the directory; true if this call created it, false if it was already there. */
    boolean mkdir(String path) throws CgroupException;

    /** Removes an empty cgroup directory; fails with the errno ({@code EBUSY} while tasks remain). */
    void rmdir(String path) throws CgroupException;

    /** Names of the subdirectories (child cgroups) of {@code dir}. */
    List<String> subdirectories(String dir) throws CgroupException;

    /** Opens a directory {@code O_RDONLY|O_DIRECTORY|O_CLOEXEC} and returns the fd. */
    int openDirectory(String path) throws CgroupException;

    /** {@code W_OK} for writing, {@code X_OK} for searching a directory. */
    int W_OK = 2;
    int X_OK = 1;

    /** Whether the caller has {@code mode} access to {@code path} (effective ids, {@code faccessat2(AT_EACCESS)}). */
    boolean access(String path, int mode);

    /** {@code kill(2)}; false if the process is already gone ({@code ESRCH}). */
    boolean kill(int pid, int signal) throws CgroupException;

    /** Pauses between polls of a state file. */
    void sleepMillis(long millis);

    /** A monotonic clock in nanoseconds, for deadlines. */
    long nanoTime();
}
