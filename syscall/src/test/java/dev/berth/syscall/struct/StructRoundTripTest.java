package dev.berth.syscall.struct;

import static dev.berth.syscall.Clone.CLONE_CLEAR_SIGHAND;
import static dev.berth.syscall.Clone.CLONE_INTO_CGROUP;
import static dev.berth.syscall.Clone.CLONE_IO;
import static dev.berth.syscall.Clone.CLONE_NEWPID;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.syscall.Arch;
import dev.berth.syscall.Caps;
import dev.berth.syscall.Epoll;
import dev.berth.syscall.Mount;
import dev.berth.syscall.Open;
import dev.berth.syscall.Resource;
import dev.berth.syscall.Seccomp;
import dev.berth.syscall.Signal;
import dev.berth.syscall.Sock;
import dev.berth.syscall.Wait;
import dev.berth.syscall.abi.PackageClasses;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every struct record survives {@code write} then {@code read}, with values that stress the encoding:
 * sign bits of unsigned fields, all-ones, the maxima of narrow fields. {@code write} must not touch a
 * byte past {@code LAYOUT.byteSize()}, and must not depend on what the memory held before (it is
 * pre-filled with a pattern). No kernel involved; the sizes are the C sizes, taken from
 * {@code sizeof} with gcc 12 and glibc 2.36 on x86_64 (the ABI check compares them on both
 * architectures).
 */
class StructRoundTripTest {
    private static final int GUARD = 64;
    private static final byte PATTERN = (byte) 0xA5;

    /** One record value with its codec. */
    record Sample(String name, Class<?> type, StructLayout layout, Object value, Function<MemorySegment, Object> write,
            Function<MemorySegment, Object> read) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static <T extends Record> Sample sample(String name, StructLayout layout, T value,
            BiFunction<T, MemorySegment, MemorySegment> write, Function<MemorySegment, T> read) {
        return new Sample(name, value.getClass(), layout, value, s -> write.apply(value, s), read::apply);
    }

    /** A unix address, read back with the length {@code bind(2)} would be given. */
    private static Sample unix(String name, String path) {
        SockaddrUn a = new SockaddrUn(path);
        return sample(name, SockaddrUn.LAYOUT, a, SockaddrUn::write, s -> SockaddrUn.read(s, a.length()));
    }

