package dev.berth.syscall.bench;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.berth.syscall.Arch;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Open;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Prototypes of other ways {@code Raw} could bind {@code syscall(2)}, to attribute the cost of a Berth
 * system call to its parts. Each differs from {@code Raw} in one thing: the errno capture segment
 * (a {@code ThreadLocal} in {@code Raw}, a field here), the capture itself, the variadic declaration,
 * the thread-state transition ({@link Linker.Option#critical}), or libc's own wrapper. Benchmark
 * sources only: {@code Raw} is not changed by this. {@link Interleaved} times these handles in turn in
 * one JVM ({@code bench/syscall.sh --alternatives}); as JMH benchmarks they run with
 * {@code org.openjdk.jmh.Main SyscallAlternatives}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SyscallAlternatives {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MemorySegment SYSCALL = LINKER.defaultLookup().find("syscall").orElseThrow();
    static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    static final ThreadLocal<MemorySegment> CAPTURE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_LAYOUT));

    private static final FunctionDescriptor SYSCALL0 = FunctionDescriptor.of(JAVA_LONG, JAVA_LONG);
    private static final FunctionDescriptor SYSCALL3 = FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG,
            JAVA_LONG, JAVA_LONG);

    /** As Raw: variadic, errno captured. */
    static final MethodHandle VARIADIC_CAPTURE0 = LINKER.downcallHandle(SYSCALL, SYSCALL0,
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
    static final MethodHandle VARIADIC_CAPTURE3 = LINKER.downcallHandle(SYSCALL, SYSCALL3,
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
    /** Variadic, no errno capture. */
    static final MethodHandle VARIADIC0 = LINKER.downcallHandle(SYSCALL, SYSCALL0,
            Linker.Option.firstVariadicArg(1));
    static final MethodHandle VARIADIC3 = LINKER.downcallHandle(SYSCALL, SYSCALL3,
            Linker.Option.firstVariadicArg(1));
    /** Declared non-variadic (the x86_64 and aarch64 Linux ABIs pass these integer arguments alike). */
    static final MethodHandle PLAIN_CAPTURE0 = LINKER.downcallHandle(SYSCALL, SYSCALL0,
            Linker.Option.captureCallState("errno"));
    /** Critical: no Java-to-native thread-state transition, no errno capture. */
    static final MethodHandle CRITICAL0 = LINKER.downcallHandle(SYSCALL, SYSCALL0,
            Linker.Option.firstVariadicArg(1), Linker.Option.critical(false));
    static final MethodHandle CRITICAL3 = LINKER.downcallHandle(SYSCALL, SYSCALL3,
            Linker.Option.firstVariadicArg(1), Linker.Option.critical(false));
    /** Critical with errno captured. */
    static final MethodHandle CRITICAL_CAPTURE0 = LINKER.downcallHandle(SYSCALL, SYSCALL0,
            Linker.Option.firstVariadicArg(1), Linker.Option.critical(false), Linker.Option.captureCallState("errno"));
    /** libc's own getpid(): glibc 2.36 makes the system call every time (no caching). */
    static final MethodHandle LIBC_GETPID = LINKER.downcallHandle(
            LINKER.defaultLookup().find("getpid").orElseThrow(), FunctionDescriptor.of(JAVA_INT));
    /** A libc function that does no system call: the bare cost of a downcall. */
    static final MethodHandle LABS = LINKER.downcallHandle(
            LINKER.defaultLookup().find("labs").orElseThrow(), FunctionDescriptor.of(JAVA_LONG, JAVA_LONG));
    static final MethodHandle LABS_CRITICAL = LINKER.downcallHandle(
            LINKER.defaultLookup().find("labs").orElseThrow(), FunctionDescriptor.of(JAVA_LONG, JAVA_LONG),
            Linker.Option.critical(false));

    private long getpid;
    private long read;
    private int zero;
    private Arena arena;
    private MemorySegment buffer;
    private MemorySegment capture;
    private long value = -42;

    @Setup(Level.Trial)
    public void open() throws ErrnoException {
        getpid = Arch.current().syscall("getpid");
        read = Arch.current().syscall("read");
        zero = Fs.open("/dev/zero", Open.O_RDONLY | Open.O_CLOEXEC);
        arena = Arena.ofConfined();
        buffer = arena.allocate(4096, 4096);
        capture = arena.allocate(CAPTURE_LAYOUT);
    }

    @TearDown(Level.Trial)
    public void close() throws ErrnoException {
        Fs.close(zero);
        arena.close();
    }

    static long result(long r, MemorySegment c) {
        return r == -1 ? -(int) ERRNO.get(c, 0L) : r;
    }

    /** The ThreadLocal lookup Raw does per call, alone. */
    @Benchmark
    public MemorySegment threadLocalCapture() {
        return CAPTURE.get();
    }

    /** A downcall that does not enter the kernel. */
    @Benchmark
    public long downcallLabs() throws Throwable {
        return (long) LABS.invokeExact(value);
    }

    @Benchmark
    public long downcallLabsCritical() throws Throwable {
        return (long) LABS_CRITICAL.invokeExact(value);
    }

    /** Raw's way, spelled out here (ThreadLocal capture segment). */
    @Benchmark
    public long getpidAsRaw() throws Throwable {
        MemorySegment c = CAPTURE.get();
        return result((long) VARIADIC_CAPTURE0.invokeExact(c, getpid), c);
    }

    /** Raw's way with the capture segment held by the caller instead of a ThreadLocal. */
    @Benchmark
    public long getpidFieldCapture() throws Throwable {
        return result((long) VARIADIC_CAPTURE0.invokeExact(capture, getpid), capture);
    }

    @Benchmark
    public long getpidNoCapture() throws Throwable {
        return (long) VARIADIC0.invokeExact(getpid);
    }

    @Benchmark
    public long getpidNonVariadic() throws Throwable {
        return result((long) PLAIN_CAPTURE0.invokeExact(capture, getpid), capture);
    }

    @Benchmark
    public long getpidCritical() throws Throwable {
        return (long) CRITICAL0.invokeExact(getpid);
    }

    @Benchmark
    public long getpidCriticalCapture() throws Throwable {
        return result((long) CRITICAL_CAPTURE0.invokeExact(capture, getpid), capture);
    }

    @Benchmark
    public int getpidLibc() throws Throwable {
        return (int) LIBC_GETPID.invokeExact();
    }

    @Benchmark
    public long read4kFieldCapture() throws Throwable {
        return result((long) VARIADIC_CAPTURE3.invokeExact(capture, read, (long) zero, buffer.address(), 4096L),
                capture);
    }

    @Benchmark
    public long read4kNoCapture() throws Throwable {
        return (long) VARIADIC3.invokeExact(read, (long) zero, buffer.address(), 4096L);
    }

    @Benchmark
    public long read4kCritical() throws Throwable {
        return (long) CRITICAL3.invokeExact(read, (long) zero, buffer.address(), 4096L);
    }
}
