package dev.berth.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The container's file system as the payload sees it: the default spec's mounts and their flags from
 * {@code /proc/self/mountinfo}, the read-only root, masked and read-only paths, device nodes, bind mounts
 * of host directories and files, and tmpfs options.
 */
class MountsTest extends ContainerTest {
    private Map<String, MountInfo> mountsInside() throws Exception {
        return MountInfo.parse(probe("cat /proc/self/mountinfo"));
    }

    private static void assertOptions(MountInfo m, String type, Set<String> options, Set<String> superOptions) {
        assertNotNull(m);
        assertEquals(type, m.type(), m.toString());
        assertTrue(m.options().containsAll(options), "per-mount options " + options + " of " + m);
        assertTrue(m.superOptions().containsAll(superOptions), "superblock options " + superOptions + " of " + m);
    }

    @Test
    void theDefaultSpecsMountsWithTheirFlags() throws Exception {
        Map<String, MountInfo> m = mountsInside();
        assertOptions(m.get("/"), m.get("/").type(), Set.of("ro"), Set.of());
        assertOptions(m.get("/proc"), "proc", Set.of("rw"), Set.of());
        assertOptions(m.get("/dev"), "tmpfs", Set.of("rw", "nosuid"), Set.of("mode=755", "size=65536k"));
        assertOptions(m.get("/dev/pts"), "devpts", Set.of("rw", "nosuid", "noexec"), Set.of("gid=5", "mode=620", "ptmxmode=666"));
        assertOptions(m.get("/dev/shm"), "tmpfs", Set.of("rw", "nosuid", "nodev", "noexec"), Set.of("size=65536k"));
        assertOptions(m.get("/dev/mqueue"), "mqueue", Set.of("rw", "nosuid", "nodev", "noexec"), Set.of());
        assertOptions(m.get("/sys"), "sysfs", Set.of("ro", "nosuid", "nodev", "noexec"), Set.of());
        MountInfo cgroup = m.get("/sys/fs/cgroup");
        assertNotNull(cgroup, "a cgroup mount at /sys/fs/cgroup: " + m.keySet());
        for (MountInfo i : m.values()) {
            if (i.point().startsWith("/sys/fs/cgroup/")) {
                assertTrue(i.readOnly(), "cgroup hierarchies are read-only: " + i);
                assertTrue(i.type().startsWith("cgroup"), i.toString());
            }
        }
        assertFalse(m.keySet().stream().anyMatch(p -> p.startsWith(tmp.toString())), "no host path shows: " + m.keySet());
    }

    @Test
    void devptsIsANewInstanceWithItsOwnPtmx() throws Exception {
        String out = probe("ls -A /dev/pts; stat -c '%a' /dev/pts/ptmx; readlink /dev/ptmx; grep ' /dev/pts ' /proc/self/mountinfo");
        String[] lines = out.split("\n");
        assertEquals("ptmx", lines[0], "no pty of the host: " + out);
        assertEquals("666", lines[1], "ptmxmode=0666");
        assertEquals("pts/ptmx", lines[2], "/dev/ptmx is a symlink to pts/ptmx");
        String inside = MountInfo.parseLine(lines[3]).device();
        for (MountInfo host : MountInfo.all(Files.readString(Path.of("/proc/self/mountinfo")))) {
            if (host.type().equals("devpts")) {
                assertNotEquals(host.device(), inside, "the container's devpts is not the host's " + host);
            }
        }
    }

    @Test
    void shmIsWorldWritableAndSticky() throws Exception {
        assertEquals("1777\n", probe("stat -c %a /dev/shm"));
    }

