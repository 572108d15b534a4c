package dev.berth.it.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A writer of cpio archives in the {@code newc} format, the one the kernel unpacks as an initramfs
 * ({@code Documentation/driver-api/early-userspace/buffer-format.rst}). Written in Java so that device
 * nodes such as {@code /dev/console} (c 5 1) and root ownership need no root and no {@code mknod}:
 * an archive entry is only a header.
 *
 * <p>Each entry is a 110-byte ASCII header ({@code 070701} and thirteen 8-digit hex fields), the NUL-ended
 * name padded to 4 bytes, then the data padded to 4 bytes. The archive ends with {@code TRAILER!!!}.
 */
public final class Cpio implements AutoCloseable {
    public static final int S_IFCHR = 0020000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFLNK = 0120000;
    private static final String TRAILER = "TRAILER!!!";

    private final OutputStream out;
    private long written;
    private int nextInode = 1;
    private boolean finished;

    public Cpio(OutputStream out) {
        this.out = out;
    }

    /** A directory; {@code mode} holds the permission bits only. */
    public void directory(String path, int mode, long mtime) throws IOException {
        header(path, S_IFDIR | (mode & 07777), 2, mtime, 0, 0, 0);
    }

    /** A regular file with {@code data} as its content. */
    public void file(String path, int mode, long mtime, byte[] data) throws IOException {
        header(path, S_IFREG | (mode & 07777), 1, mtime, data.length, 0, 0);
        write(data, data.length);
        pad();
    }

    /** A regular file of {@code size} bytes read from {@code data} (which must hold exactly that many). */
    public void file(String path, int mode, long mtime, long size, InputStream data) throws IOException {
        header(path, S_IFREG | (mode & 07777), 1, mtime, size, 0, 0);
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = data.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException(path + ": ended " + left + " bytes before its size " + size);
            }
            write(buffer, n);
            left -= n;
        }
        if (data.read() >= 0) {
            throw new IOException(path + ": longer than its size " + size + " (changed while archived?)");
        }
        pad();
    }

    /** A symbolic link to {@code target}. */
    public void symlink(String path, String target, long mtime) throws IOException {
        byte[] data = target.getBytes(StandardCharsets.UTF_8);
        header(path, S_IFLNK | 0777, 1, mtime, data.length, 0, 0);
        write(data, data.length);
        pad();
    }

    /** A character device node such as {@code dev/console} (5, 1). */
    public void characterDevice(String path, int mode, int major, int minor) throws IOException {
        header(path, S_IFCHR | (mode & 07777), 1, 0, 0, major, minor);
    }

    /** Writes the trailer; the archive is complete. Does not close the stream. */
    public void finish() throws IOException {
        if (!finished) {
            finished = true;
            nextInode = 0;
            header(TRAILER, 0, 1, 0, 0, 0, 0);
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        finish();
        out.close();
    }

    private void header(String path, int mode, int nlink, long mtime, long size, int rdevMajor, int rdevMinor)
            throws IOException {
        if (finished && !path.equals(TRAILER)) {
            throw new IllegalStateException("archive already finished");
        }
        String name = path.startsWith("/") ? path.substring(1) : path;
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty entry name (the root directory needs no entry)");
        }
        if (size > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(path + ": newc cannot hold files over 4 GiB");
        }
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        StringBuilder h = new StringBuilder(110).append("070701");
        long[] fields = {path.equals(TRAILER) ? 0 : nextInode++, mode, 0 /* uid */, 0 /* gid */, nlink,
            Math.max(0, mtime), size, 0, 0, rdevMajor, rdevMinor, nameBytes.length + 1, 0 /* check */};
        for (long f : fields) {
            h.append(String.format("%08x", f));
        }
        byte[] hb = h.toString().getBytes(StandardCharsets.US_ASCII);
        write(hb, hb.length);
        write(nameBytes, nameBytes.length);
        write(new byte[] {0}, 1);
        pad();
    }

    private void write(byte[] b, int n) throws IOException {
        out.write(b, 0, n);
        written += n;
    }

    private void pad() throws IOException {
        int n = (int) ((4 - (written & 3)) & 3);
        write(new byte[n], n);
    }
}
