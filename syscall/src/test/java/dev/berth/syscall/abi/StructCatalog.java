package dev.berth.syscall.abi;

import static dev.berth.syscall.abi.Unit.GLIBC;
import static dev.berth.syscall.abi.Unit.UAPI;

import dev.berth.syscall.Arch;
import dev.berth.syscall.struct.CapUserData;
import dev.berth.syscall.struct.CapUserHeader;
import dev.berth.syscall.struct.CloneArgs;
import dev.berth.syscall.struct.Cmsghdr;
import dev.berth.syscall.struct.EpollEvent;
import dev.berth.syscall.struct.Iovec;
import dev.berth.syscall.struct.MountAttr;
import dev.berth.syscall.struct.Msghdr;
import dev.berth.syscall.struct.OpenHow;
import dev.berth.syscall.struct.Rlimit;
import dev.berth.syscall.struct.Siginfo;
import dev.berth.syscall.struct.SignalfdSiginfo;
import dev.berth.syscall.struct.SockFilter;
import dev.berth.syscall.struct.SockFprog;
import dev.berth.syscall.struct.SockaddrNl;
import dev.berth.syscall.struct.SockaddrUn;
import dev.berth.syscall.struct.Statx;
import dev.berth.syscall.struct.StatxTimestamp;
import dev.berth.syscall.struct.Sysinfo;
import dev.berth.syscall.struct.Timespec;
import dev.berth.syscall.struct.Ucred;
import dev.berth.syscall.struct.Utsname;
import dev.berth.syscall.struct.Winsize;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.PaddingLayout;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which C type each struct record of {@code dev.berth.syscall.struct} mirrors, from which header, and
 * the checks that follow from its {@code MemoryLayout}: size and alignment (at least C's) of the whole, and offset and
 * size of every named member, nested ones included ({@code stx_atime.tv_nsec}); padding is skipped.
 * Member names are the C names (Berth's layouts use them), so {@code offsetof} takes them as they are.
 *
 * <p>A record with a static {@code layout(Arch)} method ({@link EpollEvent}: packed on x86_64 only) is
 * checked with that architecture's layout; every other record with its {@code LAYOUT}.
 */
final class StructCatalog {
    /** A record's C counterpart: the type as {@code offsetof} takes it, and the header that defines it. */
    record CType(String type, String header, Unit unit) {}

    static final Map<Class<?>, CType> TYPES = types();

    private StructCatalog() {}

    private static Map<Class<?>, CType> types() {
        Map<Class<?>, CType> m = new LinkedHashMap<>();
        m.put(CloneArgs.class, new CType("struct clone_args", "<linux/sched.h>", UAPI));
        m.put(OpenHow.class, new CType("struct open_how", "<linux/openat2.h>", UAPI));
        m.put(Statx.class, new CType("struct statx", "<linux/stat.h>", UAPI));
        m.put(StatxTimestamp.class, new CType("struct statx_timestamp", "<linux/stat.h>", UAPI));
        m.put(MountAttr.class, new CType("struct mount_attr", "<linux/mount.h>", UAPI));
        m.put(Rlimit.class, new CType("struct rlimit", "<linux/resource.h>", UAPI));
        m.put(CapUserHeader.class, new CType("struct __user_cap_header_struct", "<linux/capability.h>", UAPI));
        m.put(CapUserData.class, new CType("struct __user_cap_data_struct", "<linux/capability.h>", UAPI));
        m.put(SockFilter.class, new CType("struct sock_filter", "<linux/filter.h>", UAPI));
        m.put(SockFprog.class, new CType("struct sock_fprog", "<linux/filter.h>", UAPI));
        m.put(SockaddrNl.class, new CType("struct sockaddr_nl", "<linux/netlink.h>", UAPI));
        m.put(SignalfdSiginfo.class, new CType("struct signalfd_siginfo", "<linux/signalfd.h>", UAPI));
        m.put(Timespec.class, new CType("struct __kernel_timespec", "<linux/time_types.h>", UAPI));
        m.put(Sysinfo.class, new CType("struct sysinfo", "<linux/sysinfo.h>", UAPI));
        // si_pid, si_status, ... are glibc macros for members of the _sifields union: offsetof takes them.
        m.put(Siginfo.class, new CType("siginfo_t", "<signal.h>", GLIBC));
        // domainname (rather than __domainname) needs _GNU_SOURCE, which the glibc unit defines.
        m.put(Utsname.class, new CType("struct utsname", "<sys/utsname.h>", GLIBC));
        m.put(EpollEvent.class, new CType("struct epoll_event", "<sys/epoll.h>", GLIBC));
        m.put(SockaddrUn.class, new CType("struct sockaddr_un", "<sys/un.h>", GLIBC));
        m.put(Msghdr.class, new CType("struct msghdr", "<sys/socket.h>", GLIBC));
        m.put(Cmsghdr.class, new CType("struct cmsghdr", "<sys/socket.h>", GLIBC));
        m.put(Ucred.class, new CType("struct ucred", "<sys/socket.h>", GLIBC));
        m.put(Iovec.class, new CType("struct iovec", "<sys/uio.h>", GLIBC));
        m.put(Winsize.class, new CType("struct winsize", "<sys/ioctl.h>", GLIBC));
        return m;
    }

    /** The struct records of the package: its top-level records. */
    static List<Class<?>> records() {
        return PackageClasses.of(CloneArgs.class).stream().filter(Class::isRecord).toList();
    }

    /** Records without a C type, C types whose header their unit lacks, records without a layout. */
    static List<String> problems() {
        List<String> out = new ArrayList<>();
        for (Class<?> r : records()) {
            if (!TYPES.containsKey(r)) {
                out.add(r.getSimpleName() + " is a record in " + r.getPackageName() + " with no C type in"
                        + " StructCatalog.TYPES, so the ABI check would not see it");
            }
        }
        for (Map.Entry<Class<?>, CType> e : TYPES.entrySet()) {
            if (!e.getValue().unit().includes(e.getValue().header())) {
                out.add(e.getKey().getSimpleName() + ": unit " + e.getValue().unit() + " does not include "
                        + e.getValue().header());
            }
            try {
                layout(e.getKey(), Arch.current());
            } catch (RuntimeException ex) {
                out.add(e.getKey().getSimpleName() + ": " + ex.getMessage());
            }
        }
        return out;
    }

    /** The layout of {@code record} on {@code arch}. */
    static GroupLayout layout(Class<?> record, Arch arch) {
        try {
            for (Method m : record.getMethods()) {
                if (m.getName().equals("layout") && Modifier.isStatic(m.getModifiers())
                        && m.getParameterCount() == 1 && m.getParameterTypes()[0] == Arch.class) {
                    return (GroupLayout) m.invoke(null, arch);
                }
            }
            return (GroupLayout) record.getField("LAYOUT").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no public static LAYOUT or layout(Arch): " + e, e);
        }
    }

    /** The checks of every mapped record on {@code arch}, by unit. */
    static Map<Unit, List<Check>> checks(Arch arch) {
        Map<Unit, List<Check>> out = new LinkedHashMap<>();
        for (Map.Entry<Class<?>, CType> e : TYPES.entrySet()) {
            String record = e.getKey().getSimpleName();
            CType t = e.getValue();
            GroupLayout layout = layout(e.getKey(), arch);
            List<Check> checks = out.computeIfAbsent(t.unit(), u -> new ArrayList<>());
            checks.add(size(record + " size (sizeof(" + t.type() + "))", "sizeof(" + t.type() + ")",
                    layout.byteSize()));
            // Java may align more strictly than C (EpollEvent keeps 4 on x86_64, where the packed C struct
            // has 1): its allocations still suit C. Less strictly never: C would find its structs misaligned.
            checks.add(new Check(record + " alignment (_Alignof(" + t.type() + "))", "_Alignof(" + t.type() + ")",
                    layout.byteAlignment(), Check.Width.INT64, Check.Radix.DECIMAL, null, Check.Relation.C_AT_MOST));
            members(layout, "", new ArrayList<>(), (path, elements, member) -> {
                long offset = layout.byteOffset(elements.toArray(MemoryLayout.PathElement[]::new));
                checks.add(size(record + "." + path + " offset", "offsetof(" + t.type() + ", " + path + ")", offset));
                checks.add(size(record + "." + path + " size", "sizeof(((" + t.type() + " *)0)->" + path + ")",
                        member.byteSize()));
            });
        }
        return out;
    }

    /** Counts of what {@link #checks} covers on {@code arch}: records and named members. */
    static int[] counts(Arch arch) {
        int[] members = {0};
        for (Class<?> r : TYPES.keySet()) {
            members(layout(r, arch), "", new ArrayList<>(), (p, e, m) -> members[0]++);
        }
        return new int[] {TYPES.size(), members[0]};
    }

    private interface MemberVisitor {
        void visit(String path, List<MemoryLayout.PathElement> elements, MemoryLayout member);
    }

    private static void members(GroupLayout group, String prefix, List<MemoryLayout.PathElement> elements,
            MemberVisitor visitor) {
        for (MemoryLayout m : group.memberLayouts()) {
            if (m instanceof PaddingLayout) {
                continue;
            }
            String name = m.name().orElseThrow(() -> new IllegalStateException(
                    "an unnamed member in " + group + ": name it as C does, or make it padding"));
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            List<MemoryLayout.PathElement> here = new ArrayList<>(elements);
            here.add(MemoryLayout.PathElement.groupElement(name));
            visitor.visit(path, here, m);
            if (m instanceof GroupLayout nested) {
                members(nested, path, here, visitor);
            }
        }
    }

    private static Check size(String name, String c, long java) {
        return new Check(name, c, java, Check.Width.INT64, Check.Radix.DECIMAL, null);
    }
}
