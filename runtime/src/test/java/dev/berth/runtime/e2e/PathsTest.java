package dev.berth.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile images: symlinks in the root filesystem that point outside it must never send a mount, a
 * mount point or a file onto the host. Each test compares the host's mount table and its {@code /etc}
 * and {@code /} before and after.
 */
class PathsTest extends ContainerTest {
    private List<String> hostMountsBefore;
    private List<String> rootBefore;
    private List<String> etcBefore;

    private static List<String> names(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Mount points of the host, and what is mounted there (mount ids change with every mount). */
    private static List<String> hostMounts() throws Exception {
        List<String> m = new ArrayList<>();
        for (MountInfo i : MountInfo.all(Files.readString(Path.of("/proc/self/mountinfo")))) {
            m.add(i.point() + " " + i.type() + " " + i.device());
        }
        return m;
    }

    @BeforeEach
    void snapshotTheHost() throws Exception {
        hostMountsBefore = hostMounts();
        rootBefore = names(Path.of("/"));
        etcBefore = names(Path.of("/etc"));
    }

    @AfterEach
    void theHostIsUntouched() throws Exception {
        List<String> added = new ArrayList<>(hostMounts());
        added.removeAll(hostMountsBefore);
        // other programs may mount meanwhile; what this test could cause lands on /, /etc or /proc
        added.removeIf(m -> !(m.startsWith("/ ") || m.startsWith("/etc") || m.startsWith("/proc ")));
        assertEquals(List.of(), added, "new mounts on the host");
        assertEquals(List.of(), madeBy(rootBefore, names(Path.of("/"))), "made in the host's /");
        assertEquals(List.of(), madeBy(etcBefore, names(Path.of("/etc"))), "made in the host's /etc");
    }

    /**
     * Entries of {@code after} that were not in {@code before} and that the spec names (a package
     * installed meanwhile by someone else adds files to /etc too, but not ones this spec names).
     */
    private List<String> madeBy(List<String> before, List<String> after) {
        String spec = Json.write(bundle.config);
        return after.stream().filter(n -> !before.contains(n) && spec.contains("/" + n)).toList();
    }

    private void replaceWithSymlink(String inRootfs, String target) throws Exception {
        Path p = bundle.rootfs.resolve(inRootfs);
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(p);
        }
        Files.createDirectories(p.getParent());
        Files.createSymbolicLink(p, Path.of(target));
    }

    @Test
    void aProcSymlinkToSlashNeverMountsProcOnTheHost() throws Exception {
        replaceWithSymlink("proc", "/");
        bundle.sh("true");
        run(); // refused or contained: either way the host is untouched (checked afterwards)
    }

    @Test
    void aProcSymlinkIsRefusedAsRuncRefusesIt() throws Exception {
        // runc: error mounting "proc" to rootfs at "/proc": filesystem "proc" must be mounted on ordinary
        // directory. Berth resolves /proc in the root to the root itself, mounts proc over the rootfs
        // mount that pivot_root then leaves behind, and runs the payload without /proc: the masked and
        // read-only paths are skipped as missing, and run succeeds.
        replaceWithSymlink("proc", "/");
        bundle.args("true");
        BerthCli.Result r = create(); // create: the payload never runs, so only berth can fail here
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("mounts[0]"), "the error names the mount: " + r);
    }

    @Test
    void mountDestinationsThroughSymlinksToTheHostsEtcStayInTheContainer() throws Exception {
        String a = "berth-e2e-" + UUID.randomUUID();
        String b = "berth-e2e-" + UUID.randomUUID();
        replaceWithSymlink("evil-abs", "/etc");
        replaceWithSymlink("evil-rel", "../../../../../../../../../../etc");
        bundle.mount("/evil-abs/" + a, "tmpfs", "tmpfs", "size=1m");
        bundle.mount("/evil-rel/" + b, "tmpfs", "tmpfs", "size=1m");
        String out = probe("stat -f -c %T /etc/" + a + " /etc/" + b + "; grep -c berth-e2e /proc/self/mountinfo");
        assertEquals("tmpfs\ntmpfs\n2\n", out, "the probe sees its own tmpfs mounts, at its own /etc");
        assertFalse(Files.exists(Path.of("/etc", a)) || Files.exists(Path.of("/etc", b)), "nothing made in the host's /etc");
        assertTrue(Files.isDirectory(bundle.rootfs.resolve("etc").resolve(a)), "the mount point is in the image's /etc");
    }

    @Test
    void aBindMountOfAHostFileOntoASymlinkToTheHostsPasswdStaysInTheContainer() throws Exception {
        Path file = tmp.resolve("fake-passwd");
        Files.writeString(file, "evil:x:0:0::/:/bin/sh\n");
        replaceWithSymlink("etc/link-to-passwd", "/etc/passwd");
        String hostPasswd = Files.readString(Path.of("/etc/passwd"));
        bundle.bind(file, "/etc/link-to-passwd", "ro");
        String out = probe("cat /etc/passwd");
        assertEquals("evil:x:0:0::/:/bin/sh\n", out, "the image's /etc/passwd got the bind");
        assertEquals(hostPasswd, Files.readString(Path.of("/etc/passwd")), "the host's passwd");
        assertEquals(BusyboxBundle.PASSWD, Files.readString(bundle.rootfs.resolve("etc/passwd")), "the image's file itself");
    }

    @Test
    void aDevSymlinkToTheHostsDevStaysInTheContainer() throws Exception {
        replaceWithSymlink("dev", "/dev");
        bundle.sh("ls /dev/null /dev/ptmx > /dev/null && grep -c ' /dev ' /proc/self/mountinfo");
        BerthCli.Result r = run();
        if (r.code() == 0) {
            assertEquals("1\n", r.out(), "one /dev, the container's own: " + r);
        }
    }
}
