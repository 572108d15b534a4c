package dev.berth.syscall;

import dev.berth.syscall.struct.MountAttr;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The mount family: {@code mount(2)}, {@code umount2(2)}, {@code pivot_root(2)}, {@code chroot(2)}, and
 * the fd-based mount API ({@code open_tree(2)}, {@code move_mount(2)}, {@code fsopen(2)},
 * {@code fspick(2)}, {@code fsconfig(2)}, {@code fsmount(2)}, {@code mount_setattr(2)}). Failures are
 * {@link MountException}s. Mount calls act on the calling thread's mount namespace.
 */
public final class Mounts {
    private Mounts() {}

    private static MemorySegment str(Arena a, String s) {
        return s == null ? MemorySegment.NULL : a.allocateFrom(s);
    }

    private static MountException fail(long r, String call, String... args) {
        return new MountException((int) -r, call, args);
    }

    /** {@code mount(2)}; any of {@code source}, {@code fstype}, {@code data} may be null. */
    public static void mount(String source, String target, String fstype, long flags, String data)
            throws MountException {
        try (Arena a = Arena.ofConfined()) {
            long r = Raw.call(Nr.MOUNT, str(a, source).address(), a.allocateFrom(target).address(),
                    str(a, fstype).address(), flags, str(a, data).address());
            if (r < 0) {
                throw fail(r, "mount", Show.str(source), Show.str(target), Show.str(fstype), Mount.formatMs(flags),
                        Show.str(data));
            }
        }
    }

    /** {@code umount2(2)}. */
    public static void umount2(String target, int flags) throws MountException {
        try (Arena a = Arena.ofConfined()) {
            long r = Raw.call(Nr.UMOUNT2, a.allocateFrom(target).address(), flags);
            if (r < 0) {
                throw fail(r, "umount2", Show.str(target), Mount.formatUmount(flags));
            }
        }
    }

    /** {@code pivot_root(2)}: make {@code newRoot} the root, moving the old one to {@code putOld}. */
    public static void pivotRoot(String newRoot, String putOld) throws MountException {
        try (Arena a = Arena.ofConfined()) {
            long r = Raw.call(Nr.PIVOT_ROOT, a.allocateFrom(newRoot).address(), a.allocateFrom(putOld).address());
            if (r < 0) {
                throw fail(r, "pivot_root", Show.str(newRoot), Show.str(putOld));
            }
        }
    }

    /** {@code chroot(2)}. */
    public static void chroot(String path) throws MountException {
        try (Arena a = Arena.ofConfined()) {
            long r = Raw.call(Nr.CHROOT, a.allocateFrom(path).address());
            if (r < 0) {
                throw fail(r, "chroot", Show.str(path));
            }
        }
    }

    /** {@code open_tree(2)}: an fd for a mount, or with {@link Mount#OPEN_TREE_CLONE} a detached copy of it. */
    public static int openTree(int dirfd, String path, int flags) throws MountException {
        try (Arena a = Arena.ofConfined()) {
            long r = Raw.call(Nr.OPEN_TREE, dirfd, a.allocateFrom(path).address(), flags);
            if (r < 0) {
                throw fail(r, "open_tree", Show.dirfd(dirfd), Show.str(path), Mount.formatOpenTree(flags));
            }
            return (int) r;
        }
    }

    /** {@code move_mount(2)}. */
    public static void moveMount(int fromDirfd, String fromPath, int toDirfd, String toPath, int flags)
            throws MountException {
        try (Arena a = Arena.ofConfined()) {
            long r = Raw.call(Nr.MOVE_MOUNT, fromDirfd, a.allocateFrom(fromPath).address(), toDirfd,
                    a.allocateFrom(toPath).address(), flags);
            if (r < 0) {
                throw fail(r, "move_mount", Show.dirfd(fromDirfd), Show.str(fromPath), Show.dirfd(toDirfd),
                        Show.str(toPath), Mount.formatMove(flags));
            }
        }
    }

    /** {@code fsopen(2)}: a filesystem context for {@code fstype}. */
    public static int fsopen(String fstype, int flags) throws MountException {
        try (Arena a = Arena.ofConfined()) {
            long r = Raw.call(Nr.FSOPEN, a.allocateFrom(fstype).address(), flags);
            if (r < 0) {
                throw fail(r, "fsopen", Show.str(fstype), flags == Mount.FSOPEN_CLOEXEC ? "FSOPEN_CLOEXEC"
                        : Integer.toString(flags));
            }
            return (int) r;
        }
    }

    /** {@code fspick(2)}: a context to reconfigure an existing mount's filesystem. */
    public static int fspick(int dirfd, String path, int flags) throws MountException {
        try (Arena a = Arena.ofConfined()) {
            long r = Raw.call(Nr.FSPICK, dirfd, a.allocateFrom(path).address(), flags);
            if (r < 0) {
                throw fail(r, "fspick", Show.dirfd(dirfd), Show.str(path), Integer.toString(flags));
            }
            return (int) r;
        }
    }

    /** {@code fsconfig(2)}; {@code key} and {@code value} may be null as the command requires. */
    public static void fsconfig(int fsfd, int cmd, String key, String value, int aux) throws MountException {
        try (Arena a = Arena.ofConfined()) {
            long r = Raw.call(Nr.FSCONFIG, fsfd, cmd, str(a, key).address(), str(a, value).address(), aux);
            if (r < 0) {
                throw fail(r, "fsconfig", Integer.toString(fsfd), Mount.formatFsconfigCmd(cmd), Show.str(key),
                        Show.str(value), Integer.toString(aux));
            }
        }
    }

    /** {@code fsmount(2)}: a detached mount fd for a created context. */
    public static int fsmount(int fsfd, int flags, long attrs) throws MountException {
        long r = Raw.call(Nr.FSMOUNT, fsfd, flags, attrs);
        if (r < 0) {
            throw fail(r, "fsmount", Integer.toString(fsfd), flags == Mount.FSMOUNT_CLOEXEC ? "FSMOUNT_CLOEXEC"
                    : Integer.toString(flags), Mount.formatAttr(attrs));
        }
        return (int) r;
    }

    /** {@code mount_setattr(2)}: change mount attributes (with {@link At#AT_RECURSIVE}, of a whole tree). */
    public static void mountSetattr(int dirfd, String path, int flags, MountAttr attr) throws MountException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = attr.allocate(a);
            long r = Raw.call(Nr.MOUNT_SETATTR, dirfd, a.allocateFrom(path).address(), flags, s.address(),
                    s.byteSize());
            if (r < 0) {
                throw fail(r, "mount_setattr", Show.dirfd(dirfd), Show.str(path), At.format(flags), attr.toString(),
                        Long.toString(s.byteSize()));
            }
        }
    }
}
