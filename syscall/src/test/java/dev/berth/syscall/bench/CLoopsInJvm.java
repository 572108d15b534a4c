package dev.berth.syscall.bench;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Open;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The C baseline's own loops ({@code bench/syscall_baseline.c} built as a library), run inside the
 * JVM's process through one downcall per 1000 iterations: what the same machine code costs in a
 * multithreaded JVM process, with no Java between the system calls. The difference to the standalone
 * C program is the process, not the binding. Needs {@code -Dberth.bench.baseline=<library>}, which
 * {@code bench/syscall.sh --alternatives} sets.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CLoopsInJvm {
    private static final int BATCH = 1000;

    private MethodHandle getpidLoop;
    private MethodHandle readLoop;
    private int zero;

    @Setup(Level.Trial)
    public void load() throws ErrnoException {
        String library = System.getProperty("berth.bench.baseline");
        if (library == null) {
            throw new IllegalStateException("set -Dberth.bench.baseline to the library built from bench/syscall_baseline.c");
        }
        Linker linker = Linker.nativeLinker();
        SymbolLookup lookup = SymbolLookup.libraryLookup(Path.of(library), Arena.global());
        getpidLoop = linker.downcallHandle(lookup.find("berth_loop_getpid_libc").orElseThrow(),
                FunctionDescriptor.ofVoid(JAVA_LONG));
        readLoop = linker.downcallHandle(lookup.find("berth_loop_read4k").orElseThrow(),
                FunctionDescriptor.ofVoid(JAVA_INT, JAVA_LONG));
        zero = Fs.open("/dev/zero", Open.O_RDONLY | Open.O_CLOEXEC);
    }

    @TearDown(Level.Trial)
    public void close() throws ErrnoException {
        Fs.close(zero);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void getpidLibcLoop() throws Throwable {
        getpidLoop.invokeExact((long) BATCH);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void read4kLoop() throws Throwable {
        readLoop.invokeExact(zero, (long) BATCH);
    }
}