    static Stream<Sample> samples() {
        StatxTimestamp t1 = new StatxTimestamp(Long.MIN_VALUE, 999_999_999);
        StatxTimestamp t2 = new StatxTimestamp(-1L, -1);
        return Stream.of(
                sample("CloneArgs, 64-bit flags and sign bits", CloneArgs.LAYOUT,
                        new CloneArgs(CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP | CLONE_IO | CLONE_NEWPID,
                                0x7fff_ffff_ffff_fff0L, Long.MIN_VALUE, -1L, Signal.SIGCHLD, 0xdead_beef_0000_1000L,
                                Long.MAX_VALUE, 1, 2, 3, 0xffff_ffffL),
                        CloneArgs::write, CloneArgs::read),
                sample("OpenHow", OpenHow.LAYOUT, new OpenHow(Open.O_PATH | Open.O_CLOEXEC | Open.O_DIRECTORY, 07777,
                        Open.RESOLVE_IN_ROOT | Open.RESOLVE_NO_MAGICLINKS | Long.MIN_VALUE), OpenHow::write, OpenHow::read),
                sample("Statx, every field at an extreme", Statx.LAYOUT, new Statx(-1, Integer.MIN_VALUE, Long.MIN_VALUE,
                        -1, -1, Integer.MIN_VALUE, 0xFFFF, -1L, Long.MAX_VALUE, Long.MIN_VALUE, -1L, t1, t2,
                        new StatxTimestamp(Long.MAX_VALUE, Integer.MAX_VALUE), new StatxTimestamp(0, 1), -1, Integer.MIN_VALUE,
                        0x7fff_ffff, 259, Long.MIN_VALUE | 7, -1, 4096), Statx::write, Statx::read),
                sample("Statx, a directory", Statx.LAYOUT, new Statx(0x7ff, 4096, 0, 2, 0, 0, 0040755, 2, 4096, 8, 0,
                        t1, t1, t1, t1, 0, 0, 8, 1, 24, 0, 0), Statx::write, Statx::read),
                sample("StatxTimestamp", StatxTimestamp.LAYOUT, new StatxTimestamp(Long.MAX_VALUE, Integer.MIN_VALUE),
                        StatxTimestamp::write, StatxTimestamp::read),
                sample("MountAttr", MountAttr.LAYOUT, new MountAttr(Mount.MOUNT_ATTR_RDONLY | Mount.MOUNT_ATTR_IDMAP, -1L,
                        Mount.MS_PRIVATE | Mount.MS_REC, Long.MIN_VALUE), MountAttr::write, MountAttr::read),
                sample("Rlimit, infinity", Rlimit.LAYOUT, new Rlimit(Resource.RLIM_INFINITY, Long.MIN_VALUE),
                        Rlimit::write, Rlimit::read),
                sample("CapUserHeader", CapUserHeader.LAYOUT, new CapUserHeader(Caps._LINUX_CAPABILITY_VERSION_3,
                        Integer.MIN_VALUE), CapUserHeader::write, CapUserHeader::read),
                sample("CapUserData", CapUserData.LAYOUT, new CapUserData(-1, Integer.MIN_VALUE, 0x7fff_ffff),
                        CapUserData::write, CapUserData::read),
                sample("SockFilter, unsigned maxima", SockFilter.LAYOUT, new SockFilter(0xFFFF, 0xFF, 0x80, -1),
                        SockFilter::write, SockFilter::read),
                sample("SockFilter, a seccomp return", SockFilter.LAYOUT, SockFilter.stmt(Seccomp.BPF_RET | Seccomp.BPF_K,
                        Seccomp.SECCOMP_RET_KILL_PROCESS), SockFilter::write, SockFilter::read),
                sample("SockFprog", SockFprog.LAYOUT, new SockFprog(0xFFFF, Long.MIN_VALUE | 0x1000), SockFprog::write,
                        SockFprog::read),
                sample("SockaddrNl", SockaddrNl.LAYOUT, new SockaddrNl(-1, Integer.MIN_VALUE), SockaddrNl::write,
                        SockaddrNl::read),
                sample("SignalfdSiginfo", SignalfdSiginfo.LAYOUT, new SignalfdSiginfo(Signal.SIGCHLD, -1, Wait.CLD_KILLED,
                        Integer.MAX_VALUE, -1, Integer.MIN_VALUE, 12345, Signal.SIGKILL, -7, Long.MIN_VALUE, -1L,
                        Long.MAX_VALUE), SignalfdSiginfo::write, SignalfdSiginfo::read),
                sample("Timespec", Timespec.LAYOUT, new Timespec(Long.MIN_VALUE, 999_999_999), Timespec::write,
                        Timespec::read),
                sample("Sysinfo", Sysinfo.LAYOUT, new Sysinfo(Long.MAX_VALUE, -1L, Long.MIN_VALUE, 65536, 1L << 40, 2,
                        3, 4, 5, -1L, 0xFFFF, Long.MIN_VALUE, 7, -1), Sysinfo::write, Sysinfo::read),
                sample("Siginfo, a SIGCHLD", Siginfo.LAYOUT, new Siginfo(Signal.SIGCHLD, -1, Wait.CLD_DUMPED,
                        Integer.MIN_VALUE, -1, Signal.SIGSEGV, Long.MIN_VALUE, Long.MAX_VALUE), Siginfo::write,
                        Siginfo::read),
                sample("Utsname, fields of the maximum length", Utsname.LAYOUT, new Utsname("Linux", "n".repeat(64),
                        "6.1.0-berth", "#1 SMP PREEMPT_DYNAMIC", "x86_64", ""), Utsname::write, Utsname::read),
                sample("Utsname, UTF-8", Utsname.LAYOUT, new Utsname("Linux", "hôte-été", "r", "v", "m", "(none)"),
                        Utsname::write, Utsname::read),
                sample("EpollEvent, EPOLLET (bit 31)", EpollEvent.LAYOUT, new EpollEvent(Epoll.EPOLLET | Epoll.EPOLLIN,
                        Long.MIN_VALUE | 42), EpollEvent::write, EpollEvent::read),
                unix("SockaddrUn, a path", "/run/berth/x/console.sock"),
                unix("SockaddrUn, abstract", "@berth/notify"),
                unix("SockaddrUn, 107 bytes", "/" + "p".repeat(106)),
                sample("Msghdr", Msghdr.LAYOUT, new Msghdr(0x7f00_0000_1000L, -1, Long.MIN_VALUE | 8, Long.MAX_VALUE,
                        0x1234_5678_9abcL, -1L, Sock.MSG_CMSG_CLOEXEC | Sock.MSG_CTRUNC | Integer.MIN_VALUE),
                        Msghdr::write, Msghdr::read),
                sample("Cmsghdr", Cmsghdr.LAYOUT, new Cmsghdr(Long.MIN_VALUE | 20, Sock.SOL_SOCKET, Sock.SCM_RIGHTS),
                        Cmsghdr::write, Cmsghdr::read),
                sample("Ucred", Ucred.LAYOUT, new Ucred(Integer.MAX_VALUE, -1, Integer.MIN_VALUE), Ucred::write,
                        Ucred::read),
                sample("Iovec", Iovec.LAYOUT, new Iovec(Long.MIN_VALUE | 0x10, Long.MAX_VALUE), Iovec::write, Iovec::read),
                sample("Winsize, unsigned maxima", Winsize.LAYOUT, new Winsize(0xFFFF, 0x8000, 0, 1), Winsize::write,
                        Winsize::read));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void writeThenReadGivesBackTheRecordAndStaysInsideTheLayout(Sample s) {
        try (Arena arena = Arena.ofConfined()) {
            long size = s.layout().byteSize();
            MemorySegment memory = arena.allocate(size + GUARD, s.layout().byteAlignment()).fill(PATTERN);
            MemorySegment returned = (MemorySegment) s.write().apply(memory);
            assertEquals(memory.address(), returned.address(), "write returns the segment it wrote");
            assertEquals(s.value(), s.read().apply(memory));
            for (long i = size; i < size + GUARD; i++) {
                assertEquals(PATTERN, memory.get(JAVA_BYTE, i), s + ": write touched byte " + i + " past the layout");
            }
        }
    }

    @Test
    void everyStructRecordHasASample() {
        Set<String> records = PackageClasses.of(CloneArgs.class).stream().filter(Class::isRecord)
                .map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new));
        Set<String> sampled = samples().map(s -> s.type().getSimpleName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(records, sampled);
    }

