package dev.berth.syscall.spawn;

import dev.berth.syscall.Arch;
import dev.berth.syscall.Errno;
import dev.berth.syscall.ErrnoException;
import dev.berth.syscall.Fcntl;
import dev.berth.syscall.Fs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The exec shim: a static ELF of a few hundred bytes that a spawned child execs from a sealed memfd
 * before the payload ({@link PlanBuilder#execveThroughShim}). Until a child execs, its
 * {@code /proc/self/exe} is the JVM's binary, {@code java}, on the host; if the payload's exec ran the
 * kernel's script or ELF-interpreter lookup from there, an image could name {@code /proc/self/exe} as
 * interpreter, run the host's {@code java} inside the container, keep an fd of it and overwrite it once
 * Berth has exited (runc CVE-2019-5736, runc's fix being the same idea: exec a sealed copy first). After
 * the shim's exec, {@code /proc/self/exe} is the shim: private to this spawn, sealed against writes, and
 * harmless to run again. Its code is {@code exec-shim-ARCH.S} (x86_64 only so far, as is the spawn
 * engine); what it does is told there.
 */
final class ExecShim {
    /** The placeholders in the assembled code for the error fd and the step number (see the .S file). */
    static final int ERRFD_PLACEHOLDER = 0x7e5e1fd0;
    static final int STEP_PLACEHOLDER = 0x7e5e57e9;
    /** {@code MFD_EXEC} of {@code <linux/memfd.h>} (Linux 6.3): executable even where vm.memfd_noexec says otherwise. */
    private static final int MFD_EXEC = 0x0010;
    /** {@code F_SEAL_EXEC} (Linux 6.3): the mode cannot change. */
    private static final int F_SEAL_EXEC = 0x0020;

    private static final int EHDR = 64;
    private static final int PHDR = 56;
    private static final int HEADERS = EHDR + 2 * PHDR;

    private ExecShim() {}

    /** Whether the shim exists for {@code arch}. */
    static boolean supported(Arch arch) {
        return arch == Arch.X86_64;
    }

    /** The resource name of the assembled code for {@code arch}. */
    static String resource(Arch arch) {
        return "exec-shim-" + arch.kernelName() + ".bin";
    }

    /** The assembled code, as committed, placeholders included. */
    static byte[] code(Arch arch) {
        try (InputStream in = ExecShim.class.getResourceAsStream(resource(arch))) {
            if (in == null) {
                throw new IllegalStateException("no exec shim for " + arch);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The shim as an ELF executable ({@code ET_DYN}, one read+exec {@code PT_LOAD} of the whole file, a
     * non-executable stack) that reports failure as step {@code step} on fd {@code errFd}.
     */
    static byte[] elf(Arch arch, int errFd, int step) {
        byte[] code = code(arch);
        int fds = patch(code, ERRFD_PLACEHOLDER, errFd);
        int steps = patch(code, STEP_PLACEHOLDER, step);
        if (fds != 2 || steps != 1) {
            throw new IllegalStateException("exec shim for " + arch + ": placeholders found " + fds + " and " + steps
                    + " times");
        }
        int size = HEADERS + code.length;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2 /* ELFCLASS64 */, 1 /* little endian */, 1 /* EV_CURRENT */});
        b.position(16);
        b.putShort((short) 3); // ET_DYN: loaded at a random base, the code is position independent
        b.putShort((short) (arch == Arch.X86_64 ? 62 : 183)); // EM_X86_64, EM_AARCH64
        b.putInt(1);
        b.putLong(HEADERS); // e_entry: the code follows the headers
        b.putLong(EHDR); // e_phoff
        b.putLong(0); // e_shoff: no sections
        b.putInt(0);
        b.putShort((short) EHDR);
        b.putShort((short) PHDR);
        b.putShort((short) 2);
        b.putShort((short) 64); // e_shentsize
        b.putShort((short) 0);
        b.putShort((short) 0);
        // PT_LOAD, PF_R|PF_X: the whole file at offset 0
        b.putInt(1).putInt(5).putLong(0).putLong(0).putLong(0).putLong(size).putLong(size).putLong(4096);
        // PT_GNU_STACK, PF_R|PF_W: no executable stack
        b.putInt(0x6474e551).putInt(6).putLong(0).putLong(0).putLong(0).putLong(0).putLong(0).putLong(16);
        b.put(code);
        return b.array();
    }

    private static int patch(byte[] code, int placeholder, int value) {
        int n = 0;
        for (int i = 0; i + 4 <= code.length; i++) {
            if ((code[i] & 0xff) == (placeholder & 0xff) && (code[i + 1] & 0xff) == ((placeholder >>> 8) & 0xff)
                    && (code[i + 2] & 0xff) == ((placeholder >>> 16) & 0xff) && (code[i + 3] & 0xff) == (placeholder >>> 24)) {
                code[i] = (byte) value;
                code[i + 1] = (byte) (value >>> 8);
                code[i + 2] = (byte) (value >>> 16);
                code[i + 3] = (byte) (value >>> 24);
                n++;
                i += 3;
            }
        }
        return n;
    }

    /** A close-on-exec memfd holding {@code elf}, sealed against any change. */
    static int memfd(byte[] elf) throws ErrnoException {
        int fd;
        try {
            fd = Fs.memfdCreate("berth-exec-shim", Fcntl.MFD_CLOEXEC | Fcntl.MFD_ALLOW_SEALING | MFD_EXEC);
        } catch (ErrnoException e) {
            if (!e.is(Errno.EINVAL)) {
                throw e;
            }
            // before Linux 6.3 there is no MFD_EXEC, and every memfd is executable
            fd = Fs.memfdCreate("berth-exec-shim", Fcntl.MFD_CLOEXEC | Fcntl.MFD_ALLOW_SEALING);
        }
        try {
            Fs.writeAll(fd, elf);
            int seals = Fcntl.F_SEAL_SEAL | Fcntl.F_SEAL_SHRINK | Fcntl.F_SEAL_GROW | Fcntl.F_SEAL_WRITE;
            try {
                Fs.fcntl(fd, Fcntl.F_ADD_SEALS, seals | F_SEAL_EXEC);
            } catch (ErrnoException e) {
                if (!e.is(Errno.EINVAL)) {
                    throw e;
                }
                Fs.fcntl(fd, Fcntl.F_ADD_SEALS, seals);
            }
            return fd;
        } catch (ErrnoException | RuntimeException e) {
            Spawner.closeQuietly(fd);
            throw e;
        }
    }
}