    @Test
    void theReadOnlyRootRefusesWrites() throws Exception {
        bundle.sh("touch /x");
        BerthCli.Result r = run();
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("Read-only file system"), r.toString());
        assertFalse(Files.exists(bundle.rootfs.resolve("x")));
    }

    @Test
    void aWritableRootWhenRootReadonlyIsFalse() throws Exception {
        Json.obj(bundle.config, "root").put("readonly", false);
        assertEquals("ok\n", probe("echo hi > /x && echo ok"));
        assertEquals("hi\n", Files.readString(bundle.rootfs.resolve("x")));
    }

    @Test
    void maskedPathsReadEmpty() throws Exception {
        // The default spec's masked paths that exist on this kernel: files read empty, directories list empty.
        @SuppressWarnings("unchecked")
        List<String> masked = (List<String>) (List<?>) Json.list(bundle.linux(), "maskedPaths");
        StringBuilder script = new StringBuilder();
        int checked = 0;
        for (String p : masked) {
            Path onHost = Path.of(p);
            if (!Files.exists(onHost)) {
                continue;
            }
            checked++;
            if (Files.isDirectory(onHost)) {
                script.append("echo \"").append(p).append(" [$(ls -A ").append(p).append(")]\"; ");
            } else {
                script.append("echo \"").append(p).append(" $(wc -c < ").append(p).append(")\"; ");
            }
        }
        assertTrue(checked >= 3, "at least three masked paths exist here: " + masked);
        script.append("grep ' /proc/acpi ' /proc/self/mountinfo");
        String out = probe(script.toString());
        List<String> lines = out.lines().toList();
        for (String line : lines.subList(0, lines.size() - 1)) {
            assertTrue(line.endsWith(" []") || line.endsWith(" 0"), "masked: " + line);
        }
        MountInfo acpi = MountInfo.parseLine(lines.get(lines.size() - 1));
        assertEquals("tmpfs", acpi.type(), "an empty tmpfs over /proc/acpi: " + acpi);
        assertTrue(acpi.readOnly(), acpi.toString());
    }

    @Test
    void maskedFilesAreTheNullDevice() throws Exception {
        assertTrue(Files.exists(Path.of("/proc/timer_list")) && Files.size(Path.of("/proc/keys")) >= 0);
        assertEquals("1 3\n1 3\n", probe("stat -c '%t %T' /proc/keys /proc/timer_list"));
    }

    @Test
    void sysFirmwareIsAnEmptyReadOnlyDirectory() throws Exception {
        assertFalse(Files.list(Path.of("/sys/firmware")).toList().isEmpty(), "the host's /sys/firmware has entries");
        String out = probe("ls -A /sys/firmware; echo end; touch /sys/firmware/x 2>&1 || true");
        assertTrue(out.startsWith("end\n"), out);
        assertTrue(out.contains("Read-only file system"), out);
    }

    @Test
    void readonlyPathsCannotBeWritten() throws Exception {
        String out = probe("{ echo e2e > /proc/sys/kernel/hostname; } 2>&1; echo $?; hostname; "
                + "grep -E ' /proc/(sys|bus|fs|irq|sysrq-trigger) ' /proc/self/mountinfo");
        String[] lines = out.split("\n");
        assertTrue(lines[0].contains("Read-only file system"), out);
        assertEquals("1", lines[1], out);
        assertEquals("berth", lines[2], "the hostname stayed the spec's");
        List<MountInfo> ro = MountInfo.all(out);
        // the default spec's read-only paths that exist on this kernel
        Set<String> expected = new java.util.TreeSet<>();
        for (String p : List.of("/proc/sys", "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sysrq-trigger")) {
            if (Files.exists(Path.of(p))) {
                expected.add(p);
            }
        }
        assertEquals(expected, new java.util.TreeSet<>(ro.stream().map(MountInfo::point).toList()), out);
        for (MountInfo m : ro) {
            assertTrue(m.readOnly(), m.toString());
        }
    }

    @Test
    void defaultDevicesWithTheirNumbers() throws Exception {
        String out = probe("cd /dev && stat -c '%n %F %t:%T %a' null zero full random urandom tty");
        assertEquals("""
                null character special file 1:3 666
                zero character special file 1:5 666
                full character special file 1:7 666
                random character special file 1:8 666
                urandom character special file 1:9 666
                tty character special file 5:0 666
                """, out);
        assertEquals("/proc/self/fd\n/proc/self/fd/0\n/proc/self/fd/1\n/proc/self/fd/2\n",
                probe("cd /dev && for l in fd stdin stdout stderr; do readlink $l; done"));
        assertEquals("00 00 00 00", probe("head -c 4 /dev/zero | od -An -tx1").strip(), "/dev/zero reads zeros");
    }

    @Test
    void specDevicesWithModeAndOwner() throws Exception {
        Json.list(bundle.linux(), "devices").add(Json.map("path", "/dev/e2e/null-too", "type", "c", "major", 1, "minor", 3,
                "fileMode", 416, "uid", 1000, "gid", 100)); // 0640
        Json.list(bundle.linux(), "devices").add(Json.map("path", "/dev/e2e-fifo", "type", "p", "fileMode", 384)); // 0600
        assertEquals("character special file 1:3 640 1000:100\nfifo 600\n",
                probe("stat -c '%F %t:%T %a %u:%g' /dev/e2e/null-too; stat -c '%F %a' /dev/e2e-fifo"));
    }

    @Test
    void bindMountsOfHostDirectoriesReadWriteAndReadOnly() throws Exception {
        Path rw = Files.createDirectories(tmp.resolve("rw"));
        Path ro = Files.createDirectories(tmp.resolve("ro"));
        Files.writeString(ro.resolve("given"), "from the host\n");
        bundle.bind(rw, "/data/rw", "rw").bind(ro, "/data/ro", "ro");
        String out = probe("echo written > /data/rw/made; cat /data/ro/given; touch /data/ro/x 2>&1; "
                + "grep ' /data/' /proc/self/mountinfo");
        assertEquals("written\n", Files.readString(rw.resolve("made")));
        assertFalse(Files.exists(ro.resolve("x")));
        assertTrue(out.startsWith("from the host\n"), out);
        assertTrue(out.contains("Read-only file system"), out);
        Map<String, MountInfo> m = MountInfo.parse(out);
        assertFalse(m.get("/data/rw").readOnly(), out);
        assertTrue(m.get("/data/ro").readOnly(), out);
        assertFalse(Files.exists(bundle.rootfs.resolve("data/rw/made")), "the write went to the host directory");
    }

    @Test
    void bindMountOptionsNosuidNodevNoexec() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bin"));
        writeExecutable(dir.resolve("hello"), "#!/bin/sh\necho hello\n");
        bundle.bind(dir, "/opt/exec").bind(dir, "/opt/noexec", "noexec", "nosuid", "nodev");
        String out = probe("/opt/exec/hello; /opt/noexec/hello 2>&1; grep ' /opt/noexec ' /proc/self/mountinfo");
        String[] lines = out.split("\n");
        assertEquals("hello", lines[0]);
        assertTrue(lines[1].contains("Permission denied"), out);
        assertTrue(MountInfo.parseLine(lines[2]).options().containsAll(Set.of("nosuid", "nodev", "noexec")), out);
    }

    @Test
    void bindMountOfASingleHostFile() throws Exception {
        Path file = tmp.resolve("resolv.conf");
        Files.writeString(file, "nameserver 198.18.0.1\n");
        bundle.bind(file, "/etc/resolv.conf", "ro").bind(file, "/new/dir/file.conf", "ro");
        assertEquals("nameserver 198.18.0.1\nnameserver 198.18.0.1\nregular file\n",
                probe("cat /etc/resolv.conf /new/dir/file.conf; stat -c %F /new/dir/file.conf"));
        assertFalse(Files.exists(bundle.rootfs.resolve("etc/resolv.conf.x")));
    }

    @Test
    void tmpfsWithSizeAndMode() throws Exception {
        bundle.mount("/scratch", "tmpfs", "tmpfs", "size=1m", "mode=0710", "nosuid", "nodev");
        String out = probe("stat -c %a /scratch; grep ' /scratch ' /proc/self/mountinfo; "
                + "dd if=/dev/zero of=/scratch/big bs=1k count=2048 2>&1; echo dd=$?");
        String[] lines = out.split("\n");
        assertEquals("710", lines[0]);
        MountInfo m = MountInfo.parseLine(lines[1]);
        assertEquals("tmpfs", m.type());
        assertTrue(m.superOptions().contains("size=1024k"), m.toString());
        assertTrue(m.options().containsAll(Set.of("nosuid", "nodev")), m.toString());
        assertTrue(out.contains("No space left on device"), out);
        assertTrue(out.endsWith("dd=1\n"), out);
    }
}
