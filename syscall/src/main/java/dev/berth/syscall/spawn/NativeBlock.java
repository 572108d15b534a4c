package dev.berth.syscall.spawn;

import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Memory;
import dev.berth.syscall.Mman;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * Native memory for one spawn: a bump allocator over {@code mmap(2)}ed chunks, unmapped all at once.
 *
 * <p>Not an {@link java.lang.foreign.Arena}: a confined arena cannot be freed by the thread that
 * sees the child exec, and closing a shared arena costs a handshake with every JVM thread. Not
 * {@code malloc}: that would be two more downcall handles to link at start-up, milliseconds each. The
 * memory is shared with the child (CLONE_VM) and may only be freed once the child has exec'd or died.
 */
final class NativeBlock implements SegmentAllocator {
    private static final long CHUNK = 16 * 1024;
    private final List<MemorySegment> chunks = new ArrayList<>(2);
    private final java.util.IdentityHashMap<Object, MemorySegment> shared = new java.util.IdentityHashMap<>();
    private MemorySegment current;
    private long used;
    private boolean freed;

    private static MemorySegment map(long size) {
        long rounded = (size + 4095) & ~4095L;
        try {
            return Memory.mmap(0, rounded, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0);
        } catch (ErrnoException e) {
            throw new OutOfMemoryError("spawn plan memory: " + e.getMessage());
        }
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        if (freed) {
            throw new IllegalStateException("spawn memory already freed");
        }
        if (byteSize + byteAlignment > CHUNK / 2) {
            MemorySegment big = map(byteSize + byteAlignment);
            chunks.add(big);
            long start = align(big.address(), byteAlignment) - big.address();
            return big.asSlice(start, byteSize).fill((byte) 0);
        }
        if (current == null || align(current.address() + used, byteAlignment) + byteSize
                > current.address() + current.byteSize()) {
            current = map(CHUNK);
            chunks.add(current);
            used = 0;
        }
        long start = align(current.address() + used, byteAlignment) - current.address();
        used = start + byteSize;
        return current.asSlice(start, byteSize).fill((byte) 0);
    }

    /** The memory for {@code key}, written by {@code writer} the first time it is asked for (one per plan). */
    MemorySegment shared(Object key, java.util.function.Function<NativeBlock, MemorySegment> writer) {
        MemorySegment s = shared.get(key);
        if (s == null) {
            s = writer.apply(this);
            shared.put(key, s);
        }
        return s;
    }

    private static long align(long address, long alignment) {
        return (address + alignment - 1) & -alignment;
    }

    /** Frees every chunk; segments from this block must not be used afterwards. */
    void free() {
        if (freed) {
            return;
        }
        freed = true;
        for (MemorySegment c : chunks) {
            try {
                Memory.munmap(c);
            } catch (ErrnoException e) {
                throw new IllegalStateException("unmapping spawn plan memory: " + e.getMessage(), e);
            }
        }
        chunks.clear();
        current = null;
    }
}
