package dev.berth.runtime.config;

import dev.berth.syscall.Mount;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code options} of an OCI mount split the way the kernel takes them (mount(8)'s option names, as
 * runc and crun accept them): flags that become mount attributes, a propagation type, whether it is a
 * (recursive) bind, and the filesystem's own options ({@code size=64m}, {@code newinstance}) that go to
 * {@code fsconfig(2)} one by one.
 *
 * @param flags {@code MS_*} flags for the attributes ({@code MS_RDONLY}, {@code MS_NOSUID}, ...), as
 *     {@code mount(2)} would take them
 * @param cleared attribute flags explicitly turned off ({@code rw}, {@code suid}, {@code dev}, {@code exec}...)
 * @param propagation {@code MS_SHARED}/{@code MS_SLAVE}/{@code MS_PRIVATE}/{@code MS_UNBINDABLE}, 0 for none
 * @param recursivePropagation whether the propagation applies to the whole tree ({@code rshared}...)
 * @param bind {@code bind} or {@code rbind}
 * @param recursiveBind {@code rbind}
 * @param idmap {@code idmap} or {@code ridmap}: an idmapped mount
 * @param data the rest, for the filesystem
 */
public record MountOptions(long flags, long cleared, long propagation, boolean recursivePropagation, boolean bind,
        boolean recursiveBind, boolean idmap, List<String> data) {

    /** The attribute flags {@code mount_setattr(2)} can set. */
    public static final long ATTR_FLAGS = Mount.MS_RDONLY | Mount.MS_NOSUID | Mount.MS_NODEV | Mount.MS_NOEXEC
            | Mount.MS_NOATIME | Mount.MS_NODIRATIME | Mount.MS_RELATIME | Mount.MS_STRICTATIME | Mount.MS_NOSYMFOLLOW;

    /**
     * Parses {@code options}. Unknown words are the filesystem's; {@code remount}, {@code mand}, {@code sync}
     * and {@code dirsync} are superblock flags that go to the filesystem too.
     */
    public static MountOptions parse(List<String> options) {
        long flags = 0;
        long cleared = 0;
        long propagation = 0;
        boolean recursiveProp = false;
        boolean bind = false;
        boolean rbind = false;
        boolean idmap = false;
        List<String> data = new ArrayList<>();
        for (String o : options) {
            switch (o) {
                case "ro" -> flags |= Mount.MS_RDONLY;
                case "rw" -> {
                    flags &= ~Mount.MS_RDONLY;
                    cleared |= Mount.MS_RDONLY;
                }
                case "nosuid" -> flags |= Mount.MS_NOSUID;
                case "suid" -> {
                    flags &= ~Mount.MS_NOSUID;
                    cleared |= Mount.MS_NOSUID;
                }
                case "nodev" -> flags |= Mount.MS_NODEV;
                case "dev" -> {
                    flags &= ~Mount.MS_NODEV;
                    cleared |= Mount.MS_NODEV;
                }
                case "noexec" -> flags |= Mount.MS_NOEXEC;
                case "exec" -> {
                    flags &= ~Mount.MS_NOEXEC;
                    cleared |= Mount.MS_NOEXEC;
                }
                case "noatime" -> flags = atime(flags, Mount.MS_NOATIME);
                case "relatime" -> flags = atime(flags, Mount.MS_RELATIME);
                case "strictatime" -> flags = atime(flags, Mount.MS_STRICTATIME);
                case "atime", "norelatime", "nostrictatime" -> {
                    flags &= ~(Mount.MS_NOATIME | Mount.MS_RELATIME | Mount.MS_STRICTATIME);
                    cleared |= Mount.MS_NOATIME;
                }
                case "nodiratime" -> flags |= Mount.MS_NODIRATIME;
                case "diratime" -> {
                    flags &= ~Mount.MS_NODIRATIME;
                    cleared |= Mount.MS_NODIRATIME;
                }
                case "nosymfollow" -> flags |= Mount.MS_NOSYMFOLLOW;
                case "symfollow" -> {
                    flags &= ~Mount.MS_NOSYMFOLLOW;
                    cleared |= Mount.MS_NOSYMFOLLOW;
                }
                case "bind" -> bind = true;
                case "rbind" -> {
                    bind = true;
                    rbind = true;
                }
                case "private", "shared", "slave", "unbindable" -> {
                    propagation = propagationFlag(o);
                    recursiveProp = false;
                }
                case "rprivate", "rshared", "rslave", "runbindable" -> {
                    propagation = propagationFlag(o.substring(1));
                    recursiveProp = true;
                }
                case "idmap" -> idmap = true;
                case "ridmap" -> idmap = true;
                case "defaults", "async", "nomand", "auto", "noauto", "user", "nouser", "loud", "iversion", "noiversion",
                        "lazytime", "nolazytime", "tmpcopyup" -> {
                    // No effect for a container mount (or handled elsewhere): accepted as runc does.
                }
                default -> data.add(o);
            }
        }
        return new MountOptions(flags, cleared, propagation, recursiveProp, bind, rbind, idmap, List.copyOf(data));
    }

    private static long atime(long flags, long which) {
        return (flags & ~(Mount.MS_NOATIME | Mount.MS_RELATIME | Mount.MS_STRICTATIME)) | which;
    }

    private static long propagationFlag(String name) {
        return switch (name) {
            case "private" -> Mount.MS_PRIVATE;
            case "shared" -> Mount.MS_SHARED;
            case "slave" -> Mount.MS_SLAVE;
            case "unbindable" -> Mount.MS_UNBINDABLE;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The {@code MOUNT_ATTR_*} bits to set for {@link #flags}. */
    public long attrSet() {
        return toAttr(flags);
    }

    /** The {@code MOUNT_ATTR_*} bits to clear ({@code rw} on a read-only source, {@code exec}...). */
    public long attrClr() {
        long clr = toAttr(cleared);
        if ((flags & (Mount.MS_NOATIME | Mount.MS_RELATIME | Mount.MS_STRICTATIME)) != 0
                || (cleared & Mount.MS_NOATIME) != 0) {
            clr |= Mount.MOUNT_ATTR__ATIME;
        }
        return clr;
    }

    private static long toAttr(long ms) {
        long a = 0;
        if ((ms & Mount.MS_RDONLY) != 0) {
            a |= Mount.MOUNT_ATTR_RDONLY;
        }
        if ((ms & Mount.MS_NOSUID) != 0) {
            a |= Mount.MOUNT_ATTR_NOSUID;
        }
        if ((ms & Mount.MS_NODEV) != 0) {
            a |= Mount.MOUNT_ATTR_NODEV;
        }
        if ((ms & Mount.MS_NOEXEC) != 0) {
            a |= Mount.MOUNT_ATTR_NOEXEC;
        }
        if ((ms & Mount.MS_NOATIME) != 0) {
            a |= Mount.MOUNT_ATTR_NOATIME;
        }
        if ((ms & Mount.MS_STRICTATIME) != 0) {
            a |= Mount.MOUNT_ATTR_STRICTATIME;
        }
        if ((ms & Mount.MS_NODIRATIME) != 0) {
            a |= Mount.MOUNT_ATTR_NODIRATIME;
        }
        if ((ms & Mount.MS_NOSYMFOLLOW) != 0) {
            a |= Mount.MOUNT_ATTR_NOSYMFOLLOW;
        }
        return a;
    }
}
