package dev.berth.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.syscall.struct.MountAttr;
import dev.berth.syscall.testing.RootTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls that need root, each on a dedicated platform thread in fresh namespaces, checked against
 * what the kernel shows in {@code /proc/thread-self}; and afterwards, that the host saw nothing.
 */
@RootTest
class NamespacesRootTest {
    @TempDir
    Path tmp;

    private static String mountinfo() throws ErrnoException {
        return Fs.readFile("/proc/thread-self/mountinfo");
    }

    private static Optional<String> mountAt(String mountinfo, String target) {
        return Arrays.stream(mountinfo.split("\n")).filter(l -> l.split(" ")[4].equals(target)).findFirst();
    }

    @Test
    void mountInAPrivateNamespaceStaysThere() throws Exception {
        String target = tmp.toString();
        String line = NsThread.unshared(Clone.CLONE_NEWNS, () -> {
            Mounts.mount("tmpfs", target, "tmpfs", Mount.MS_NOSUID | Mount.MS_NODEV | Mount.MS_NOEXEC, "size=1m,mode=0700");
            Fs.close(Fs.openat(At.AT_FDCWD, target + "/x", Open.O_WRONLY | Open.O_CREAT | Open.O_CLOEXEC, 0600));
            return mountAt(mountinfo(), target).orElseThrow();
        });
        assertTrue(line.contains(" rw,nosuid,nodev,noexec"), line);
        assertTrue(line.contains(" - tmpfs tmpfs "), line);
        assertTrue(mountAt(mountinfo(), target).isEmpty(), "the host must not see the mount");
        assertFalse(Files.exists(tmp.resolve("x")), "the host must not see files on it");
    }

    @Test
    void remountReadOnlyBindAndUmount() throws Exception {
        Files.writeString(tmp.resolve("file"), "data");
        Files.createDirectories(tmp.resolve("view"));
        NsThread.unshared(Clone.CLONE_NEWNS, () -> {
            String src = tmp.toString();
            String view = tmp + "/view";
            Mounts.mount(src, view, null, Mount.MS_BIND, null);
            Mounts.mount(null, view, null, Mount.MS_BIND | Mount.MS_REMOUNT | Mount.MS_RDONLY, null);
            assertTrue(mountAt(mountinfo(), view).orElseThrow().split(" ")[5].startsWith("ro"));
            ErrnoException e = assertThrows(ErrnoException.class, () -> Fs.writeFile(view + "/file", "x"));
            assertEquals(Errno.EROFS, e.errno());
            Mounts.umount2(view, Mount.MNT_DETACH);
            assertTrue(mountAt(mountinfo(), view).isEmpty());
            MountException notMounted = assertThrows(MountException.class, () -> Mounts.umount2(view, 0));
            assertEquals("umount2(\"" + view + "\", 0) = -1 EINVAL (Invalid argument)", notMounted.getMessage());
            return null;
        });
    }

    @Test
    void newMountApiAndSetattr() throws Exception {
        String target = tmp.toString();
        String line = NsThread.unshared(Clone.CLONE_NEWNS, () -> {
            int fs = Mounts.fsopen("tmpfs", Mount.FSOPEN_CLOEXEC);
            try (Fd f = Fd.of(fs)) {
                Mounts.fsconfig(f.get(), Mount.FSCONFIG_SET_STRING, "size", "2m", 0);
                Mounts.fsconfig(f.get(), Mount.FSCONFIG_CMD_CREATE, null, null, 0);
                int mnt = Mounts.fsmount(f.get(), Mount.FSMOUNT_CLOEXEC, Mount.MOUNT_ATTR_NODEV);
                try (Fd m = Fd.of(mnt)) {
                    Mounts.moveMount(m.get(), "", At.AT_FDCWD, target, Mount.MOVE_MOUNT_F_EMPTY_PATH);
                }
            }
            Mounts.mountSetattr(At.AT_FDCWD, target, 0, new MountAttr(Mount.MOUNT_ATTR_RDONLY, 0, 0, 0));
            int tree = Mounts.openTree(At.AT_FDCWD, target, Mount.OPEN_TREE_CLONE | Mount.OPEN_TREE_CLOEXEC);
            Fs.close(tree);
            return mountAt(mountinfo(), target).orElseThrow();
        });
        assertTrue(line.contains(" ro,nodev"), line);
        assertTrue(line.contains("size=2048k"), line);
        assertTrue(mountAt(mountinfo(), target).isEmpty());
    }

    @Test
    void hostnameInANewUtsNamespace() throws Exception {
        String host = Syscalls.uname().nodename();
        String inside = NsThread.unshared(Clone.CLONE_NEWUTS, () -> {
            Syscalls.sethostname("berth-test-host");
            Syscalls.setdomainname("berth.test");
            return Syscalls.uname().nodename() + " " + Syscalls.uname().domainname();
        });
        assertEquals("berth-test-host berth.test", inside);
        assertEquals(host, Syscalls.uname().nodename());
    }

