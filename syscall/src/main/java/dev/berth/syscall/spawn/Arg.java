package dev.berth.syscall.spawn;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import dev.berth.syscall.At;
import dev.berth.syscall.Show;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * One argument of a plan step: what it is in Java (for printing the plan the way strace would show
 * the call), and how it becomes a 64-bit register value in the child's native memory.
 */
sealed interface Arg {
    /** The register value; allocates what the argument points to in {@code block}. */
    long materialize(SegmentAllocator block);

    /** The argument as strace shows it. */
    String render();

    /** An integer shown by {@code format}. */
    record Lit(long value, LongFunction<String> format) implements Arg {
        @Override
        public long materialize(SegmentAllocator block) {
            return value;
        }

        @Override
        public String render() {
            return format.apply(value);
        }
    }

    /** A file descriptor known when the plan is built; the plan keeps it open in the child until exec. */
    record Fd(int fd) implements Arg {
        @Override
        public long materialize(SegmentAllocator block) {
            return fd;
        }

        @Override
        public String render() {
            return Show.dirfd(fd);
        }
    }

    /** A value taken at run time from a result slot filled by an earlier step. */
    record FromSlot(Slot slot) implements Arg {
        @Override
        public long materialize(SegmentAllocator block) {
            return 0;
        }

        @Override
        public String render() {
            return slot.toString();
        }
    }

    /** A C string, or NULL. */
    record Str(String value) implements Arg {
        @Override
        public long materialize(SegmentAllocator block) {
            return value == null ? 0 : block.allocateFrom(value).address();
        }

        @Override
        public String render() {
            return Show.str(value);
        }
    }

    /** A NULL-terminated {@code char *[]} (argv, envp). */
    record Strs(List<String> values) implements Arg {
        @Override
        public long materialize(SegmentAllocator block) {
            MemorySegment arr = block.allocate(ADDRESS, values.size() + 1);
            for (int i = 0; i < values.size(); i++) {
                arr.setAtIndex(ADDRESS, i, block.allocateFrom(values.get(i)));
            }
            return arr.address();
        }

        @Override
        public String render() {
            return Show.strs(values);
        }
    }

    /** Bytes the call reads (the data of a {@code write}), shown as a string. */
    record Bytes(byte[] data) implements Arg {
        @Override
        public long materialize(SegmentAllocator block) {
            return block.allocateFrom(JAVA_BYTE, data).address();
        }

        @Override
        public String render() {
            return Show.str(new String(data, StandardCharsets.UTF_8));
        }
    }

    /** A buffer the call writes into (the buffer of a {@code read}); its content is never used. */
    record Out(long size) implements Arg {
        @Override
        public long materialize(SegmentAllocator block) {
            return block.allocate(size, 8).address();
        }

        @Override
        public String render() {
            return "buf[" + size + "]";
        }
    }

    /** A struct (or array) the call reads, written into native memory by {@code writer}. */
    record Struct(Function<SegmentAllocator, MemorySegment> writer, String shown) implements Arg {
        @Override
        public long materialize(SegmentAllocator block) {
            return writer.apply(block).address();
        }

        @Override
        public String render() {
            return shown;
        }
    }

    /**
     * Memory that several steps of one plan use (a message buffer that one step fills in and another
     * sends), written once per spawn; {@link Addr} addresses into it.
     */
    final class Shared {
        private final java.util.function.Function<NativeBlock, MemorySegment> writer;
        final String shown;

        Shared(java.util.function.Function<NativeBlock, MemorySegment> writer, String shown) {
            this.writer = writer;
            this.shown = shown;
        }

        long address(SegmentAllocator block) {
            return ((NativeBlock) block).shared(this, writer).address();
        }
    }

    /** The address {@code offset} bytes into {@link Shared} memory. */
    record Addr(Shared memory, long offset, String shown) implements Arg {
        @Override
        public long materialize(SegmentAllocator block) {
            return memory.address(block) + offset;
        }

        @Override
        public String render() {
            return shown;
        }
    }

    /**
     * The exec shim ({@link ExecShim}) for this plan: when the plan is written for a spawn it becomes a
     * sealed memfd holding {@code elf}, and this argument that memfd's fd.
     */
    record ShimElf(byte[] elf) implements Arg {
        @Override
        public long materialize(SegmentAllocator block) {
            throw new IllegalStateException("the exec shim's memfd is made by NativePlan.write");
        }

        @Override
        public String render() {
            return "<berth exec shim>";
        }
    }

    /** The sorted fds a close-other-fds step keeps open. */
    record Kept(int[] fds) implements Arg {
        @Override
        public long materialize(SegmentAllocator block) {
            return block.allocateFrom(java.lang.foreign.ValueLayout.JAVA_INT, fds.length == 0 ? new int[1] : fds)
                    .address();
        }

        @Override
        public String render() {
            return java.util.Arrays.toString(fds);
        }
    }

    static Lit dec(long v) {
        return new Lit(v, Long::toString);
    }

    static Lit hex(long v) {
        return new Lit(v, x -> "0x" + Long.toHexString(x));
    }

    static Lit octal(int v) {
        return new Lit(v, x -> Show.mode((int) x));
    }

    static Arg dirfd(int fd) {
        return fd == At.AT_FDCWD ? new Lit(fd, x -> "AT_FDCWD") : new Fd(fd);
    }

    static Lit flags(long v, LongFunction<String> format) {
        return new Lit(v, format);
    }
}