    @Test
    void layoutSizesAreTheCSizes() {
        Map<String, Long> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("CloneArgs", 88L), Map.entry("OpenHow", 24L), Map.entry("Statx", 256L),
                Map.entry("StatxTimestamp", 16L), Map.entry("MountAttr", 32L), Map.entry("Rlimit", 16L),
                Map.entry("CapUserHeader", 8L), Map.entry("CapUserData", 12L), Map.entry("SockFilter", 8L),
                Map.entry("SockFprog", 16L), Map.entry("SockaddrNl", 12L), Map.entry("SignalfdSiginfo", 128L),
                Map.entry("Timespec", 16L), Map.entry("Sysinfo", 112L), Map.entry("Siginfo", 128L),
                Map.entry("Utsname", 390L), Map.entry("EpollEvent", (long) Arch.current().epollEventSize),
                Map.entry("SockaddrUn", 110L), Map.entry("Msghdr", 56L), Map.entry("Cmsghdr", 16L),
                Map.entry("Ucred", 12L), Map.entry("Iovec", 16L), Map.entry("Winsize", 8L)));
        Map<String, Long> actual = new TreeMap<>();
        samples().forEach(s -> actual.put(s.type().getSimpleName(), s.layout().byteSize()));
        assertEquals(expected, actual);
        assertEquals(12, EpollEvent.layout(Arch.X86_64).byteSize(), "packed on x86_64");
        assertEquals(16, EpollEvent.layout(Arch.AARCH64).byteSize(), "naturally aligned on aarch64");
    }
}
