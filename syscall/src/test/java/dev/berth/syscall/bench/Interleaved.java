package dev.berth.syscall.bench;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.berth.syscall.Arch;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Open;
import dev.berth.syscall.Raw;
import dev.berth.syscall.Syscalls;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The variants of {@link SyscallAlternatives} and the C baseline's own loops timed in turn, round after round,
 * in one JVM: on a shared machine a busy phase then slows every variant alike, so their differences
 * (a few nanoseconds against a 150 ns system call) survive the noise that separate JMH runs do not.
 * Prints the median and quartiles of each variant's per-round ns/op. JMH remains the measurement of
 * record ({@link SyscallBench}); this is for attributing the cost.
 *
 * <p>Usage: {@code java -cp ... dev.berth.syscall.bench.Interleaved [libsyscall_baseline.so]}; with the
 * library, the C baseline's own loops are timed inside this process too.
 */
public final class Interleaved {
    private static final int ROUNDS = 31;
    private static final long CALLS_PER_ROUND = 50_000;

    private interface Loop {
        long run(long n) throws Throwable;
    }

    private record Variant(String name, Loop loop) {}

    private static long sink;

    private Interleaved() {}

    public static void main(String[] args) throws Throwable {
        long getpid = Arch.current().syscall("getpid");
        long read = Arch.current().syscall("read");
        int zero = Fs.open("/dev/zero", Open.O_RDONLY | Open.O_CLOEXEC);
        Arena arena = Arena.ofConfined();
        MemorySegment buffer = arena.allocate(4096, 4096);
        MemorySegment capture = arena.allocate(SyscallAlternatives.CAPTURE_LAYOUT);
        // Raw's capture segment comes from Arena.ofAuto(); is it the lookup or the kind of arena that costs?
        MemorySegment autoCapture = Arena.ofAuto().allocate(SyscallAlternatives.CAPTURE_LAYOUT);
        MemorySegment globalCapture = Arena.global().allocate(SyscallAlternatives.CAPTURE_LAYOUT);
        ThreadLocal<MemorySegment> confinedCapture = ThreadLocal.withInitial(
                () -> Arena.ofConfined().allocate(SyscallAlternatives.CAPTURE_LAYOUT));
        long address = buffer.address();

        List<Variant> variants = new ArrayList<>(List.of(
                new Variant("getpid  Syscalls.getpid()", n -> {
                    long s = 0;
                    for (long i = 0; i < n; i++) {
                        s += Syscalls.getpid();
                    }
                    return s;
                }),
                new Variant("getpid  Raw.call(nr)", n -> {
                    long s = 0;
                    for (long i = 0; i < n; i++) {
                        s += Raw.call((int) getpid);
                    }
                    return s;
                }),
                new Variant("getpid  as Raw, confined segment in a field", n -> {
                    long s = 0;
                    for (long i = 0; i < n; i++) {
                        s += SyscallAlternatives.result(
                                (long) SyscallAlternatives.VARIADIC_CAPTURE0.invokeExact(capture, getpid), capture);
                    }
                    return s;
                }),
                new Variant("getpid  as Raw, Arena.ofAuto() segment in a field", n -> {
                    long s = 0;
                    for (long i = 0; i < n; i++) {
                        s += SyscallAlternatives.result(
                                (long) SyscallAlternatives.VARIADIC_CAPTURE0.invokeExact(autoCapture, getpid),
                                autoCapture);
                    }
                    return s;
                }),
                new Variant("getpid  as Raw, Arena.global() segment in a field", n -> {
                    long s = 0;
                    for (long i = 0; i < n; i++) {
                        s += SyscallAlternatives.result(
                                (long) SyscallAlternatives.VARIADIC_CAPTURE0.invokeExact(globalCapture, getpid),
                                globalCapture);
                    }
                    return s;
                }),
                new Variant("getpid  as Raw, ThreadLocal of a confined segment", n -> {
                    long s = 0;
                    for (long i = 0; i < n; i++) {
                        MemorySegment c = confinedCapture.get();
                        s += SyscallAlternatives.result(
                                (long) SyscallAlternatives.VARIADIC_CAPTURE0.invokeExact(c, getpid), c);
                    }
                    return s;
                }),
                new Variant("getpid  no errno capture", n -> {
                    long s = 0;
                    for (long i = 0; i < n; i++) {
                        s += (long) SyscallAlternatives.VARIADIC0.invokeExact(getpid);
                    }
                    return s;
                }),
                new Variant("getpid  declared non-variadic", n -> {
                    long s = 0;
                    for (long i = 0; i < n; i++) {
                        s += SyscallAlternatives.result(
                                (long) SyscallAlternatives.PLAIN_CAPTURE0.invokeExact(capture, getpid), capture);
                    }
                    return s;
                }),
                new Variant("getpid  critical, no capture", n -> {
                    long s = 0;
                    for (long i = 0; i < n; i++) {
                        s += (long) SyscallAlternatives.CRITICAL0.invokeExact(getpid);
                    }
                    return s;
                }),
                new Variant("getpid  libc getpid() via FFM", n -> {
                    long s = 0;
                    for (long i = 0; i < n; i++) {
                        s += (int) SyscallAlternatives.LIBC_GETPID.invokeExact();
                    }
                    return s;
                }),
                new Variant("read4k  Fs.read(fd, segment)", n -> {
                    long s = 0;
                    for (long i = 0; i < n; i++) {
                        s += Fs.read(zero, buffer);
                    }
                    return s;
                }),
                new Variant("read4k  Raw.call(nr, fd, address, 4096)", n -> {
                    long s = 0;
                    for (long i = 0; i < n; i++) {
                        s += Raw.call((int) read, zero, address, 4096);
                    }
                    return s;
                }),
                new Variant("read4k  no errno capture", n -> {
                    long s = 0;
                    for (long i = 0; i < n; i++) {
                        s += (long) SyscallAlternatives.VARIADIC3.invokeExact(read, (long) zero, address, 4096L);
                    }
                    return s;
                }),
                new Variant("read4k  critical, no capture", n -> {
                    long s = 0;
                    for (long i = 0; i < n; i++) {
                        s += (long) SyscallAlternatives.CRITICAL3.invokeExact(read, (long) zero, address, 4096L);
                    }
                    return s;
                }),
                new Variant("part    downcall of labs() (no kernel)", n -> {
                    long s = 0;
                    for (long i = 0; i < n; i++) {
                        s += (long) SyscallAlternatives.LABS.invokeExact(-i);
                    }
                    return s;
                }),
                new Variant("part    ThreadLocal.get() of Raw's capture", n -> {
                    long s = 0;
                    for (long i = 0; i < n; i++) {
                        s += SyscallAlternatives.CAPTURE.get().byteSize();
                    }
                    return s;
                })));
        if (args.length > 0) {
            Linker linker = Linker.nativeLinker();
            SymbolLookup lib = SymbolLookup.libraryLookup(Path.of(args[0]), Arena.global());
            MethodHandle getpidLoop = linker.downcallHandle(lib.find("berth_loop_getpid_libc").orElseThrow(),
                    FunctionDescriptor.ofVoid(JAVA_LONG));
            MethodHandle readLoop = linker.downcallHandle(lib.find("berth_loop_read4k").orElseThrow(),
                    FunctionDescriptor.ofVoid(JAVA_INT, JAVA_LONG));
            variants.add(new Variant("C       getpid() loop inside this JVM", n -> {
                getpidLoop.invokeExact(n);
                return n;
            }));
            variants.add(new Variant("C       read() loop inside this JVM", n -> {
                readLoop.invokeExact(zero, n);
                return n;
            }));
        }

        for (int warm = 0; warm < 20; warm++) {
            for (Variant v : variants) {
                sink += v.loop.run(CALLS_PER_ROUND / 10);
            }
        }
        double[][] ns = new double[variants.size()][ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            for (int i = 0; i < variants.size(); i++) {
                long start = System.nanoTime();
                sink += variants.get(i).loop.run(CALLS_PER_ROUND);
                ns[i][r] = (System.nanoTime() - start) / (double) CALLS_PER_ROUND;
            }
        }
        System.out.printf("%-44s %8s %17s%n", "variant (" + ROUNDS + " interleaved rounds)", "median", "quartiles");
        for (int i = 0; i < variants.size(); i++) {
            double[] v = ns[i];
            Arrays.sort(v);
            System.out.printf("%-44s %8.1f %8.1f-%-8.1f%n", variants.get(i).name, v[ROUNDS / 2], v[ROUNDS / 4],
                    v[3 * ROUNDS / 4]);
        }
        Fs.close(zero);
        arena.close();
        if (sink == 42) {
            System.out.println();
        }
    }
}
