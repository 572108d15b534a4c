package dev.berth.syscall.struct;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.berth.syscall.Sock;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.nio.charset.StandardCharsets;

/**
 * {@code struct sockaddr_un} of {@code <sys/un.h>} ({@code unix(7)}). A path starting with {@code '@'}
 * is read as an abstract address (leading NUL), as {@code ss} prints them.
 */
public record SockaddrUn(String path) {
    public static final int PATH_MAX = 108;
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_SHORT.withName("sun_family"),
            MemoryLayout.sequenceLayout(PATH_MAX, JAVA_BYTE).withName("sun_path")).withName("sockaddr_un");

    /** Reads an address whose kernel-reported length is {@code len}. */
    public static SockaddrUn read(MemorySegment s, int len) {
        int n = Math.max(0, Math.min(len - 2, PATH_MAX));
        byte[] b = s.asSlice(2, n).toArray(JAVA_BYTE);
        if (n > 0 && b[0] == 0) {
            return new SockaddrUn("@" + new String(b, 1, n - 1, StandardCharsets.UTF_8));
        }
        int end = 0;
        while (end < n && b[end] != 0) {
            end++;
        }
        return new SockaddrUn(new String(b, 0, end, StandardCharsets.UTF_8));
    }

    /** The length to pass to {@code bind(2)}/{@code connect(2)}. */
    public int length() {
        byte[] b = path.getBytes(StandardCharsets.UTF_8);
        return path.startsWith("@") ? 2 + b.length : 2 + b.length + 1;
    }

    public MemorySegment write(MemorySegment s) {
        byte[] b = path.getBytes(StandardCharsets.UTF_8);
        if (b.length >= PATH_MAX) {
            throw new IllegalArgumentException("unix socket path longer than " + (PATH_MAX - 1) + " bytes: " + path);
        }
        s.asSlice(0, LAYOUT.byteSize()).fill((byte) 0);
        s.set(JAVA_SHORT, 0, (short) Sock.AF_UNIX);
        MemorySegment.copy(b, 0, s, JAVA_BYTE, 2, b.length);
        if (path.startsWith("@")) {
            s.set(JAVA_BYTE, 2, (byte) 0);
        }
        return s;
    }

    public MemorySegment allocate(SegmentAllocator a) {
        return write(a.allocate(LAYOUT));
    }
}
