package dev.berth.syscall;

import java.lang.foreign.MemorySegment;

/** Memory mappings: {@code mmap(2)}, {@code mprotect(2)}, {@code munmap(2)}. */
public final class Memory {
    private Memory() {}

    /** {@code mmap(2)}; returns the mapping as a segment of {@code length} bytes. */
    public static MemorySegment mmap(long addr, long length, int prot, int flags, int fd, long offset)
            throws ErrnoException {
        long r = Raw.call(Nr.MMAP, addr, length, prot, flags, fd, offset);
        if (r < 0 && r > -4096) {
            throw new ErrnoException((int) -r, "mmap", addr == 0 ? "NULL" : "0x" + Long.toHexString(addr),
                    Long.toString(length), Mman.formatProt(prot), Mman.formatMap(flags), Integer.toString(fd),
                    Long.toString(offset));
        }
        return MemorySegment.ofAddress(r).reinterpret(length);
    }

    /** {@code mprotect(2)}. */
    public static void mprotect(MemorySegment region, int prot) throws ErrnoException {
        long r = Raw.call(Nr.MPROTECT, region.address(), region.byteSize(), prot);
        if (r < 0) {
            throw new ErrnoException((int) -r, "mprotect", Show.ptr(region), Long.toString(region.byteSize()),
                    Mman.formatProt(prot));
        }
    }

    /** {@code munmap(2)}. */
    public static void munmap(MemorySegment region) throws ErrnoException {
        long r = Raw.call(Nr.MUNMAP, region.address(), region.byteSize());
        if (r < 0) {
            throw new ErrnoException((int) -r, "munmap", Show.ptr(region), Long.toString(region.byteSize()));
        }
    }
}
