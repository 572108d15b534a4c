package dev.berth.runtime.config;

import dev.berth.syscall.Clone;

/**
 * One namespace of a container: created ({@code path == null}) or joined ({@code setns} of the file at
 * {@code path}).
 *
 * @param type the OCI name: {@code pid network mount ipc uts user cgroup time}
 * @param path the namespace file to join, or null to create one
 */
public record NamespaceConfig(String type, String path) {
    /** The {@code CLONE_NEW*} flag for an OCI namespace type. */
    public static long flag(String type) {
        return switch (type) {
            case "pid" -> Clone.CLONE_NEWPID;
            case "network" -> Clone.CLONE_NEWNET;
            case "mount" -> Clone.CLONE_NEWNS;
            case "ipc" -> Clone.CLONE_NEWIPC;
            case "uts" -> Clone.CLONE_NEWUTS;
            case "user" -> Clone.CLONE_NEWUSER;
            case "cgroup" -> Clone.CLONE_NEWCGROUP;
            case "time" -> Clone.CLONE_NEWTIME;
            default -> throw new IllegalArgumentException("unknown namespace type " + type);
        };
    }

    /** The name under {@code /proc/PID/ns/}. */
    public static String procName(String type) {
        return switch (type) {
            case "network" -> "net";
            case "mount" -> "mnt";
            default -> type;
        };
    }

    public long flag() {
        return flag(type);
    }
}