    @Test
    void setnsJoinsAnotherThreadsNetworkNamespace() throws Exception {
        String hostNs = Fs.readlinkat(At.AT_FDCWD, "/proc/thread-self/ns/net");
        // Thread A makes a network namespace and keeps it alive through an fd; thread B joins it.
        int[] fd = new int[1];
        String made = NsThread.unshared(Clone.CLONE_NEWNET, () -> {
            fd[0] = Fs.open("/proc/thread-self/ns/net", Open.O_RDONLY | Open.O_CLOEXEC);
            return Fs.readlinkat(At.AT_FDCWD, "/proc/thread-self/ns/net");
        });
        try (Fd ns = Fd.of(fd[0])) {
            assertNotEquals(hostNs, made);
            assertEquals(Clone.CLONE_NEWNET, Fs.ioctl(ns.get(), Ioctl.NS_GET_NSTYPE, 0));
            String joined = NsThread.entered(ns.get(), Clone.CLONE_NEWNET,
                    () -> Fs.readlinkat(At.AT_FDCWD, "/proc/thread-self/ns/net") + " "
                            + Fs.readFile("/proc/thread-self/net/dev").lines().skip(2).map(l -> l.trim().split(":")[0])
                                    .toList());
            assertEquals(made + " [lo]", joined);
            ErrnoException wrongType = assertThrows(ErrnoException.class,
                    () -> NsThread.entered(ns.get(), Clone.CLONE_NEWUTS, () -> null));
            assertEquals(Errno.EINVAL, wrongType.errno());
            assertTrue(wrongType.getMessage().startsWith("setns(" + ns.get() + ", CLONE_NEWUTS)"));
        }
        assertEquals(hostNs, Fs.readlinkat(At.AT_FDCWD, "/proc/thread-self/ns/net"));
    }

    @Test
    void pivotRootIntoATmpfs() throws Exception {
        Files.createDirectories(tmp.resolve("root"));
        String root = tmp + "/root";
        // Everything used after pivot_root is loaded before it: the old root (and the class path) goes away.
        describe("/");
        String seen = NsThread.unshared(Clone.CLONE_NEWNS, () -> {
            Mounts.mount("tmpfs", root, "tmpfs", 0, "size=1m");
            Fs.mkdirat(At.AT_FDCWD, root + "/old", 0700);
            int fd = Fs.openat(At.AT_FDCWD, root + "/marker", Open.O_WRONLY | Open.O_CREAT | Open.O_CLOEXEC, 0600);
            Fs.writeAll(fd, "pivoted".getBytes(StandardCharsets.UTF_8));
            Fs.close(fd);
            Fs.chdir(root);
            Mounts.pivotRoot(".", "old");
            Mounts.umount2("/old", Mount.MNT_DETACH);
            Fs.chdir("/");
            return describe("/");
        });
        assertEquals("pivoted 2", seen);
        assertFalse(Files.exists(tmp.resolve("root/marker")), "the host still sees the empty directory");
    }

    /** The marker's text and the number of entries in {@code dir}. */
    private static String describe(String dir) throws ErrnoException {
        String marker = "";
        try (Fd m = Fd.of(Fs.open(dir + "marker", Open.O_RDONLY | Open.O_CLOEXEC))) {
            marker = new String(Fs.read(m.get(), 64), StandardCharsets.UTF_8);
        } catch (ErrnoException e) {
            if (!e.is(Errno.ENOENT)) {
                throw e;
            }
        }
        try (Fd d = Fd.of(Fs.open(dir, Open.O_RDONLY | Open.O_DIRECTORY | Open.O_CLOEXEC))) {
            return marker + " " + Fs.readDirectory(d.get()).size();
        }
    }

    @Test
    void ptyFromAPrivateDevptsInstance() throws Exception {
        String pts = tmp.toString();
        int number = NsThread.unshared(Clone.CLONE_NEWNS, () -> {
            Mounts.mount("devpts", pts, "devpts", Mount.MS_NOSUID | Mount.MS_NOEXEC, "newinstance,ptmxmode=0666,mode=620");
            Terminals.Pty pty = Terminals.openPty(pts + "/ptmx");
            try (Fd m = Fd.of(pty.master()); Fd s = Fd.of(pty.slave())) {
                Fs.writeAll(m.get(), "x\n".getBytes(StandardCharsets.UTF_8));
                assertEquals("x\n", new String(Fs.read(s.get(), 8), StandardCharsets.UTF_8));
                assertTrue(Fs.stat(pts + "/" + pty.number()).type() == Stat.S_IFCHR);
                return pty.number();
            }
        });
        assertEquals(0, number, "a new devpts instance numbers from 0");
    }
}
