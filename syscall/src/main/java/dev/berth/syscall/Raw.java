package dev.berth.syscall;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The one mechanism every Berth system call goes through: libc's {@code syscall(2)} with the
 * architecture's system call number ({@link Arch}), as ljsyscall did from LuaJIT.
 *
 * <p>{@code syscall(2)} is linked once, with six arguments after the number, as a variadic downcall whose
 * {@code errno} is captured by
 * {@link Linker.Option#captureCallState(String...)} in the same native call, so nothing that runs
 * afterwards (the JIT, a GC, another binding) can disturb it. The {@code call} methods return what the
 * kernel returned: a result {@code >= 0}, or {@code -errno}. All arguments are 64-bit integers;
 * pointers are passed as {@link MemorySegment#address()} of native memory.
 *
 * <p>Why raw numbers rather than libc's wrappers: one uniform calling convention (the kernel's),
 * independence from the libc version (glibc 2.36 lacks wrappers for several calls Berth needs,
 * musl lacks more), the same numbers the spawn engine's trampoline uses, and an ABI check that can
 * verify every number against the headers. See {@code syscall(2)}.
 */
public final class Raw {
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final ThreadLocal<MemorySegment> CAPTURE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_LAYOUT));

    // One downcall handle for every call: linking costs milliseconds per handle at start-up (the FFM
    // stub is generated then), and the kernel ignores the registers a call does not use, so every call
    // passes six arguments. Linked when the class loads, which is the first system call.
    private static final MethodHandle SYSCALL6 = link(6);

    private Raw() {}

    private static MethodHandle link(int arity) {
        Linker linker = Linker.nativeLinker();
        MemorySegment syscall = linker.defaultLookup().find("syscall")
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no syscall(2)"));
        MemoryLayout[] args = new MemoryLayout[1 + arity];
        Arrays.fill(args, JAVA_LONG);
        return linker.downcallHandle(syscall, FunctionDescriptor.of(JAVA_LONG, args),
                Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
    }

    private static long result(long r, MemorySegment capture) {
        return r == -1 ? -(int) ERRNO.get(capture, 0L) : r;
    }

    /** {@code syscall(nr)}: the result, or {@code -errno}. */
    public static long call(int nr) {
        MemorySegment c = CAPTURE.get();
        try {
            return result((long) SYSCALL6.invokeExact(c, (long) nr, 0L, 0L, 0L, 0L, 0L, 0L), c);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code syscall(nr, a)}: the result, or {@code -errno}. */
    public static long call(int nr, long a) {
        MemorySegment c = CAPTURE.get();
        try {
            return result((long) SYSCALL6.invokeExact(c, (long) nr, a, 0L, 0L, 0L, 0L, 0L), c);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code syscall(nr, a, b)}: the result, or {@code -errno}. */
    public static long call(int nr, long a, long b) {
        MemorySegment c = CAPTURE.get();
        try {
            return result((long) SYSCALL6.invokeExact(c, (long) nr, a, b, 0L, 0L, 0L, 0L), c);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code syscall(nr, a, b, c)}: the result, or {@code -errno}. */
    public static long call(int nr, long a, long b, long c3) {
        MemorySegment c = CAPTURE.get();
        try {
            return result((long) SYSCALL6.invokeExact(c, (long) nr, a, b, c3, 0L, 0L, 0L), c);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code syscall(nr, a, b, c, d)}: the result, or {@code -errno}. */
    public static long call(int nr, long a, long b, long c3, long d) {
        MemorySegment c = CAPTURE.get();
        try {
            return result((long) SYSCALL6.invokeExact(c, (long) nr, a, b, c3, d, 0L, 0L), c);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code syscall(nr, a, b, c, d, e)}: the result, or {@code -errno}. */
    public static long call(int nr, long a, long b, long c3, long d, long e) {
        MemorySegment c = CAPTURE.get();
        try {
            return result((long) SYSCALL6.invokeExact(c, (long) nr, a, b, c3, d, e, 0L), c);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code syscall(nr, a, b, c, d, e, f)}: the result, or {@code -errno}. */
    public static long call(int nr, long a, long b, long c3, long d, long e, long f) {
        MemorySegment c = CAPTURE.get();
        try {
            return result((long) SYSCALL6.invokeExact(c, (long) nr, a, b, c3, d, e, f), c);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Any system call by name, for exploring from jshell: {@code Raw.syscall("getpid")}. Arguments are
     * raw 64-bit values (use {@link MemorySegment#address()} for pointers).
     *
     * @throws ErrnoException if the kernel returned an error
     * @throws IllegalArgumentException if this architecture has no such call
     */
    public static long syscall(String name, long... args) throws ErrnoException {
        int nr = Arch.current().syscall(name);
        if (nr < 0) {
            throw new IllegalArgumentException("no system call \"" + name + "\" on " + Arch.current().kernelName());
        }
        long[] a = Arrays.copyOf(args, 6);
        long r = switch (args.length) {
            case 0 -> call(nr);
            case 1 -> call(nr, a[0]);
            case 2 -> call(nr, a[0], a[1]);
            case 3 -> call(nr, a[0], a[1], a[2]);
            case 4 -> call(nr, a[0], a[1], a[2], a[3]);
            case 5 -> call(nr, a[0], a[1], a[2], a[3], a[4]);
            case 6 -> call(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
            default -> throw new IllegalArgumentException("a system call takes at most 6 arguments");
        };
        if (r < 0) {
            String[] shown = new String[args.length];
            for (int i = 0; i < args.length; i++) {
                shown[i] = "0x" + Long.toHexString(args[i]);
            }
            throw new ErrnoException((int) -r, name, shown);
        }
        return r;
    }

    /** The number of {@code name} on this architecture; fails loudly when there is none. */
    static int nr(String name) {
        int nr = Arch.current().syscall(name);
        if (nr < 0) {
            throw new ExceptionInInitializerError("no system call " + name + " on " + Arch.current());
        }
        return nr;
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    static {
        // The layout of errno is an int on every Linux; fail early if a JDK ever says otherwise.
        if (CAPTURE_LAYOUT.select(MemoryLayout.PathElement.groupElement("errno")).byteSize() != JAVA_INT.byteSize()) {
            throw new ExceptionInInitializerError("unexpected errno layout " + CAPTURE_LAYOUT);
        }
    }
}
