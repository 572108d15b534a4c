package dev.berth.syscall.abi;

import static dev.berth.syscall.abi.Unit.GLIBC;
import static dev.berth.syscall.abi.Unit.UAPI;

import dev.berth.syscall.Arch;
import dev.berth.syscall.At;
import dev.berth.syscall.Caps;
import dev.berth.syscall.Clocks;
import dev.berth.syscall.Clone;
import dev.berth.syscall.Epoll;
import dev.berth.syscall.Errno;
import dev.berth.syscall.Fcntl;
import dev.berth.syscall.Ioctl;
import dev.berth.syscall.Mman;
import dev.berth.syscall.Mount;
import dev.berth.syscall.Open;
import dev.berth.syscall.Personality;
import dev.berth.syscall.Prctl;
import dev.berth.syscall.Reboot;
import dev.berth.syscall.Resource;
import dev.berth.syscall.Sched;
import dev.berth.syscall.Seccomp;
import dev.berth.syscall.Signal;
import dev.berth.syscall.Sock;
import dev.berth.syscall.Stat;
import dev.berth.syscall.Termios;
import dev.berth.syscall.Wait;
import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.FieldModel;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Every constant of Berth's constant families, found by reflection, and what in C each must equal.
 * By default a constant {@code Family.NAME} is compared with the C macro (or enumerator) {@code NAME}
 * of its family's {@link Unit}. The exceptions are listed in {@link #SPECIAL}, each with its reason;
 * a constant that is neither a C name nor listed fails the check until someone maps it.
 *
 * <p>Architectures: the constant classes initialise from {@link Arch#current()}, so on an x86_64 JVM
 * {@code Open.O_DIRECTORY} holds x86_64's value. A constant that is not a compile-time constant (its
 * class file has no {@code ConstantValue} attribute, i.e. it is computed when the class initialises)
 * may depend on the architecture, and must be listed in {@link #PER_ARCH} with the formula that gives
 * its value on any {@link Arch} from that architecture's fields; the check then expects that value
 * from each architecture's headers. The formula is itself checked against the running architecture's
 * field value, so it cannot drift from the source.
 */
final class ConstantCatalog {
    /** The constant families, in the order the report lists them. */
    static final List<Class<?>> FAMILIES = List.of(Clone.class, Mount.class, At.class, Open.class, Fcntl.class,
            Stat.class, Signal.class, Prctl.class, Caps.class, Seccomp.class, Ioctl.class, Sock.class, Wait.class,
            Resource.class, Reboot.class, Epoll.class, Mman.class, Personality.class, Clocks.class, Sched.class,
            Errno.class, Termios.class);

    /** Families whose C names come from glibc rather than the kernel's uapi headers. */
    private static final Map<Class<?>, Unit> HOME = Map.of(
            Sock.class, GLIBC); // AF_*, SOCK_*, MSG_*, SOL_*: <sys/socket.h>; the uapi has no AF_* at all

    /** What a constant is compared with when it is not the C name of its own. */
    sealed interface Mapping {
        String reason();
    }

    /** Compare with the C expression {@code c} in {@code unit}. */
    record Expr(Unit unit, String c, String reason) implements Mapping {}

    /** Not compared on {@code on} (every architecture when empty), for {@code reason}. */
    record Skip(Set<Arch> on, String reason) implements Mapping {}

    private static final String NS_FLAGS =
            "CLONE_NEWNS|CLONE_NEWCGROUP|CLONE_NEWUTS|CLONE_NEWIPC|CLONE_NEWUSER|CLONE_NEWPID|CLONE_NEWNET|CLONE_NEWTIME";
    private static final String UMOUNT = "umount2(2) flags: glibc's <sys/mount.h> (the kernel keeps them in its"
            + " internal <linux/fs.h>)";
    private static final String EFD = "eventfd(2) flags: linux-libc-dev 6.1 exports no <linux/eventfd.h>;"
            + " glibc's <sys/eventfd.h>";

    private static final String SIGMAX = "The kernel's _NSIG (64): x86_64's uapi <asm/signal.h> does not define"
            + " it for user space (its SIGRTMAX expands to an undefined _NSIG), glibc's __SIGRTMAX"
            + " (<bits/signum-arch.h>) is that value on both architectures";

    static final Map<String, Mapping> SPECIAL = Map.ofEntries(
            expr("Clone.NAMESPACES", NS_FLAGS, "Berth's union of the namespace flags; no header names it"),
            glibc("Mount.MNT_FORCE", UMOUNT),
            glibc("Mount.MNT_DETACH", UMOUNT),
            glibc("Mount.MNT_EXPIRE", UMOUNT),
            glibc("Mount.UMOUNT_NOFOLLOW", UMOUNT),
            expr("Open.O_ASYNC", "FASYNC", "the kernel's name (<asm-generic/fcntl.h>); O_ASYNC is glibc's"),
            glibcExpr("Signal.SIGRTMAX", "__SIGRTMAX", SIGMAX),
            glibcExpr("Signal.NSIG", "__SIGRTMAX", "Berth's NSIG is the highest signal number; glibc's NSIG is one"
                    + " more (65), x86_64's <asm/signal.h> NSIG the legacy 32. " + SIGMAX),
            glibcExpr("Signal.SIGSET_SIZE", "(__SIGRTMAX / 8)", "the kernel's sigset_t of rt_sig* calls, one bit per"
                    + " signal, not glibc's 128-byte sigset_t. " + SIGMAX),
            expr("Seccomp.SECCOMP_DATA_NR", "offsetof(struct seccomp_data, nr)", "an offset in struct seccomp_data"),
            expr("Seccomp.SECCOMP_DATA_ARCH", "offsetof(struct seccomp_data, arch)", "an offset in struct seccomp_data"),
            expr("Seccomp.SECCOMP_DATA_INSTRUCTION_POINTER", "offsetof(struct seccomp_data, instruction_pointer)",
                    "an offset in struct seccomp_data"),
            expr("Seccomp.SECCOMP_DATA_ARGS", "offsetof(struct seccomp_data, args)", "an offset in struct seccomp_data"),
            skipOn("Seccomp.__X32_SYSCALL_BIT", Arch.AARCH64, "only x86_64's <asm/unistd.h> defines it"),
            glibc("Epoll.EFD_SEMAPHORE", EFD),
            glibc("Epoll.EFD_CLOEXEC", EFD),
            glibc("Epoll.EFD_NONBLOCK", EFD),
            skip("Personality.QUERY", "personality(2) documents 0xffffffff as \"query\"; no header names it"),
            expr("Sched.SCHED_OTHER", "SCHED_NORMAL", "the kernel's name for POSIX's SCHED_OTHER"),
            skip("Errno.ENOTSUPP", "kernel-internal (include/linux/errno.h, not exported to user space), yet it"
                    + " reaches user space from NFS and some drivers"),
            glibc("Errno.ENOTSUP", "glibc's POSIX alias of EOPNOTSUPP (<bits/errno.h>); the kernel has no such name"),
            expr("Termios.IFLAG", "offsetof(struct termios, c_iflag)", "an offset in the kernel's struct termios"),
            expr("Termios.OFLAG", "offsetof(struct termios, c_oflag)", "an offset in the kernel's struct termios"),
            expr("Termios.CFLAG", "offsetof(struct termios, c_cflag)", "an offset in the kernel's struct termios"),
            expr("Termios.LFLAG", "offsetof(struct termios, c_lflag)", "an offset in the kernel's struct termios"),
            expr("Termios.CC", "offsetof(struct termios, c_cc)", "an offset in the kernel's struct termios"),
            expr("Termios.SIZE", "sizeof(struct termios)", "the kernel's struct termios (glibc's is larger)"));

    /** The value of each architecture-dependent constant on any architecture. */
    static final Map<String, ToLongFunction<Arch>> PER_ARCH = Map.of(
            "Open.O_DIRECT", a -> a.O_DIRECT,
            "Open.O_DIRECTORY", a -> a.O_DIRECTORY,
            "Open.O_NOFOLLOW", a -> a.O_NOFOLLOW,
            // <asm-generic/fcntl.h>: #define O_TMPFILE (__O_TMPFILE | O_DIRECTORY), __O_TMPFILE 020000000
            "Open.O_TMPFILE", a -> 020000000 | a.O_DIRECTORY);

    /** One public constant of a family. */
    record Constant(Class<?> family, String field, boolean isInt, long value, boolean compileTimeConstant) {
        String name() {
            return family.getSimpleName() + "." + field;
        }
    }

    private ConstantCatalog() {}

    /** Every public static final int or long of every family. */
    static List<Constant> constants() {
        List<Constant> out = new ArrayList<>();
        for (Class<?> family : FAMILIES) {
            Set<String> constantValued = constantValuedFields(family);
            for (Field f : family.getDeclaredFields()) {
                if (!isPublicConstant(f)) {
                    continue;
                }
                try {
                    boolean isInt = f.getType() == int.class;
                    long v = isInt ? f.getInt(null) : f.getLong(null);
                    out.add(new Constant(family, f.getName(), isInt, v, constantValued.contains(f.getName())));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    static boolean isPublicConstant(Field f) {
        int m = f.getModifiers();
        return Modifier.isPublic(m) && Modifier.isStatic(m) && Modifier.isFinal(m)
                && (f.getType() == int.class || f.getType() == long.class);
    }

    /** The checks of every constant for {@code arch}, by unit. */
    static Map<Unit, List<Check>> checks(Arch arch) {
        Map<Unit, List<Check>> out = new EnumMap<>(Unit.class);
        for (Constant k : constants()) {
            Mapping m = SPECIAL.get(k.name());
            if (m instanceof Skip s && (s.on().isEmpty() || s.on().contains(arch))) {
                continue;
            }
            Unit unit = m instanceof Expr e ? e.unit() : HOME.getOrDefault(k.family(), UAPI);
            String c = m instanceof Expr e ? e.c() : k.field();
            ToLongFunction<Arch> perArch = PER_ARCH.get(k.name());
            long java = perArch != null ? perArch.applyAsLong(arch) : k.value();
            out.computeIfAbsent(unit, u -> new ArrayList<>()).add(new Check(k.name(), c, java,
                    k.isInt() ? Check.Width.INT32 : Check.Width.INT64, Check.Radix.forConstant(k.field(), java), null));
        }
        // The per-architecture facts of Arch itself that no constant family carries.
        out.computeIfAbsent(UAPI, u -> new ArrayList<>()).add(new Check("Arch." + arch.name() + ".auditArch()",
                "AUDIT_ARCH_" + arch.name(), arch.auditArch(), Check.Width.INT64, Check.Radix.HEX, null));
        out.computeIfAbsent(GLIBC, u -> new ArrayList<>()).add(new Check("Arch." + arch.name() + ".epollEventSize",
                "sizeof(struct epoll_event)", arch.epollEventSize, Check.Width.INT32, Check.Radix.DECIMAL, null));
        return out;
    }

    /**
     * What is wrong with the catalog itself, independent of any compiler: entries naming constants that
     * do not exist, constants computed at class initialisation without a per-architecture formula (or
     * whose formula disagrees with the field), and classes of the syscall package that hold constants
     * but are not listed as families.
     */
    static List<String> problems() {
        List<String> out = new ArrayList<>();
        Map<String, Constant> byName = new LinkedHashMap<>();
        constants().forEach(k -> byName.put(k.name(), k));
        for (String name : SPECIAL.keySet()) {
            if (!byName.containsKey(name)) {
                out.add("SPECIAL maps " + name + ", which is no public constant of a family");
            }
        }
        for (String name : PER_ARCH.keySet()) {
            if (!byName.containsKey(name)) {
                out.add("PER_ARCH maps " + name + ", which is no public constant of a family");
            }
        }
        for (Constant k : byName.values()) {
            ToLongFunction<Arch> f = PER_ARCH.get(k.name());
            if (f == null && !k.compileTimeConstant()) {
                out.add(k.name() + " is computed when " + k.family().getSimpleName() + " initialises, so it may"
                        + " depend on Arch.current(): give its per-architecture value in ConstantCatalog.PER_ARCH");
            } else if (f != null && f.applyAsLong(Arch.current()) != k.value()) {
                out.add("PER_ARCH's formula for " + k.name() + " gives " + f.applyAsLong(Arch.current()) + " on "
                        + Arch.current() + ", the field holds " + k.value());
            }
        }
        Set<Class<?>> families = new HashSet<>(FAMILIES);
        for (Class<?> c : PackageClasses.of(Arch.class)) {
            if (families.contains(c)) {
                continue;
            }
            for (Field f : c.getDeclaredFields()) {
                if (isPublicConstant(f)) {
                    out.add(c.getSimpleName() + " holds the constant " + f.getName()
                            + " but is not in ConstantCatalog.FAMILIES, so the ABI check would not see it");
                    break;
                }
            }
        }
        return out;
    }

    /** The fields of {@code c} that javac gave a {@code ConstantValue} attribute (compile-time constants). */
    private static Set<String> constantValuedFields(Class<?> c) {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            if (in == null) {
                throw new IllegalStateException("no class file for " + c);
            }
            Set<String> out = new HashSet<>();
            for (FieldModel f : ClassFile.of().parse(in.readAllBytes()).fields()) {
                if (f.findAttribute(Attributes.constantValue()).isPresent()) {
                    out.add(f.fieldName().stringValue());
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map.Entry<String, Mapping> expr(String name, String c, String reason) {
        return Map.entry(name, new Expr(UAPI, c, reason));
    }

    private static Map.Entry<String, Mapping> glibc(String name, String reason) {
        return Map.entry(name, new Expr(GLIBC, name.substring(name.indexOf('.') + 1), reason));
    }

    private static Map.Entry<String, Mapping> glibcExpr(String name, String c, String reason) {
        return Map.entry(name, new Expr(GLIBC, c, reason));
    }

    private static Map.Entry<String, Mapping> skip(String name, String reason) {
        return Map.entry(name, new Skip(Set.of(), reason));
    }

    private static Map.Entry<String, Mapping> skipOn(String name, Arch arch, String reason) {
        return Map.entry(name, new Skip(Set.of(arch), reason));
    }
}
