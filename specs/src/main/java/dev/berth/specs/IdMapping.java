package dev.berth.specs;

/**
 * One line of a user namespace's {@code uid_map} or {@code gid_map} (user_namespaces(7)), also used for
 * idmapped mounts. All three are uint32.
 *
 * @param containerId first id inside the container ({@code containerID})
 * @param hostId first id on the host ({@code hostID})
 * @param size number of ids mapped
 */
public record IdMapping(long containerId, long hostId, long size) {}
