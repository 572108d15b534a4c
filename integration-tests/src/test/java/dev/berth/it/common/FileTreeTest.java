package dev.berth.it.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileTree#writeDirectory}: what a {@code docker build} context gets (modes, links, host mtimes). */
class FileTreeTest {
    @Test
    void writesModesSymlinksAndHostMtimes(@TempDir Path tmp) throws Exception {
        Path host = tmp.resolve("host.bin");
        Files.writeString(host, "payload");
        Files.setPosixFilePermissions(host, PosixFilePermissions.fromString("rwxr-x---"));
        FileTime old = FileTime.fromMillis(1_600_000_000_000L);
        Files.setLastModifiedTime(host, old);
        new FileTree()
                .hostFile("/opt/x/host.bin", host)
                .file("/etc/motd", "hi\n".getBytes(StandardCharsets.UTF_8), 0600)
                .symlink("/bin/sh", "busybox")
                .directory("/tmp", 01777)
                .writeDirectory(tmp.resolve("root"));
        Path root = tmp.resolve("root");
        assertEquals("payload", Files.readString(root.resolve("opt/x/host.bin")));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("opt/x/host.bin"))));
        assertEquals(old, Files.getLastModifiedTime(root.resolve("opt/x/host.bin")), "a host file keeps its mtime");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("etc/motd"))));
        assertEquals("busybox", Files.readSymbolicLink(root.resolve("bin/sh")).toString());
        assertEquals(01777, (int) Files.getAttribute(root.resolve("tmp"), "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777,
                "the sticky bit is set");
        assertEquals(0755, (int) Files.getAttribute(root.resolve("opt"), "unix:mode") & 07777, "parents are 0755");
    }

    @Test
    void refusesDeviceNodesAndAnExistingDirectory(@TempDir Path tmp) throws Exception {
        assertThrows(IOException.class, () -> new FileTree().characterDevice("/dev/null", 0666, 1, 3)
                .writeDirectory(tmp.resolve("a")));
        assertThrows(IOException.class, () -> new FileTree().directory("/x", 0755).writeDirectory(tmp));
    }
}
