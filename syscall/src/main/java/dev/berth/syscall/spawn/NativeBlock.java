package dev.berth.syscall.spawn;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * Native memory for one spawn: a bump allocator over {@code malloc(3)}ed chunks, freed all at once.
 *
 * <p>Not an {@link java.lang.foreign.Arena}: a confined arena cannot be freed by the thread that
 * sees the child exec, and closing a shared arena costs a handshake with every JVM thread. The memory
 * is shared with the child (CLONE_VM) and may only be freed once the child has exec'd or died.
 */
final class NativeBlock implements SegmentAllocator {
    private static final long CHUNK = 16 * 1024;
    private static final MethodHandle MALLOC;
    private static final MethodHandle FREE;

    static {
        Linker linker = Linker.nativeLinker();
        MALLOC = linker.downcallHandle(linker.defaultLookup().find("malloc").orElseThrow(),
                FunctionDescriptor.of(ADDRESS, JAVA_LONG));
        FREE = linker.downcallHandle(linker.defaultLookup().find("free").orElseThrow(),
                FunctionDescriptor.ofVoid(ADDRESS));
    }

    private final List<MemorySegment> chunks = new ArrayList<>(2);
    private final java.util.IdentityHashMap<Object, MemorySegment> shared = new java.util.IdentityHashMap<>();
    private MemorySegment current;
    private long used;
    private boolean freed;

    private static MemorySegment malloc(long size) {
        try {
            MemorySegment m = (MemorySegment) MALLOC.invokeExact(size);
            if (m.address() == 0) {
                throw new OutOfMemoryError("malloc(" + size + ") failed");
            }
            return m.reinterpret(size);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        if (freed) {
            throw new IllegalStateException("spawn memory already freed");
        }
        if (byteSize + byteAlignment > CHUNK / 2) {
            MemorySegment big = malloc(byteSize + byteAlignment);
            chunks.add(big);
            long start = align(big.address(), byteAlignment) - big.address();
            return big.asSlice(start, byteSize).fill((byte) 0);
        }
        if (current == null || align(current.address() + used, byteAlignment) + byteSize
                > current.address() + current.byteSize()) {
            current = malloc(CHUNK);
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
                FREE.invokeExact(c);
            } catch (Throwable t) {
                throw unchecked(t);
            }
        }
        chunks.clear();
        current = null;
    }

    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
