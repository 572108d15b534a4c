package dev.berth.syscall.spawn;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.berth.syscall.Arch;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Memory;
import dev.berth.syscall.Mman;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The machine code that runs a plan: {@code long berth_spawn(struct plan *)}, assembled from
 * {@code trampoline-<arch>.S} into {@code trampoline-<arch>.bin} (both beside this class's
 * resources), copied once into an {@code mmap}ed page that is then made read+exec, and called through
 * one downcall handle.
 */
final class Trampoline {
    private static final MethodHandle SPAWN = load();

    private Trampoline() {}

    /** The resource name of the trampoline bytes for {@code arch}. */
    static String resource(Arch arch) {
        return "trampoline-" + arch.kernelName() + ".bin";
    }

    /** The trampoline bytes for {@code arch}, as committed. */
    static byte[] bytes(Arch arch) {
        try (InputStream in = Trampoline.class.getResourceAsStream(resource(arch))) {
            if (in == null) {
                throw new IllegalStateException("no spawn trampoline for " + arch);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MethodHandle load() {
        if (Arch.current() != Arch.X86_64) {
            // The aarch64 trampoline is assembled and byte-checked but has not run on aarch64 yet.
            throw new UnsupportedOperationException("the spawn engine runs on x86_64 only so far, not "
                    + Arch.current().kernelName());
        }
        byte[] code = bytes(Arch.current());
        try {
            MemorySegment page = Memory.mmap(0, 4096, Mman.PROT_READ | Mman.PROT_WRITE,
                    Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0);
            MemorySegment.copy(code, 0, page, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, code.length);
            Memory.mprotect(page, Mman.PROT_READ | Mman.PROT_EXEC);
            return Linker.nativeLinker().downcallHandle(page, FunctionDescriptor.of(JAVA_LONG, JAVA_LONG));
        } catch (ErrnoException e) {
            throw new IllegalStateException("cannot load the spawn trampoline: " + e.getMessage(), e);
        }
    }

    /** Runs the parent side: returns the child's pid or {@code -errno} of {@code clone3}. */
    static long spawn(MemorySegment plan) {
        try {
            return (long) SPAWN.invokeExact(plan.address());
        } catch (Throwable t) {
            throw unchecked(t);
        }
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
