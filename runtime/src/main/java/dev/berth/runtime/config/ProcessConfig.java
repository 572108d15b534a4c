package dev.berth.runtime.config;

import java.util.List;

/**
 * The container's process, normalised.
 *
 * @param args argv; {@code args[0]} is resolved in the container's PATH by the planner
 * @param env the environment
 * @param cwd the working directory inside the container
 * @param uid user id (in the container's user namespace)
 * @param gid group id
 * @param additionalGids supplementary groups
 * @param umask the umask, or -1 for the runtime's default (022, as runc)
 * @param bounding capability bounding set, as a bit mask
 * @param effective effective set
 * @param permitted permitted set
 * @param inheritable inheritable set
 * @param ambient ambient set
 * @param rlimits {resource, soft, hard} triples
 * @param noNewPrivileges {@code noNewPrivileges}
 * @param oomScoreAdj {@code oomScoreAdj}, or null
 * @param terminal whether the process gets a pty (sent to the console socket)
 * @param consoleHeight rows of the pty, 0 when unset
 * @param consoleWidth columns of the pty, 0 when unset
 */
public record ProcessConfig(List<String> args, List<String> env, String cwd, int uid, int gid, int[] additionalGids,
        int umask, long bounding, long effective, long permitted, long inheritable, long ambient, List<long[]> rlimits,
        boolean noNewPrivileges, Integer oomScoreAdj, boolean terminal, int consoleHeight, int consoleWidth) {

    public ProcessConfig withEnv(List<String> newEnv) {
        return new ProcessConfig(args, List.copyOf(newEnv), cwd, uid, gid, additionalGids, umask, bounding, effective,
                permitted, inheritable, ambient, rlimits, noNewPrivileges, oomScoreAdj, terminal, consoleHeight,
                consoleWidth);
    }

    /** The value of {@code PATH} in {@link #env}, or null. */
    public String path() {
        for (String e : env) {
            if (e.startsWith("PATH=")) {
                return e.substring(5);
            }
        }
        return null;
    }
}
