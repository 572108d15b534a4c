package dev.berth.it.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpioTest {
    /** One parsed newc header: the fields the harness sets, and the entry's data. */
    record Entry(String name, int mode, int nlink, long mtime, int rdevMajor, int rdevMinor, byte[] data) {}

    /** A reader written from the format description, to check the writer independently of it. */
    static List<Entry> read(byte[] archive) {
        List<Entry> entries = new ArrayList<>();
        int pos = 0;
        while (true) {
            String magic = new String(archive, pos, 6, StandardCharsets.US_ASCII);
            assertEquals("070701", magic, "magic at offset " + pos);
            long[] f = new long[13];
            for (int i = 0; i < 13; i++) {
                f[i] = Long.parseLong(new String(archive, pos + 6 + i * 8, 8, StandardCharsets.US_ASCII), 16);
            }
            int nameSize = (int) f[11];
            String name = new String(archive, pos + 110, nameSize - 1, StandardCharsets.UTF_8);
            assertEquals(0, archive[pos + 110 + nameSize - 1], "name of " + name + " ends with NUL");
            pos = align(pos + 110 + nameSize);
            byte[] data = new byte[(int) f[6]];
            System.arraycopy(archive, pos, data, 0, data.length);
            pos = align(pos + data.length);
            if (name.equals("TRAILER!!!")) {
                assertEquals(archive.length, pos, "nothing after the trailer");
                return entries;
            }
            entries.add(new Entry(name, (int) f[1], (int) f[4], f[5], (int) f[9], (int) f[10], data));
        }
    }

    private static int align(int n) {
        return (n + 3) & ~3;
    }

    @Test
    void headerOfAFileIsTheNewcLayout() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Cpio cpio = new Cpio(out)) {
            cpio.file("/a", 0644, 0x5f000000L, new byte[] {'x'});
        }
        String text = out.toString(StandardCharsets.ISO_8859_1);
        // ino 1, mode 0100644, uid 0, gid 0, nlink 1, mtime, size 1, dev 0:0, rdev 0:0, namesize 2, check 0
        assertEquals("070701" + "00000001" + "000081a4" + "00000000" + "00000000" + "00000001" + "5f000000"
                + "00000001" + "00000000" + "00000000" + "00000000" + "00000000" + "00000002" + "00000000"
                + "a\0" + "x\0\0\0", text.substring(0, 110 + 2 + 4));
        assertEquals(0, out.size() % 4);
    }

    @Test
    void everyKindOfEntryRoundTrips() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] big = new byte[70_001];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        try (Cpio cpio = new Cpio(out)) {
            cpio.directory("dev", 0755, 7);
            cpio.characterDevice("dev/console", 0600, 5, 1);
            cpio.file("bin/big", 0755, 9, big.length, new ByteArrayInputStream(big));
            cpio.symlink("bin/sh", "busybox", 11);
            cpio.file("/init", 0700, 13, "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
        }
        List<Entry> e = read(out.toByteArray());
        assertEquals(List.of("dev", "dev/console", "bin/big", "bin/sh", "init"), e.stream().map(Entry::name).toList());
        assertEquals(Cpio.S_IFDIR | 0755, e.get(0).mode());
        assertEquals(2, e.get(0).nlink());
        assertEquals(Cpio.S_IFCHR | 0600, e.get(1).mode());
        assertEquals(5, e.get(1).rdevMajor());
        assertEquals(1, e.get(1).rdevMinor());
        assertArrayEquals(big, e.get(2).data());
        assertEquals(9, e.get(2).mtime());
        assertEquals(Cpio.S_IFLNK | 0777, e.get(3).mode());
        assertEquals("busybox", new String(e.get(3).data(), StandardCharsets.UTF_8));
        assertEquals(Cpio.S_IFREG | 0700, e.get(4).mode());
    }

    @Test
    void aStreamShorterThanItsSizeIsAnError() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Cpio cpio = new Cpio(out);
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> cpio.file("f", 0644, 0, 10, new ByteArrayInputStream(new byte[3])));
        assertTrue(e.getMessage().contains("f: ended 7 bytes before its size 10"), e.getMessage());
    }

    /** busybox's cpio, the reference reader at hand, unpacks what FileTree writes. */
    @Test
    void busyboxUnpacksAnInitramfs(@TempDir Path tmp) throws Exception {
        Path busybox = Command.which("busybox");
        Assumptions.assumeTrue(busybox != null, "no busybox on this host");
        FileTree fs = new FileTree()
                .file("/opt/x/hello.txt", "hello\n".getBytes(StandardCharsets.UTF_8), 0640)
                .symlink("/bin/sh", "busybox")
                .directory("/empty", 0700);
        Path archive = tmp.resolve("a.cpio");
        fs.writeCpio(archive);
        Path root = Files.createDirectory(tmp.resolve("root"));
        Command c = Command.run(root, "sh", "-c", busybox + " cpio -i -d < " + archive);
        assertEquals(0, c.exitCode(), c.output());
        assertEquals("hello\n", Files.readString(root.resolve("opt/x/hello.txt")));
        assertEquals("busybox", Files.readSymbolicLink(root.resolve("bin/sh")).toString());
        assertTrue(Files.isDirectory(root.resolve("empty")));
        assertEquals(List.of("bin", "bin/sh", "empty", "opt", "opt/x", "opt/x/hello.txt"),
                read(Files.readAllBytes(archive)).stream().map(Entry::name).toList(), "parents first, sorted");
    }
}
