package dev.berth.syscall.bench;

import dev.berth.syscall.Arch;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fs;
import dev.berth.syscall.Open;
import dev.berth.syscall.Raw;
import dev.berth.syscall.Syscalls;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
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
 * The cost of a system call through Berth's binding, for {@code bench/syscall.sh}, which runs the same
 * loops in C and compares: {@code getpid(2)} (the cheapest call: almost all of it is the way in and
 * out) and a 4 KiB {@code read(2)} from {@code /dev/zero} into a preallocated native buffer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SyscallBench {
    private int getpid;
    private int zero;
    private Arena arena;
    private MemorySegment buffer;

    @Setup(Level.Trial)
    public void open() throws ErrnoException {
        getpid = Arch.current().syscall("getpid");
        zero = Fs.open("/dev/zero", Open.O_RDONLY | Open.O_CLOEXEC);
        arena = Arena.ofConfined();
        buffer = arena.allocate(4096, 4096);
    }

    @TearDown(Level.Trial)
    public void close() throws ErrnoException {
        Fs.close(zero);
        arena.close();
    }

    /** {@code Syscalls.getpid()}: what Berth's code calls. */
    @Benchmark
    public int getpid() {
        return Syscalls.getpid();
    }

    /** {@code Raw.call(nr)}: the mechanism under every wrapper. */
    @Benchmark
    public long getpidRaw() {
        return Raw.call(getpid);
    }

    /** {@code Fs.read(fd, segment)} of 4 KiB from {@code /dev/zero}. */
    @Benchmark
    public int read4k() throws ErrnoException {
        return Fs.read(zero, buffer);
    }
}
