package dev.berth.runtime.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.runtime.e2e.BerthCli;
import dev.berth.runtime.e2e.ContainerTest;
import dev.berth.runtime.e2e.Json;
import dev.berth.runtime.e2e.MountInfo;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile images against the spec's mounts: a destination that is a symlink to {@code /} or climbs out of
 * the root towards a host directory, a bind source that is a symlink on the host, masked and read-only
 * paths replaced by symlinks, an image's own {@code /dev/null} that is not a device, {@code /dev} itself a
 * symlink to a host path, and the runc default spec's protection of {@code /proc}. Every mount must land
 * inside the root (the host directory the image aims at is compared before and after) and every
 * protection must hold from inside. {@code PathsTest} has the {@code /proc} and {@code /etc} cases.
 */
class MountEscapeTest extends ContainerTest {
    /** A host directory an image aims its symlinks at, with one file in it. */
    private Path target;

    @BeforeEach
    void aHostTarget() throws Exception {
        target = tmp.resolve("host-target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("sentinel"), "host");
    }

    private static List<String> tree(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private void assertTargetUntouched() throws Exception {
        assertEquals(List.of("", "sentinel"), tree(target), "the host directory the image aimed at");
        assertEquals("host", Files.readString(target.resolve("sentinel")));
    }

    /** A relative symlink target from {@code rootfs/LINK} that reaches {@link #target} if followed on the host. */
    private String climbingTo(Path hostDir) {
        return "../".repeat(bundle.rootfs.getNameCount() + 2) + hostDir.toString().substring(1);
    }

    @Test
    void aDestinationThroughASymlinkToSlashLandsInTheRoot() throws Exception {
        Files.createSymbolicLink(bundle.rootfs.resolve("evil"), Path.of("/"));
        Path hostile = Path.of("/tmp", "berth-hardening-" + id);
        bundle.mount("/evil" + hostile, "tmpfs", "tmpfs", "size=1m");
        try {
            assertEquals("tmpfs\n", probe("stat -f -c %T " + hostile));
            assertFalse(Files.exists(hostile, LinkOption.NOFOLLOW_LINKS), "nothing made on the host");
        } finally {
            Files.deleteIfExists(hostile); // only there if the mount point escaped
        }
        assertTrue(Files.isDirectory(bundle.rootfs.resolve(hostile.toString().substring(1))), "the mount point is in "
                + "the image");
    }

    /** The image also has the host directory's path, so that the climbing symlink resolves inside the root. */
    private void sameDirectoryInTheImage() throws Exception {
        Files.createDirectories(bundle.rootfs.resolve(target.toString().substring(1)));
    }

    @Test
    void aDestinationThroughASymlinkClimbingOutLandsInTheRoot() throws Exception {
        Files.createSymbolicLink(bundle.rootfs.resolve("up"), Path.of(climbingTo(target)));
        sameDirectoryInTheImage();
        Path source = tmp.resolve("source");
        Files.createDirectories(source);
        Files.writeString(source.resolve("payload"), "bound");
        bundle.bind(source, "/up/inner", "ro");
        bundle.mount("/up/scratch", "tmpfs", "tmpfs", "size=1m");
        assertEquals("bound tmpfs\n", probe("echo $(cat /up/inner/payload) $(stat -f -c %T /up/scratch)"));
        assertTargetUntouched();
    }

    @Test
    void aDestinationThatIsTheSymlinkItselfLandsInTheRoot() throws Exception {
        Files.createSymbolicLink(bundle.rootfs.resolve("up"), Path.of(climbingTo(target)));
        bundle.mount("/up", "tmpfs", "tmpfs", "size=1m");
        bundle.sh("stat -f -c %T /up; touch /up/written");
        BerthCli.Result r = run();
        assertTargetUntouched();
        if (r.code() == 0) {
            assertEquals("tmpfs\n", r.out(), r.toString());
        }
    }

    @Test
    void aBindSourceSymlinkIsResolvedOnTheHostAndTheDestinationStaysInside() throws Exception {
        // sources are host paths: a symlink there is the host's business; the destination is the image's
        Path real = tmp.resolve("real-source");
        Files.createDirectories(real);
        Files.writeString(real.resolve("file"), "through the host's symlink");
        Path link = tmp.resolve("source-link");
        Files.createSymbolicLink(link, real);
        Files.createSymbolicLink(bundle.rootfs.resolve("up"), Path.of(climbingTo(target)));
        sameDirectoryInTheImage();
        bundle.bind(link, "/up/mnt", "ro");
        assertEquals("through the host's symlink", probe("cat /up/mnt/file"));
        assertTargetUntouched();
    }

    @Test
    void aMaskedPathThatIsASymlinkStaysMasked() throws Exception {
        Files.writeString(bundle.rootfs.resolve("etc/secret-real"), "SECRET");
        Files.createSymbolicLink(bundle.rootfs.resolve("secret"), Path.of("/etc/secret-real"));
        Files.createDirectories(bundle.rootfs.resolve("etc/secret-dir-real"));
        Files.writeString(bundle.rootfs.resolve("etc/secret-dir-real/f"), "SECRET");
        Files.createSymbolicLink(bundle.rootfs.resolve("secret-dir"), Path.of("etc/secret-dir-real"));
        Json.list(bundle.linux(), "maskedPaths").add("/secret");
        Json.list(bundle.linux(), "maskedPaths").add("/secret-dir");
        String out = probe("cat /secret; echo \"[$(ls -A /secret-dir/)]\"");
        assertFalse(out.contains("SECRET"), out);
        assertTrue(out.endsWith("[]\n"), out);
    }

    @Test
    void aReadOnlyPathThatIsASymlinkStaysReadOnly() throws Exception {
        // The spec makes /ro read-only; the image makes /ro a symlink to a writable mount.
        Files.createSymbolicLink(bundle.rootfs.resolve("ro"), Path.of("/data"));
        bundle.mount("/data", "tmpfs", "tmpfs", "size=1m");
        Json.list(bundle.linux(), "readonlyPaths").add("/ro");
        bundle.sh("touch /ro/x && echo WROTE-THROUGH /ro; touch /data/y && echo wrote /data; true");
        BerthCli.Result r = run().ok();
        assertFalse(r.out().contains("WROTE-THROUGH"), "a write through the read-only path succeeded: " + r);
        assertTrue(r.err().contains("Read-only file system"), r.toString());
    }

    /**
     * Reads a file the default spec masks with /dev/null ({@code /proc/keys}: {@code /proc/kcore} is not in
     * every kernel) and shows its device numbers.
     */
    private static final String READ_MASKED = "wc -c < /proc/keys; stat -c %t,%T /proc/keys";

    /** The image's /dev is used as it is (no /dev mount), with a /dev/null of the image's making. */
    private void imageDev(String devNull) throws Exception {
        Json.list(bundle.config, "mounts").removeIf(m -> ((Map<?, ?>) m).get("destination").toString()
                .startsWith("/dev"));
        Path dev = bundle.rootfs.resolve("dev");
        Files.createDirectories(dev);
        if (devNull.startsWith("->")) {
            Files.createSymbolicLink(dev.resolve("null"), Path.of(devNull.substring(2)));
        } else {
            Files.writeString(dev.resolve("null"), devNull);
        }
    }

    @Test
    void masksUseTheRuntimesOwnDevNullNotARegularFileOfTheImage() throws Exception {
        imageDev("NOT-NULL-BUT-DATA");
        assertEquals("0\n1,3\n", probe(READ_MASKED));
    }

    @Test
    void masksUseTheRuntimesOwnDevNullNotASymlinkOfTheImage() throws Exception {
        imageDev("->/etc/passwd");
        assertEquals("0\n1,3\n", probe(READ_MASKED));
    }

    @Test
    void aDevThatIsASymlinkToAHostPathStaysInside() throws Exception {
        Files.delete(bundle.rootfs.resolve("dev"));
        Files.createSymbolicLink(bundle.rootfs.resolve("dev"), target);
        sameDirectoryInTheImage(); // else the /dev mount is refused (ENOENT inside the root): safe, but tests less
        bundle.sh("ls /dev/null /dev/pts /dev/shm > /dev/null && echo ok");
        BerthCli.Result r = run();
        assertTargetUntouched();
        // /dev -> the host path resolves inside the root: the /dev mount lands there, and the container's
        // /dev (the symlink) leads to it
        assertEquals("ok\n", r.ok().out());
    }

    @Test
    void theRuncDefaultSpecKeepsProcReadOnlyAndMasked() throws Exception {
        Path fresh = tmp.resolve("spec");
        Files.createDirectories(fresh);
        berth("spec", "--bundle", fresh.toString()).ok();
        Map<String, Object> spec = Json.object(Files.readString(fresh.resolve("config.json")));
        bundle.config.clear();
        bundle.config.putAll(spec);
        bundle.process().put("terminal", false);
        Json.list(bundle.process(), "env").add(marker);
        Map<String, MountInfo> m = MountInfo.parse(probe("cat /proc/self/mountinfo"));
        // what this kernel has (some lack kcore or sysrq-trigger); what it lacks is missing inside too
        for (String p : List.of("/proc/sys", "/proc/sysrq-trigger", "/proc/bus", "/proc/fs", "/proc/irq")) {
            if (Files.exists(Path.of(p))) {
                assertTrue(m.containsKey(p) && m.get(p).readOnly(), p + " is read-only: " + m.get(p));
            }
        }
        for (String p : List.of("/proc/kcore", "/proc/keys", "/proc/timer_list", "/proc/acpi", "/sys/firmware")) {
            if (Files.exists(Path.of(p))) {
                assertTrue(m.containsKey(p), p + " is masked");
            }
        }
        boolean sysrq = Files.exists(Path.of("/proc/sysrq-trigger"));
        // Only now, with the read-only mounts seen, write for real: "h" (help) to sysrq-trigger, the container's
        // own hostname (a UTS namespace) into /proc/sys; read the masked files; try to undo the protection.
        bundle.sh((sysrq ? "echo h > /proc/sysrq-trigger; " : "") + "echo hacked > /proc/sys/kernel/hostname; hostname; "
                + "echo \"keys $(wc -c < /proc/keys) timers $(wc -c < /proc/timer_list)\"; "
                + "mount -o remount,rw /proc/sys; umount /proc/sys; umount -l /proc/keys; mount -t proc proc /tmp; true");
        BerthCli.Result r = run().ok();
        assertEquals("berth\nkeys 0 timers 0\n", r.out(), "the hostname is still the spec's: " + r);
        String err = r.err();
        if (sysrq) {
            assertTrue(err.contains("/proc/sysrq-trigger: Read-only file system"), err);
        }
        assertTrue(err.contains("/proc/sys/kernel/hostname: Read-only file system"), err);
        long refused = err.lines().filter(l -> l.contains("not permitted") || l.contains("ermission denied")).count();
        assertTrue(refused >= 4, "remount, umount (twice) and a new proc are refused: " + err);
    }
}
